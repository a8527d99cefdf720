package dev.scion.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.vector.CollectionConfig;
import dev.scion.vector.Distance;
import dev.scion.vector.Point;
import dev.scion.vector.PointId;
import dev.scion.vector.VectorCollection;
import dev.scion.vector.VectorDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * How long a vector database takes to reopen after a crash, for several checkpoint thresholds: a
 * fresh JVM upserts points with {@code wait=true} and halts without closing (a crash); another
 * fresh JVM opens the database and counts the points, timed from {@code open} to the count. The
 * write-ahead log left to replay is measured between the two. Every threshold runs in processes of
 * its own, in alternating order over the rounds; medians are reported.
 */
public final class RestartBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLLECTION = "restart";

  private RestartBench() {}

  /**
   * Runs the benchmark.
   *
   * @param thresholds checkpoint thresholds in bytes (the system property {@code
   *     scion.checkpointLogBytes} of the writing process)
   */
  public static ObjectNode run(
      int points, int dimension, List<Long> thresholds, int rounds, long seed, PrintStream progress)
      throws IOException, InterruptedException {
    progress.printf(
        Locale.ROOT,
        "restart: %d points of %d dimensions, thresholds %s bytes, %d rounds, seed %d%n",
        points,
        dimension,
        thresholds,
        rounds,
        seed);
    double[][] seconds = new double[thresholds.size()][rounds];
    long[][] logBytes = new long[thresholds.size()][rounds];
    long[][] found = new long[thresholds.size()][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < thresholds.size(); k++) {
        int i = r % 2 == 0 ? k : thresholds.size() - 1 - k; // alternate the order
        Path dir = Files.createTempDirectory("scion-restart");
        try {
          child(
              List.of("-Dscion.checkpointLogBytes=" + thresholds.get(i)),
              "write",
              dir.toString(),
              Integer.toString(points),
              Integer.toString(dimension),
              Long.toString(seed));
          logBytes[i][r] = walBytes(dir);
          String[] reopened = child(List.of(), "reopen", dir.toString()).split(" ");
          seconds[i][r] = Double.parseDouble(reopened[0]);
          found[i][r] = Long.parseLong(reopened[1]);
          progress.printf(
              Locale.ROOT,
              "  round %d, checkpoint after %d bytes: %.1f MB of log, reopened in %.2f s, %d points%n",
              r + 1,
              thresholds.get(i),
              logBytes[i][r] / 1e6,
              seconds[i][r],
              found[i][r]);
        } finally {
          delete(dir);
        }
      }
    }
    ObjectNode report = JSON.createObjectNode();
    report
        .put("points", points)
        .put("dimension", dimension)
        .put("rounds", rounds)
        .put("seed", seed);
    report.put("processors", Runtime.getRuntime().availableProcessors());
    ArrayNode results = report.putArray("results");
    double first = median(seconds[0]);
    for (int i = 0; i < thresholds.size(); i++) {
      double m = median(seconds[i]);
      ObjectNode o = results.addObject();
      o.put("checkpoint_log_bytes", thresholds.get(i));
      o.put("log_bytes_left", (long) median(Arrays.stream(logBytes[i]).asDoubleStream().toArray()));
      o.put("reopen_seconds_median", round(m));
      o.put("reopen_seconds_min", round(Arrays.stream(seconds[i]).min().orElse(0)));
      o.put("reopen_seconds_max", round(Arrays.stream(seconds[i]).max().orElse(0)));
      o.put("points_found_min", Arrays.stream(found[i]).min().orElse(0));
      o.put("ratio_to_first", round(m / first));
    }
    return report;
  }

  /** The child processes: {@code write DIR N DIM SEED} or {@code reopen DIR}. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[1]);
    if (args[0].equals("write")) {
      write(dir, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]));
      System.out.flush();
      Runtime.getRuntime().halt(0); // a crash: nothing is closed or flushed on the way out
    }
    long t0 = System.nanoTime();
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      long count = db.collection(COLLECTION).count(null);
      System.out.printf(Locale.ROOT, "%.3f %d%n", (System.nanoTime() - t0) / 1e9, count);
    }
  }

  private static void write(Path dir, int points, int dimension, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    VectorDatabase db = VectorDatabase.open(dir);
    VectorCollection c = db.create(COLLECTION, new CollectionConfig(dimension, Distance.COSINE));
    List<Point> batch = new ArrayList<>();
    for (int id = 0; id < points; id++) {
      float[] v = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        v[j] = (float) random.nextGaussian();
      }
      batch.add(new Point(PointId.of(id), v, JSON.createObjectNode().put("n", id)));
      if (batch.size() == 200 || id == points - 1) {
        c.upsert(batch, true); // acknowledged: durable before the call returns
        batch = new ArrayList<>();
      }
    }
  }

  private static String child(List<String> flags, String... args)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector"));
    command.addAll(flags);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), RestartBench.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String last = "";
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        last = line;
      }
    }
    int rc = p.waitFor();
    if (rc != 0) {
      throw new IllegalStateException(
          "the " + args[0] + " process exited with " + rc + " (" + String.join(" ", command) + ")");
    }
    return last.strip();
  }

  private static long walBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> f.getFileName().toString().matches("wal-\\d+\\.log"))
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
