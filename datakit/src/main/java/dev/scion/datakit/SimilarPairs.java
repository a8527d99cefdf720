package dev.scion.datakit;

import dev.scion.vector.internal.VectorKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Pairs of unit vectors whose dot product (cosine) reaches a threshold. {@link #allPairs} compares
 * every pair in cache-sized tiles: the exact, quadratic reference. {@link #partitioned} first
 * splits the vectors by spherical k-means and compares only within each part (each vector joins its
 * {@code probes} nearest parts), as SemDeDup does: far fewer comparisons, and a pair of
 * near-duplicates almost always shares a part.
 */
public final class SimilarPairs {
  private static final int TILE = 64;
  private static final VectorKernels KERNELS = VectorKernels.get();

  /** Receives each pair found, from any thread; {@code i < j}. */
  @FunctionalInterface
  public interface Sink {
    void pair(int i, int j, float score);
  }

  private SimilarPairs() {}

  /**
   * Every pair {@code i < j} of the {@code n} rows of {@code v} with a dot product >= threshold.
   */
  public static void allPairs(float[] v, int n, int dim, float threshold, Sink sink) {
    int tiles = (n + TILE - 1) / TILE;
    IntStream.range(0, tiles)
        .parallel()
        .forEach(
            a -> {
              for (int b = a; b < tiles; b++) {
                tile(
                    v,
                    a * TILE,
                    Math.min(n, a * TILE + TILE),
                    b * TILE,
                    Math.min(n, b * TILE + TILE),
                    dim,
                    threshold,
                    sink,
                    null);
              }
            });
  }

  /** Compares rows [a0, a1) with rows [b0, b1) (only j > i), mapping row numbers through ids. */
  private static void tile(
      float[] v, int a0, int a1, int b0, int b1, int dim, float threshold, Sink sink, int[] ids) {
    for (int i = a0; i < a1; i++) {
      int io = i * dim;
      for (int j = Math.max(b0, i + 1); j < b1; j++) {
        float s = KERNELS.dot(v, io, v, j * dim, dim);
        if (s >= threshold) {
          if (ids == null) {
            sink.pair(i, j, s);
          } else {
            sink.pair(Math.min(ids[i], ids[j]), Math.max(ids[i], ids[j]), s);
          }
        }
      }
    }
  }

  /**
   * Pairs found within k-means parts: {@code parts} centroids (0 for about the square root of n),
   * trained on a sample, each vector in its {@code probes} nearest parts. A pair shared by several
   * parts is reported once.
   */
  public static void partitioned(
      float[] v, int n, int dim, float threshold, int parts, int probes, long seed, Sink sink) {
    int k = parts > 0 ? parts : Math.max(1, (int) Math.round(Math.sqrt(n)));
    k = Math.min(k, n);
    if (k <= 1) {
      allPairs(v, n, dim, threshold, sink);
      return;
    }
    int p = Math.min(probes, k);
    float[] centroids = kmeans(v, n, dim, k, seed);
    int[] assigned = new int[n * p];
    int kk = k;
    IntStream.range(0, n)
        .parallel()
        .forEach(i -> nearest(v, i, centroids, kk, dim, assigned, i * p, p));
    int[] sizes = new int[k];
    for (int a : assigned) {
      sizes[a]++;
    }
    int[][] members = new int[k][];
    for (int c = 0; c < k; c++) {
      members[c] = new int[sizes[c]];
    }
    int[] fill = new int[k];
    for (int i = 0; i < n; i++) {
      for (int q = 0; q < p; q++) {
        int c = assigned[i * p + q];
        members[c][fill[c]++] = i;
      }
    }
    Integer[] order = new Integer[k];
    Arrays.setAll(order, c -> c);
    Arrays.sort(order, (x, y) -> Integer.compare(sizes[y], sizes[x])); // big parts first
    Arrays.stream(order)
        .parallel()
        .forEach(
            c -> {
              int[] ids = members[c];
              float[] local = new float[ids.length * dim];
              for (int m = 0; m < ids.length; m++) {
                System.arraycopy(v, ids[m] * dim, local, m * dim, dim);
              }
              Sink once =
                  (i, j, s) -> {
                    if (firstShared(assigned, i, j, p) == c) {
                      sink.pair(i, j, s);
                    }
                  };
              int t = (ids.length + TILE - 1) / TILE;
              for (int a = 0; a < t; a++) {
                for (int b = a; b < t; b++) {
                  tile(
                      local,
                      a * TILE,
                      Math.min(ids.length, a * TILE + TILE),
                      b * TILE,
                      Math.min(ids.length, b * TILE + TILE),
                      dim,
                      threshold,
                      once,
                      ids);
                }
              }
            });
  }

  private static int firstShared(int[] assigned, int i, int j, int p) {
    int best = Integer.MAX_VALUE;
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        if (assigned[i * p + a] == assigned[j * p + b]) {
          best = Math.min(best, assigned[i * p + a]);
        }
      }
    }
    return best;
  }

  /** The {@code p} centroids with the highest dot product with row {@code i}, into out[outAt..]. */
  private static void nearest(
      float[] v, int i, float[] centroids, int k, int dim, int[] out, int outAt, int p) {
    int[] best = new int[p];
    float[] score = new float[p];
    Arrays.fill(score, Float.NEGATIVE_INFINITY);
    for (int c = 0; c < k; c++) {
      float s = KERNELS.dot(v, i * dim, centroids, c * dim, dim);
      if (s > score[p - 1]) {
        int at = p - 1;
        while (at > 0 && score[at - 1] < s) {
          score[at] = score[at - 1];
          best[at] = best[at - 1];
          at--;
        }
        score[at] = s;
        best[at] = c;
      }
    }
    System.arraycopy(best, 0, out, outAt, p);
  }

  /** Spherical k-means on a sample of at most 64 vectors per centroid, ten rounds. */
  static float[] kmeans(float[] v, int n, int dim, int k, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int sampleSize = Math.min(n, 64 * k);
    int[] sample = random.ints(0, n).distinct().limit(sampleSize).toArray();
    float[] centroids = new float[k * dim];
    for (int c = 0; c < k; c++) {
      System.arraycopy(v, sample[c] * dim, centroids, c * dim, dim);
    }
    int[] assign = new int[sampleSize];
    for (int round = 0; round < 10; round++) {
      float[] cs = centroids;
      IntStream.range(0, sampleSize)
          .parallel()
          .forEach(
              s -> {
                nearest(v, sample[s], cs, k, dim, assign, s, 1);
              });
      float[] sums = new float[k * dim];
      int[] counts = new int[k];
      for (int s = 0; s < sampleSize; s++) {
        int c = assign[s];
        counts[c]++;
        int o = sample[s] * dim;
        for (int d = 0; d < dim; d++) {
          sums[c * dim + d] += v[o + d];
        }
      }
      for (int c = 0; c < k; c++) {
        if (counts[c] == 0) { // an empty part takes a random sample point
          System.arraycopy(v, sample[random.nextInt(sampleSize)] * dim, sums, c * dim, dim);
        }
        double norm = 0;
        for (int d = 0; d < dim; d++) {
          norm += sums[c * dim + d] * sums[c * dim + d];
        }
        float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
        for (int d = 0; d < dim; d++) {
          sums[c * dim + d] *= inv;
        }
      }
      centroids = sums;
    }
    return centroids;
  }

  /** Collects pairs as sorted keys {@code (long) i << 32 | j}, for tests and benchmarks. */
  public static final class Collector implements Sink {
    private long[] keys = new long[1024];
    private int size;

    @Override
    public synchronized void pair(int i, int j, float score) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
      }
      keys[size++] = (long) i << 32 | j;
    }

    public synchronized long[] keys() {
      long[] out = Arrays.copyOf(keys, size);
      Arrays.sort(out);
      return out;
    }
  }
}
