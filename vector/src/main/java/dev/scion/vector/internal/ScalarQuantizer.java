package dev.scion.vector.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Uniform int8 scalar quantization: {@code x ~ lo + step * (q + 128)} with {@code q} a signed byte.
 * The range is learned from quantiles of a sample, so a few outliers do not waste the 256 levels;
 * values outside it are clipped (the final ranking is re-scored on floats anyway).
 */
public record ScalarQuantizer(float lo, float step) {
  private static final double QUANTILE = 0.9995;

  /**
   * Learns the range from {@code vectors}. With {@code symmetric} the range is centred on zero,
   * which keeps dot products of codes proportional to dot products of vectors.
   */
  public static ScalarQuantizer train(FloatStore vectors, int count, boolean symmetric) {
    int dim = vectors.dim();
    int samples = Math.min(count, Math.max(1, 1_000_000 / dim));
    float[] values = new float[samples * dim];
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < samples; i++) {
      int ord = samples == count ? i : random.nextInt(count);
      System.arraycopy(vectors.page(ord), vectors.offset(ord), values, i * dim, dim);
    }
    Arrays.sort(values);
    int hiIndex = (int) Math.min(values.length - 1, Math.round(QUANTILE * (values.length - 1)));
    float lo = values[values.length - 1 - hiIndex];
    float hi = values[hiIndex];
    if (symmetric) {
      float c = Math.max(Math.abs(lo), Math.abs(hi));
      lo = -c;
      hi = c;
    }
    float step = (hi - lo) / 255f;
    if (!(step > 0)) {
      step = Math.max(Math.abs(lo), 1e-6f) / 255f;
    }
    return new ScalarQuantizer(lo, step);
  }

  /** Writes the code of {@code v[vo .. vo+dim)} to {@code out} and returns the sum of the code. */
  public int encode(float[] v, int vo, int dim, byte[] out) {
    int sum = 0;
    float inv = 1f / step;
    for (int i = 0; i < dim; i++) {
      int q = Math.round((v[vo + i] - lo) * inv);
      q = Math.min(255, Math.max(0, q)) - 128;
      out[i] = (byte) q;
      sum += q;
    }
    return sum;
  }
}
