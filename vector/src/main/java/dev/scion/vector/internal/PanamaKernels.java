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
    IntVector a0 = IntVector.zero(I);
    IntVector a1 = IntVector.zero(I);
    IntVector a2 = IntVector.zero(I);
    IntVector a3 = IntVector.zero(I);
    int step = B.length();
    int i = 0;
    for (; i < dim - step + 1; i += step) {
      ShortVector vq = widen(q, qo + i);
      a0 = a0.add(term(dot, vq, widen(b0, o0 + i)));
      a1 = a1.add(term(dot, vq, widen(b1, o1 + i)));
      a2 = a2.add(term(dot, vq, widen(b2, o2 + i)));
      a3 = a3.add(term(dot, vq, widen(b3, o3 + i)));
    }
    out[0] = a0.reduceLanes(VectorOperators.ADD) + tail(dot, q, qo, b0, o0, i, dim);
    out[1] = a1.reduceLanes(VectorOperators.ADD) + tail(dot, q, qo, b1, o1, i, dim);
    out[2] = a2.reduceLanes(VectorOperators.ADD) + tail(dot, q, qo, b2, o2, i, dim);
    out[3] = a3.reduceLanes(VectorOperators.ADD) + tail(dot, q, qo, b3, o3, i, dim);
  }

  private static ShortVector widen(byte[] a, int offset) {
    return (ShortVector) ByteVector.fromArray(B, a, offset).convertShape(VectorOperators.B2S, S, 0);
  }

  private static IntVector term(boolean dot, ShortVector q, ShortVector v) {
    if (dot) {
      return (IntVector) q.mul(v).convertShape(VectorOperators.S2I, I, 0);
    }
    IntVector d = (IntVector) q.sub(v).convertShape(VectorOperators.S2I, I, 0);
    return d.mul(d);
  }

  private static int tail(boolean dot, byte[] q, int qo, byte[] b, int bo, int from, int dim) {
    int s = 0;
    for (int i = from; i < dim; i++) {
      int x = q[qo + i];
      int y = b[bo + i];
      s += dot ? x * y : (x - y) * (x - y);
    }
    return s;
  }
}
