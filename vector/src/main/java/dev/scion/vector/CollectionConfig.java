package dev.scion.vector;

/**
 * The fixed shape of a collection.
 *
 * @param dimension the number of floats in every vector
 * @param distance how vectors are compared
 * @param hnsw the index parameters
 */
public record CollectionConfig(int dimension, Distance distance, HnswParams hnsw) {
  /** The largest dimension accepted. */
  public static final int MAX_DIMENSION = 65_536;

  public CollectionConfig {
    if (dimension < 1 || dimension > MAX_DIMENSION) {
      throw new InvalidInputException(
          "vector size must be between 1 and " + MAX_DIMENSION + ", got " + dimension);
    }
    if (distance == null) {
      throw new InvalidInputException("distance is required: Cosine, Dot or Euclid");
    }
    if (hnsw == null) {
      hnsw = HnswParams.DEFAULT;
    }
  }

  public CollectionConfig(int dimension, Distance distance) {
    this(dimension, distance, HnswParams.DEFAULT);
  }
}
