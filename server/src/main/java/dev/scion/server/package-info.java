/**
 * Scion's HTTP server: the Qdrant-compatible vector API, health endpoints, API keys and error
 * mapping. Every error answers with a 4xx (or 5xx only for failures of the server itself) and a
 * Qdrant-style body {@code {"status":{"error":"..."},"time":...}} whose message names the bad input
 * and the fix.
 */
package dev.scion.server;
