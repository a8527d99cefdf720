/**
 * Scion's vector database engine, usable in-process.
 *
 * <p>A {@link dev.scion.vector.VectorDatabase} holds named {@link dev.scion.vector.VectorCollection
 * collections}. A collection has a fixed dimension and a {@link dev.scion.vector.Distance}; it
 * stores {@link dev.scion.vector.Point points} (an id, a vector, a JSON payload) and answers
 * nearest neighbour {@link dev.scion.vector.SearchRequest searches}, optionally restricted by a
 * payload {@link dev.scion.vector.Filter}.
 *
 * <p>Code that only keeps and searches vectors depends on {@link dev.scion.vector.VectorStore}: the
 * embedded database, or {@link dev.scion.vector.VectorStore#remote a remote server} that speaks
 * Qdrant's REST API (a Qdrant cluster, or another Scion server), with the same results and
 * exceptions.
 *
 * <p>Contracts:
 *
 * <ul>
 *   <li>A write that returns with {@code wait = true} is on disk (write-ahead log, fsync) and
 *       survives a crash of the process.
 *   <li>Damaged files never silently lose data: a damaged log record is skipped and reported by
 *       {@link dev.scion.vector.VectorCollection#damage()} while every later record is recovered,
 *       and a collection whose files cannot be read is kept aside, reported by {@link
 *       dev.scion.vector.VectorDatabase#unavailable()} with the file named, while the other
 *       collections open.
 *   <li>Searches may run concurrently with writes and never block on them.
 *   <li>Bad input (wrong dimension, NaN, unknown collection) throws a subclass of {@link
 *       dev.scion.vector.VectorException} whose message names the input and the fix; nothing is
 *       written.
 * </ul>
 *
 * <p>The index is HNSW (Malkov and Yashunin, 2016): {@code m} is the paper's M (links per node on
 * the upper layers, 2M on layer 0), {@code efConstruction} the beam width while inserting and
 * {@code ef} the beam width while searching. The graph is walked on int8 scalar-quantized vectors
 * and the candidates are re-ranked on the stored float vectors.
 */
package dev.scion.vector;
