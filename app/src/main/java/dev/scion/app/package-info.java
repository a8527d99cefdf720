/**
 * The {@code scion} command line (picocli). Each command is one class; they share the exit-code and
 * error conventions of {@link dev.scion.app.ScionCommand}: 0 success, 1 the work failed, 2 bad
 * usage, and errors as one line on stderr that names the bad input and the fix.
 */
package dev.scion.app;
