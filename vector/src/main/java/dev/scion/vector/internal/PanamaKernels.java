package dev.scion.vector.internal;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels on the incubating Vector API. Floats use the preferred species with two
 * accumulators; bytes are widened to shorts for the multiply (a product of two bytes fits a short)
 * and to ints for the sum.
 */
@SuppressForbidden(reason = "the one sanctioned user of the incubating Vector API")
final class PanamaKernels implements VectorKernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Short> S =
      VectorSpecies.of(short.class, VectorShape.forBitSize(I.length() * Short.SIZE));
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(I.length() * Byte.SIZE));

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int dim) {
    int i = 0;
    FloatVector acc1 = FloatVector.zero(F);
    FloatVector acc2 = FloatVector.zero(F);
    int step = F.length();
    int bound2 = dim - 2 * step + 1;
    for (; i < bound2; i += 2 * step) {
      acc1 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), acc1);
      acc2 =
          FloatVector.fromArray(F, a, ao + i + step)
              .fma(FloatVector.fromArray(F, b, bo + i + step), acc2);
    }
    for (; i < dim - step + 1; i += step) {
      acc1 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), acc1);
    }
    float s = acc1.add(acc2).reduceLanes(VectorOperators.ADD);
    for (; i < dim; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  @Override
  public float squareDistance(float[] a, int ao, float[] b, int bo, int dim) {
    int i = 0;
    FloatVector acc1 = FloatVector.zero(F);
    FloatVector acc2 = FloatVector.zero(F);
    int step = F.length();
    int bound2 = dim - 2 * step + 1;
    for (; i < bound2; i += 2 * step) {
      FloatVector d1 = FloatVector.fromArray(F, a, ao + i).sub(FloatVector.fromArray(F, b, bo + i));
      FloatVector d2 =
          FloatVector.fromArray(F, a, ao + i + step)
              .sub(FloatVector.fromArray(F, b, bo + i + step));
      acc1 = d1.fma(d1, acc1);
      acc2 = d2.fma(d2, acc2);
    }
    for (; i < dim - step + 1; i += step) {
      FloatVector d1 = FloatVector.fromArray(F, a, ao + i).sub(FloatVector.fromArray(F, b, bo + i));
      acc1 = d1.fma(d1, acc1);
    }
    float s = acc1.add(acc2).reduceLanes(VectorOperators.ADD);
    for (; i < dim; i++) {
      float d = a[ao + i] - b[bo + i];
      s += d * d;
    }
    return s;
  }

  @Override
  public int dotBytes(byte[] a, int ao, byte[] b, int bo, int dim) {
    int i = 0;
    IntVector acc = IntVector.zero(I);
    int step = B.length();
    for (; i < dim - step + 1; i += step) {
      ShortVector va =
          (ShortVector) ByteVector.fromArray(B, a, ao + i).convertShape(VectorOperators.B2S, S, 0);
      ShortVector vb =
          (ShortVector) ByteVector.fromArray(B, b, bo + i).convertShape(VectorOperators.B2S, S, 0);
      acc = acc.add(va.mul(vb).convertShape(VectorOperators.S2I, I, 0));
    }
    int s = acc.reduceLanes(VectorOperators.ADD);
    for (; i < dim; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  @Override
  public int squareDistanceBytes(byte[] a, int ao, byte[] b, int bo, int dim) {
    int i = 0;
    IntVector acc = IntVector.zero(I);
    int step = B.length();
    for (; i < dim - step + 1; i += step) {
      ShortVector va =
          (ShortVector) ByteVector.fromArray(B, a, ao + i).convertShape(VectorOperators.B2S, S, 0);
      ShortVector vb =
          (ShortVector) ByteVector.fromArray(B, b, bo + i).convertShape(VectorOperators.B2S, S, 0);
      IntVector d = (IntVector) va.sub(vb).convertShape(VectorOperators.S2I, I, 0);
      acc = acc.add(d.mul(d));
    }
    int s = acc.reduceLanes(VectorOperators.ADD);
    for (; i < dim; i++) {
      int d = a[ao + i] - b[bo + i];
      s += d * d;
    }
    return s;
  }
}
