/** Side-by-side benchmarks of Scion against its peers. */
package dev.scion.bench;
