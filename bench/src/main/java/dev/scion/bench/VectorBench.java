package dev.scion.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.vector.Distance;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code scion bench vector}: builds the same data set with Scion and each peer (same M and
 * efConstruction, one thread), sweeps ef with single-threaded queries, and reports recall@k against
 * exact ground truth, queries per second, build time and memory per vector.
 */
public final class VectorBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What to run. {@code peers} may hold lucene, jvector, hnswlib, faiss; Scion always runs. */
  public record Options(
      String data,
      Path queries,
      Distance metric,
      List<String> peers,
      int m,
      int efConstruction,
      List<Integer> efs,
      int k,
      int maxQueries,
      Path json) {}

  private VectorBench() {}

  public static ObjectNode run(Options o, PrintStream progress) throws Exception {
    Set<String> known = Set.of("lucene", "jvector", "hnswlib", "faiss");
    for (String p : o.peers()) {
      if (!known.contains(p)) {
        throw new IllegalArgumentException(
            "unknown peer '" + p + "'; choose from lucene, jvector, hnswlib, faiss");
      }
    }
    progress.printf(Locale.ROOT, "loading %s%n", o.data());
    Dataset data = Dataset.load(o.data(), o.queries(), o.metric(), o.maxQueries());
    progress.printf(
        Locale.ROOT,
        "%s: %d base vectors, %d queries, dim %d, %s%n",
        data.name(),
        data.base().length,
        data.queries().length,
        data.dimension(),
        data.metric().apiName());
    int[][] truth = GroundTruth.exact(data, o.k(), progress);

    ObjectNode report = JSON.createObjectNode();
    report.put("dataset", data.name());
    report.put("n", data.base().length);
    report.put("dim", data.dimension());
    report.put("queries", data.queries().length);
    report.put("metric", data.metric().apiName());
    report.put("k", o.k());
    report.put("m", o.m());
    report.put("ef_construction", o.efConstruction());
    report.put("threads", 1);
    report.put(
        "cpu",
        Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch"));
    report.put("java", Runtime.version().toString());
    ArrayNode results = report.putArray("results");

    List<AnnSystem> systems = new ArrayList<>();
    systems.add(new ScionAnn());
    if (o.peers().contains("lucene")) {
      systems.add(new LuceneAnn());
    }
    if (o.peers().contains("jvector")) {
      systems.add(new JVectorAnn());
    }
    for (AnnSystem s : systems) {
      try (s) {
        progress.printf(Locale.ROOT, "%s: building...%n", s.name());
        long t0 = System.nanoTime();
        s.build(data, o.m(), o.efConstruction());
        double build = (System.nanoTime() - t0) / 1e9;
        long memory = s.memoryBytes();
        progress.printf(
            Locale.ROOT,
            "%s: built in %.1f s, %.0f bytes/vector%n",
            s.name(),
            build,
            (double) memory / data.base().length);
        for (int ef : o.efs()) {
          double[] measured = measure(s, data, truth, o.k(), ef);
          addRow(
              results,
              s.name(),
              o,
              ef,
              measured[0],
              measured[1],
              build,
              memory,
              data.base().length);
          progress.printf(
              Locale.ROOT,
              "%s ef=%d: recall@%d %.4f, %.0f QPS%n",
              s.name(),
              ef,
              o.k(),
              measured[0],
              measured[1]);
        }
      }
    }
    List<String> natives =
        o.peers().stream().filter(p -> p.equals("hnswlib") || p.equals("faiss")).toList();
    if (!natives.isEmpty()) {
      Path tmp = Files.createTempDirectory("scion-bench-native");
      try {
        Path base = tmp.resolve("base.fvecs");
        Path queries = tmp.resolve("queries.fvecs");
        Path gt = tmp.resolve("truth.ivecs");
        Dataset.writeFvecs(data.base(), base);
        Dataset.writeFvecs(data.queries(), queries);
        Dataset.writeIvecs(truth, gt);
        for (String system : natives) {
          progress.printf(Locale.ROOT, "%s: building and querying (native harness)...%n", system);
          for (NativePeers.Row r :
              NativePeers.run(
                  system,
                  base,
                  queries,
                  gt,
                  data.metric() != Distance.EUCLID,
                  o.m(),
                  o.efConstruction(),
                  o.k(),
                  o.efs())) {
            addRow(
                results,
                system,
                o,
                r.ef(),
                r.recall(),
                r.qps(),
                r.buildSeconds(),
                r.memoryBytes(),
                data.base().length);
            progress.printf(
                Locale.ROOT,
                "%s ef=%d: recall@%d %.4f, %.0f QPS, build %.1f s%n",
                system,
                r.ef(),
                o.k(),
                r.recall(),
                r.qps(),
                r.buildSeconds());
          }
        }
      } finally {
        dev.scion.vector.internal.FileTrees.delete(tmp);
      }
    }
    if (o.json() != null) {
      JSON.writerWithDefaultPrettyPrinter().writeValue(o.json().toFile(), report);
    }
    return report;
  }

  private static void addRow(
      ArrayNode results,
      String system,
      Options o,
      int ef,
      double recall,
      double qps,
      double build,
      long memory,
      int n) {
    ObjectNode row = results.addObject();
    row.put("system", system);
    row.putObject("params")
        .put("m", o.m())
        .put("ef_construction", o.efConstruction())
        .put("ef", ef);
    row.put("recall@" + o.k(), Math.round(recall * 10000) / 10000.0);
    row.put("qps", Math.round(qps));
    row.put("build_seconds", Math.round(build * 100) / 100.0);
    row.put("memory_bytes_per_vector", Math.round((double) memory / n));
  }

  /** Recall and queries per second at one ef, after a warm-up pass over part of the queries. */
  static double[] measure(AnnSystem s, Dataset data, int[][] truth, int k, int ef)
      throws Exception {
    float[][] queries = data.queries();
    for (int i = 0; i < Math.min(1000, queries.length); i++) {
      s.search(queries[i], k, ef);
    }
    long hits = 0;
    long t0 = System.nanoTime();
    int[][] found = new int[queries.length][];
    for (int i = 0; i < queries.length; i++) {
      found[i] = s.search(queries[i], k, ef);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    for (int i = 0; i < queries.length; i++) {
      Set<Integer> expected = new HashSet<>();
      for (int t : truth[i]) {
        expected.add(t);
      }
      for (int f : found[i]) {
        if (expected.contains(f)) {
          hits++;
        }
      }
    }
    return new double[] {(double) hits / ((long) queries.length * k), queries.length / seconds};
  }

  static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** A counter for progress lines of long loops. */
  static final class Progress {
    private final PrintStream out;
    private final String what;
    private final int total;
    private final AtomicInteger done = new AtomicInteger();

    Progress(PrintStream out, String what, int total) {
      this.out = out;
      this.what = what;
      this.total = total;
    }

    void step() {
      int d = done.incrementAndGet();
      if (d % Math.max(1, total / 10) == 0 || d == total) {
        out.printf(Locale.ROOT, "%s: %d/%d%n", what, d, total);
      }
    }
  }
}
