package dev.scion.vector.internal;

import dev.scion.vector.Distance;

/**
 * The vectors the graph is built and walked on: exact floats, and int8 codes once a quantizer has
 * been trained. Distances are "lower is closer": squared L2 for Euclid, minus the dot product for
 * Dot and Cosine (Cosine vectors are normalized on insert).
 */
final class GraphVectors {
  private static final VectorKernels K = VectorKernels.get();

  private final Distance distance;
  private final int dim;
  final FloatStore floats;
  final ByteStore codes;
  private volatile ScalarQuantizer quantizer;

  GraphVectors(Distance distance, int dim) {
    this.distance = distance;
    this.dim = dim;
    this.floats = new FloatStore(dim);
    this.codes = new ByteStore(dim);
  }

  ScalarQuantizer quantizer() {
    return quantizer;
  }

  /** Stores a vector (and its code when quantized). Called by the single writer. */
  void set(int ord, float[] v, byte[] scratch) {
    floats.set(ord, v);
    ScalarQuantizer q = quantizer;
    if (q != null) {
      codes.set(ord, scratch, q.encode(v, 0, dim, scratch));
    }
  }

  /** Learns a quantizer from the first {@code count} vectors and encodes them all. */
  void quantize(ScalarQuantizer q, int count) {
    byte[] code = new byte[dim];
    for (int ord = 0; ord < count; ord++) {
      codes.set(ord, code, q.encode(floats.page(ord), floats.offset(ord), dim, code));
    }
    quantizer = q;
  }

  boolean symmetricQuantization() {
    return distance != Distance.EUCLID;
  }

  float exactDistance(float[] q, int qo, int node) {
    float[] page = floats.page(node);
    int off = floats.offset(node);
    return distance == Distance.EUCLID
        ? K.squareDistance(q, qo, page, off, dim)
        : -K.dot(q, qo, page, off, dim);
  }

  /** Scores nodes on exact float vectors. */
  NodeScorer exactScorer(float[] query) {
    return node -> exactDistance(query, 0, node);
  }

  /** Scores nodes the cheapest way available: on codes when quantized, else on floats. */
  NodeScorer walkScorer(float[] query) {
    ScalarQuantizer q = quantizer;
    if (q == null) {
      return exactScorer(query);
    }
    byte[] code = new byte[dim];
    int sum = q.encode(query, 0, dim, code);
    return codeScorer(code, 0, sum);
  }

  /** Scores nodes against stored node {@code node}, for building the graph. */
  NodeScorer walkScorerForNode(int node) {
    if (quantizer == null) {
      float[] page = floats.page(node);
      int off = floats.offset(node);
      return other -> exactDistance(page, off, other);
    }
    return codeScorer(codes.page(node), codes.offset(node), codes.sum(node));
  }

  float walkDistance(int a, int b) {
    if (quantizer == null) {
      return exactDistance(floats.page(a), floats.offset(a), b);
    }
    return CodeScorer.distance(
        codes, distance != Distance.EUCLID, codes.page(a), codes.offset(a), codes.sum(a), dim, b);
  }

  private NodeScorer codeScorer(byte[] code, int off, int sum) {
    return new CodeScorer(codes, distance != Distance.EUCLID, code, off, sum, dim);
  }

  long bytesUsed() {
    return floats.bytesUsed() + (quantizer == null ? 0 : codes.bytesUsed());
  }
}
