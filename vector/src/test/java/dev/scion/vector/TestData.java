package dev.scion.vector;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic data for tests: clustered Gaussian vectors, like real embeddings. */
public final class TestData {
  private TestData() {}

  public static long seed(String test) {
    long seed = Long.getLong("tests.seed", test.hashCode() & 0xffffL);
    System.out.println("[seed] " + test + " = " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    return seed;
  }

  public static float[][] clustered(Random random, int n, int dim, int clusters) {
    float[][] centers = new float[clusters][dim];
    for (float[] c : centers) {
      for (int d = 0; d < dim; d++) {
        c[d] = (float) random.nextGaussian() * 3;
      }
    }
    float[][] out = new float[n][dim];
    for (int i = 0; i < n; i++) {
      float[] c = centers[random.nextInt(clusters)];
      for (int d = 0; d < dim; d++) {
        out[i][d] = c[d] + (float) random.nextGaussian();
      }
    }
    return out;
  }

  public static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  public static void scale(float[] v, float f) {
    for (int i = 0; i < v.length; i++) {
      v[i] *= f;
    }
  }

  public static List<Point> points(float[][] vectors) {
    List<Point> points = new ArrayList<>(vectors.length);
    for (int i = 0; i < vectors.length; i++) {
      points.add(new Point(PointId.of(i), vectors[i], null));
    }
    return points;
  }

  /** The ids of the exact top k by brute force. */
  public static List<PointId> exactTopK(VectorCollection c, float[] q, int k, Filter f) {
    return c.search(SearchRequest.of(q, k).withExact(true).withFilter(f)).stream()
        .map(ScoredPoint::id)
        .toList();
  }

  public static double recall(List<PointId> truth, List<ScoredPoint> found) {
    if (truth.isEmpty()) {
      return 1;
    }
    long hits = found.stream().map(ScoredPoint::id).filter(truth::contains).count();
    return (double) hits / truth.size();
  }
}
