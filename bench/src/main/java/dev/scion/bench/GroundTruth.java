package dev.scion.bench;

import dev.scion.vector.Distance;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exact k nearest neighbours by brute force, in plain Java loops independent of the engine under
 * test, on all cores. Ties are broken by the lower ordinal.
 */
final class GroundTruth {
  private GroundTruth() {}

  /** The exact top k of every query, cached under ~/.cache/scion/bench by a digest of the data. */
  static int[][] exact(Dataset data, int k, PrintStream progress) throws Exception {
    java.nio.file.Path cache =
        java.nio.file.Path.of(
            System.getProperty("user.home"),
            ".cache",
            "scion",
            "bench",
            "truth-" + digest(data, k) + ".ivecs");
    if (java.nio.file.Files.exists(cache)) {
      progress.println("ground truth: cached in " + cache);
      return Dataset.readIvecs(cache);
    }
    int[][] truth = compute(data, k, progress);
    java.nio.file.Files.createDirectories(cache.getParent());
    Dataset.writeIvecs(truth, cache);
    return truth;
  }

  private static String digest(Dataset data, int k) throws java.security.NoSuchAlgorithmException {
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * data.dimension());
    for (float[][] set : new float[][][] {data.base(), data.queries()}) {
      for (float[] v : set) {
        buf.clear();
        buf.asFloatBuffer().put(v);
        md.update(buf.array());
      }
    }
    md.update((data.metric().name() + ":" + k).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
  }

  private static int[][] compute(Dataset data, int k, PrintStream progress) throws Exception {
    float[][] base = data.base();
    float[][] queries = data.queries();
    boolean euclid = data.metric() == Distance.EUCLID;
    int[][] truth = new int[queries.length][];
    VectorBench.Progress bar = new VectorBench.Progress(progress, "ground truth", queries.length);
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().name("ground-truth-", 1).daemon().factory());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int q = first; q < queries.length; q += threads) {
                    truth[q] = topK(base, queries[q], k, euclid);
                    bar.step();
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return truth;
  }

  private static int[] topK(float[][] base, float[] q, int k, boolean euclid) {
    int[] ids = new int[k];
    double[] ds = new double[k];
    java.util.Arrays.fill(ds, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(ids, Integer.MAX_VALUE);
    for (int i = 0; i < base.length; i++) {
      double d = euclid ? squareDistance(base[i], q) : -dot(base[i], q);
      if (d < ds[k - 1]) {
        int j = k - 1;
        while (j > 0 && ds[j - 1] > d) {
          ds[j] = ds[j - 1];
          ids[j] = ids[j - 1];
          j--;
        }
        ds[j] = d;
        ids[j] = i;
      }
    }
    return ids;
  }

  private static double squareDistance(float[] a, float[] b) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < a.length; i += 4) {
      double d0 = a[i] - b[i],
          d1 = a[i + 1] - b[i + 1],
          d2 = a[i + 2] - b[i + 2],
          d3 = a[i + 3] - b[i + 3];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < a.length; i++) {
      double d = a[i] - b[i];
      s0 += d * d;
    }
    return s0 + s1 + s2 + s3;
  }

  private static double dot(float[] a, float[] b) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < a.length; i += 4) {
      s0 += (double) a[i] * b[i];
      s1 += (double) a[i + 1] * b[i + 1];
      s2 += (double) a[i + 2] * b[i + 2];
      s3 += (double) a[i + 3] * b[i + 3];
    }
    for (; i < a.length; i++) {
      s0 += (double) a[i] * b[i];
    }
    return s0 + s1 + s2 + s3;
  }
}
