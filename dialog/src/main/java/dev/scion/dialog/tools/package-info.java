/**
 * A pack's business database and the tools over it. A pack declares its tools as SQL with named
 * parameters in {@code tools.yaml}: queries, and transactions whose steps must change an expected
 * number of rows (otherwise everything rolls back), with an optional replay query that makes a
 * write idempotent. The same SQL runs on embedded H2 and on PostgreSQL.
 */
package dev.scion.dialog.tools;
