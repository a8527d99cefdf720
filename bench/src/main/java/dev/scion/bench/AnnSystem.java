package dev.scion.bench;

/** One system under benchmark: builds an index once, then answers k-NN queries with a beam ef. */
interface AnnSystem extends AutoCloseable {
  String name();

  /** Builds the index of {@code data.base()} with the paper's M and efConstruction. */
  void build(Dataset data, int m, int efConstruction) throws Exception;

  /** The ordinals (positions in the base set) of the approximate top {@code k}. */
  int[] search(float[] query, int k, int ef) throws Exception;

  /** Bytes held for the index: vectors, codes and graph. */
  long memoryBytes() throws Exception;

  @Override
  default void close() throws Exception {}
}
