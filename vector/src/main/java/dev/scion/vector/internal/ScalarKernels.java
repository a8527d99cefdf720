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
}
