package dev.scion.vector.internal;

/** Plain loops: the portable fallback and the reference the SIMD kernels are tested against. */
final class ScalarKernels implements VectorKernels {
  static final ScalarKernels INSTANCE = new ScalarKernels();

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int dim) {
    float s = 0;
    for (int i = 0; i < dim; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  @Override
  public float squareDistance(float[] a, int ao, float[] b, int bo, int dim) {
    float s = 0;
    for (int i = 0; i < dim; i++) {
      float d = a[ao + i] - b[bo + i];
      s += d * d;
    }
    return s;
  }

  @Override
  public int dotBytes(byte[] a, int ao, byte[] b, int bo, int dim) {
    int s = 0;
    for (int i = 0; i < dim; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  @Override
  public int squareDistanceBytes(byte[] a, int ao, byte[] b, int bo, int dim) {
    int s = 0;
    for (int i = 0; i < dim; i++) {
      int d = a[ao + i] - b[bo + i];
      s += d * d;
    }
    return s;
  }

  @Override
  public void bytes4(
      boolean dot,
      byte[] q,
      int qo,
      byte[] b0,
      int o0,
      byte[] b1,
      int o1,
      byte[] b2,
      int o2,
      byte[] b3,
      int o3,
      int dim,
      int[] out) {
    out[0] = dot ? dotBytes(q, qo, b0, o0, dim) : squareDistanceBytes(q, qo, b0, o0, dim);
    out[1] = dot ? dotBytes(q, qo, b1, o1, dim) : squareDistanceBytes(q, qo, b1, o1, dim);
    out[2] = dot ? dotBytes(q, qo, b2, o2, dim) : squareDistanceBytes(q, qo, b2, o2, dim);
    out[3] = dot ? dotBytes(q, qo, b3, o3, dim) : squareDistanceBytes(q, qo, b3, o3, dim);
  }
}
