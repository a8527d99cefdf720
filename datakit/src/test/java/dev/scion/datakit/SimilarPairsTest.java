package dev.scion.datakit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimilarPairsTest {
  /** Unit vectors around a few hundred topics, some of them near-copies of another. */
  static float[] data(int n, int dim, long seed) {
    System.out.println("SimilarPairsTest seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    int topics = 200;
    float[][] centers = new float[topics][dim];
    for (float[] c : centers) {
      for (int d = 0; d < dim; d++) {
        c[d] = (float) r.nextGaussian();
      }
    }
    float[] v = new float[n * dim];
    for (int i = 0; i < n; i++) {
      boolean copy = i > 0 && r.nextInt(4) == 0;
      int source = copy ? r.nextInt(i) : -1;
      float[] c = centers[r.nextInt(topics)];
      double noise = copy ? 0.15 : 0.9;
      double norm = 0;
      for (int d = 0; d < dim; d++) {
        float x =
            (float)
                ((copy ? v[source * dim + d] * Math.sqrt(dim) : c[d]) + noise * r.nextGaussian());
        v[i * dim + d] = x;
        norm += x * x;
      }
      float inv = (float) (1 / Math.sqrt(norm));
      for (int d = 0; d < dim; d++) {
        v[i * dim + d] *= inv;
      }
    }
    return v;
  }

  @Test
  void allPairsMatchesTheDefinition() {
    int n = 700;
    int dim = 32;
    float[] v = data(n, dim, 11);
    SimilarPairs.Collector tiles = new SimilarPairs.Collector();
    SimilarPairs.allPairs(v, n, dim, 0.9f, tiles);
    SimilarPairs.Collector plain = new SimilarPairs.Collector();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        float s = 0;
        for (int d = 0; d < dim; d++) {
          s += v[i * dim + d] * v[j * dim + d];
        }
        if (s >= 0.9f) {
          plain.pair(i, j, s);
        }
      }
    }
    assertTrue(plain.keys().length > 50, "the data has near-duplicates");
    assertArrayEquals(plain.keys(), tiles.keys());
  }

  @Test
  void partitionsFindNearlyEveryPairOnce() {
    int n = 5000;
    int dim = 48;
    float[] v = data(n, dim, 5);
    SimilarPairs.Collector exact = new SimilarPairs.Collector();
    SimilarPairs.allPairs(v, n, dim, 0.9f, exact);
    SimilarPairs.Collector parts = new SimilarPairs.Collector();
    SimilarPairs.partitioned(v, n, dim, 0.9f, 0, 2, 3, parts);
    long[] all = exact.keys();
    long[] found = parts.keys();
    for (int i = 1; i < found.length; i++) {
      assertTrue(found[i] != found[i - 1], "a pair is reported once");
    }
    int hit = 0;
    for (long k : found) {
      assertTrue(java.util.Arrays.binarySearch(all, k) >= 0, "every pair found is a true pair");
      hit++;
    }
    double recall = (double) hit / all.length;
    System.out.println("pairs " + all.length + ", recall " + recall);
    assertTrue(all.length > 500);
    assertTrue(recall >= 0.95, "recall " + recall);
  }
}
