package dev.scion.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Distance#score} against the textbook formulas, on random vectors of a pinned seed. */
class DistanceScoreTest {
  @Test
  void scoresAsTheFormulasSay() {
    long seed = 20261206L;
    System.out.println("seed " + seed);
    Random random = new Random(seed);
    for (int dim : new int[] {1, 7, 384}) {
      float[] a = new float[dim];
      float[] b = new float[dim];
      double dot = 0;
      double aa = 0;
      double bb = 0;
      double dd = 0;
      for (int i = 0; i < dim; i++) {
        a[i] = (float) random.nextGaussian();
        b[i] = (float) random.nextGaussian();
        dot += a[i] * b[i];
        aa += a[i] * a[i];
        bb += b[i] * b[i];
        dd += (a[i] - b[i]) * (a[i] - b[i]);
      }
      assertEquals(dot, Distance.DOT.score(a, b), 1e-3 * Math.max(1, Math.abs(dot)));
      assertEquals(dot / Math.sqrt(aa * bb), Distance.COSINE.score(a, b), 1e-4);
      assertEquals(Math.sqrt(dd), Distance.EUCLID.score(a, b), 1e-3 * Math.sqrt(dd));
      assertEquals(1, Distance.COSINE.score(a, a), 1e-5);
    }
    assertEquals(0, Distance.COSINE.score(new float[2], new float[] {1, 0}));
    assertThrows(
        InvalidInputException.class, () -> Distance.COSINE.score(new float[2], new float[3]));
  }
}
