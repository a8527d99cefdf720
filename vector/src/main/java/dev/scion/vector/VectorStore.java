package dev.scion.vector;

import dev.scion.vector.internal.QdrantStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Named vector collections, wherever they are kept: in this process ({@link VectorDatabase}, the
 * default) or on a server that speaks Qdrant's REST API ({@link #remote}: a Qdrant cluster, which
 * shards and replicates, or another Scion server). Both behave alike: the same results for the same
 * data, and the same exceptions for the same mistakes ({@link NotFoundException}, {@link
 * InvalidInputException}, {@link AlreadyExistsException}; {@link StorageException} when the store
 * cannot be reached).
 */
public interface VectorStore extends AutoCloseable {

  /** Creates a collection; throws {@link AlreadyExistsException} if the name is taken. */
  Collection create(String name, CollectionConfig config);

  /** The collection called {@code name}; throws {@link NotFoundException} if there is none. */
  Collection collection(String name);

  /** Whether a collection of that name exists. */
  boolean exists(String name);

  /** Deletes a collection and its points; returns whether it existed. */
  boolean delete(String name);

  @Override
  void close();

  /** The embedded store under {@code root} (created if needed). */
  static VectorDatabase embedded(Path root) {
    return VectorDatabase.open(root);
  }

  /**
   * A store on a server speaking Qdrant's REST API at {@code url} (for example {@code
   * http://qdrant:6333}), sending {@code apiKey} in the {@code api-key} header when not null.
   */
  static VectorStore remote(URI url, String apiKey) {
    return new QdrantStore(url, apiKey, Duration.ofSeconds(30));
  }

  /** The points of one collection: writes, look-ups, searches. */
  interface Collection {
    String name();

    /** The dimension, distance and index parameters fixed when the collection was created. */
    CollectionConfig config();

    /**
     * Inserts or replaces points by id. With {@code wait} the write is durable when this returns.
     * Returns the operation's sequence number.
     */
    long upsert(List<Point> points, boolean wait);

    /** Deletes points by id; unknown ids are ignored. Returns the operation's sequence number. */
    long delete(List<PointId> ids, boolean wait);

    /** The points with the given ids that exist, in the order asked. */
    List<Point> retrieve(List<PointId> ids, boolean withPayload, boolean withVector);

    /** The nearest points to the request's vector, best first. */
    List<ScoredPoint> search(SearchRequest request);

    /** A page of points in id order, starting at {@code offset} (inclusive; null for the start). */
    ScrollPage scroll(
        Filter filter, PointId offset, int limit, boolean withPayload, boolean withVector);

    /** The number of points that pass {@code filter} (all points for null). */
    long count(Filter filter);
  }
}
