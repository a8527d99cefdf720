package dev.scion.vector.internal;

/**
 * The distance kernels of the engine. One implementation is chosen at start-up by {@link #get()}:
 * the Vector API (SIMD) one when the {@code jdk.incubator.vector} module is present, the scalar one
 * otherwise. Both give the same results up to floating-point rounding.
 */
public interface VectorKernels {

  /**
   * Dot product of {@code dim} floats of {@code a} from {@code ao} and {@code b} from {@code bo}.
   */
  float dot(float[] a, int ao, float[] b, int bo, int dim);

  /** Squared Euclidean distance of {@code dim} floats. */
  float squareDistance(float[] a, int ao, float[] b, int bo, int dim);

  /** Dot product of {@code dim} signed bytes. */
  int dotBytes(byte[] a, int ao, byte[] b, int bo, int dim);

  /** Squared Euclidean distance of {@code dim} signed bytes. */
  int squareDistanceBytes(byte[] a, int ao, byte[] b, int bo, int dim);

  /**
   * Squared Euclidean distances (or, with {@code dot}, dot products) of signed bytes from {@code q}
   * to four vectors at once, into {@code out[0..3]}. Interleaving the four loads keeps several
   * cache misses in flight, which is what a graph walk over random nodes waits on.
   */
  void bytes4(
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
      int[] out);

  /** Returns the kernels chosen for this JVM. */
  static VectorKernels get() {
    return KernelsHolder.INSTANCE;
  }

  /** Returns the portable scalar kernels, the reference for tests. */
  static VectorKernels scalar() {
    return ScalarKernels.INSTANCE;
  }
}
