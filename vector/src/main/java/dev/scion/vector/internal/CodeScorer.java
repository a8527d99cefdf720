package dev.scion.vector.internal;

/**
 * Distances from a query code to stored int8 codes: squared L2 for Euclid; for Dot and Cosine minus
 * the dot product with the zero-point correction of {@link ScalarQuantizer} (a symmetric range
 * gives {@code x ~ step * (q + 1/2)}, so {@code x.y ~ step^2 (q.r + (sum q + sum r) / 2 + d / 4)}).
 */
final class CodeScorer implements NodeScorer {
  private static final VectorKernels K = VectorKernels.get();

  private final ByteStore codes;
  private final boolean dot;
  private final byte[] query;
  private final int queryOffset;
  private final int querySum;
  private final int dim;
  private int[] four;

  CodeScorer(ByteStore codes, boolean dot, byte[] query, int queryOffset, int querySum, int dim) {
    this.codes = codes;
    this.dot = dot;
    this.query = query;
    this.queryOffset = queryOffset;
    this.querySum = querySum;
    this.dim = dim;
  }

  @Override
  public float distance(int node) {
    return distance(codes, dot, query, queryOffset, querySum, dim, node);
  }

  /** The distance from a code to stored node {@code node}, without making a scorer. */
  static float distance(
      ByteStore codes, boolean dot, byte[] code, int offset, int sum, int dim, int node) {
    byte[] page = codes.page(node);
    int off = codes.offset(node);
    if (dot) {
      return -(K.dotBytes(code, offset, page, off, dim) + 0.5f * (sum + codes.sum(node)));
    }
    return K.squareDistanceBytes(code, offset, page, off, dim);
  }

  @Override
  public void distances(int[] nodes, int count, float[] out) {
    if (four == null) {
      four = new int[4];
    }
    int i = 0;
    for (; i + 3 < count; i += 4) {
      int n0 = nodes[i];
      int n1 = nodes[i + 1];
      int n2 = nodes[i + 2];
      int n3 = nodes[i + 3];
      K.bytes4(
          dot,
          query,
          queryOffset,
          codes.page(n0),
          codes.offset(n0),
          codes.page(n1),
          codes.offset(n1),
          codes.page(n2),
          codes.offset(n2),
          codes.page(n3),
          codes.offset(n3),
          dim,
          four);
      for (int j = 0; j < 4; j++) {
        out[i + j] = dot ? correct(four[j], nodes[i + j]) : four[j];
      }
    }
    for (; i < count; i++) {
      out[i] = distance(nodes[i]);
    }
  }

  private float correct(int dotProduct, int node) {
    return -(dotProduct + 0.5f * (querySum + codes.sum(node)));
  }
}
