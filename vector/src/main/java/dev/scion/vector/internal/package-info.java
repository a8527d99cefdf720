/**
 * The engine's internals: distance kernels, vector stores, the HNSW graph, payload indexes and the
 * storage formats (write-ahead log, segment files). Nothing here is API; it may change at any time.
 *
 * <p>Concurrency model: one writer at a time per collection (the collection's write lock), any
 * number of lock-free readers. Every per-point array is written before the segment's volatile
 * {@code size} is raised, and readers read {@code size} first, so a reader sees every point below
 * the size it read. Links to points above that size are skipped.
 */
package dev.scion.vector.internal;
