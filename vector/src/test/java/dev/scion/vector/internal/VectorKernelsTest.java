package dev.scion.vector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scion.vector.TestData;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorKernelsTest {
  private final VectorKernels simd = VectorKernels.get();
  private final VectorKernels scalar = VectorKernels.scalar();

  @Test
  void simdKernelsAgreeWithScalarOnEveryLengthAndOffset() {
    Random random = new Random(TestData.seed("kernels"));
    for (int dim = 1; dim <= 300; dim += 7) {
      int off = random.nextInt(5);
      float[] a = new float[dim + off];
      float[] b = new float[dim + 3];
      byte[] x = new byte[dim + off];
      byte[] y = new byte[dim + 3];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) random.nextGaussian();
        x[i] = (byte) (random.nextInt(256) - 128);
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) random.nextGaussian();
        y[i] = (byte) (random.nextInt(256) - 128);
      }
      float tol = 1e-4f * dim;
      assertEquals(scalar.dot(a, off, b, 3, dim), simd.dot(a, off, b, 3, dim), tol, "dot " + dim);
      assertEquals(
          scalar.squareDistance(a, off, b, 3, dim),
          simd.squareDistance(a, off, b, 3, dim),
          tol,
          "l2 " + dim);
      assertEquals(
          scalar.dotBytes(x, off, y, 3, dim), simd.dotBytes(x, off, y, 3, dim), "dot8 " + dim);
      int[] four = new int[4];
      for (boolean dot : new boolean[] {false, true}) {
        simd.bytes4(dot, x, off, y, 3, x, 0, y, 0, x, off, dim, four);
        assertEquals(
            dot
                ? scalar.dotBytes(x, off, y, 3, dim)
                : scalar.squareDistanceBytes(x, off, y, 3, dim),
            four[0]);
        assertEquals(
            dot
                ? scalar.dotBytes(x, off, x, 0, dim)
                : scalar.squareDistanceBytes(x, off, x, 0, dim),
            four[1]);
        assertEquals(
            dot
                ? scalar.dotBytes(x, off, y, 0, dim)
                : scalar.squareDistanceBytes(x, off, y, 0, dim),
            four[2]);
        assertEquals(
            dot
                ? scalar.dotBytes(x, off, x, off, dim)
                : scalar.squareDistanceBytes(x, off, x, off, dim),
            four[3]);
      }
      assertEquals(
          scalar.squareDistanceBytes(x, off, y, 3, dim),
          simd.squareDistanceBytes(x, off, y, 3, dim),
          "l2 int8 " + dim);
    }
  }

  @Test
  void extremeBytesDoNotOverflow() {
    byte[] lo = new byte[1024];
    byte[] hi = new byte[1024];
    java.util.Arrays.fill(lo, (byte) -128);
    java.util.Arrays.fill(hi, (byte) 127);
    assertEquals(1024 * 255 * 255, simd.squareDistanceBytes(lo, 0, hi, 0, 1024));
    assertEquals(1024 * 128 * 128, simd.dotBytes(lo, 0, lo, 0, 1024));
  }
}
