package dev.scion.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.server.ScionServer;
import dev.scion.server.ServerConfig;
import dev.scion.server.tenancy.Platform;
import dev.scion.vector.CollectionConfig;
import dev.scion.vector.Distance;
import dev.scion.vector.Point;
import dev.scion.vector.PointId;
import dev.scion.vector.VectorCollection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback load test with {@code wrk} (Debian) against a real server. For vector search and pack
 * chat in turn: the most the server does (one tenant, no pauses), then one tenant asking for a
 * share of that (latency is measured below saturation, as a service is run), alone and while a
 * second tenant floods the same endpoint far past its per-minute limit. The flooded run shows what
 * a flood costs the others. The access log is quiet during the runs.
 */
public final class LoadBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = "load-bench-admin-key-0123456789";
  private static final Pattern LATENCY =
      Pattern.compile("^\\s*(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");

  private LoadBench() {}

  /** One wrk run: requests per second, latency percentiles in ms, and the non-2xx answers. */
  public record Run(double rps, double p50, double p90, double p99, long requests, long non2xx) {
    ObjectNode json() {
      return JSON.createObjectNode()
          .put("rps", round(rps))
          .put("p50_ms", round(p50))
          .put("p90_ms", round(p90))
          .put("p99_ms", round(p99))
          .put("requests", requests)
          .put("non_2xx", non2xx);
    }
  }

  /**
   * Runs the test.
   *
   * @param seconds each measurement's length
   * @param rounds how many times the alone and the flooded runs take turns
   * @param connections the measured tenant's connections
   * @param load the share of the saturated throughput the measured tenant asks for (0..1]
   * @param floodConnections the flooding tenant's connections
   * @param floodLimit the flooding key's requests per minute
   * @param pack the pack folder for the chat endpoint, or null to measure search only
   */
  public static ObjectNode run(
      int seconds,
      int rounds,
      int connections,
      double load,
      int floodConnections,
      int floodLimit,
      int points,
      Path pack,
      PrintStream progress)
      throws IOException, InterruptedException {
    if (!new java.io.File("/usr/bin/wrk").canExecute()) {
      throw new IllegalStateException("wrk is not installed; install it with: apt-get install wrk");
    }
    // the access log would measure the terminal, not the server: it is quiet during the run
    System.setProperty("org.slf4j.simpleLogger.log.scion.http", "warn");
    // a fresh data folder each run, but the packs' trained models are kept between runs
    Path dir = Path.of(System.getProperty("user.home"), ".cache", "scion", "bench", "load");
    Files.createDirectories(dir);
    try (var children = Files.list(dir)) {
      for (Path child : children.toList()) {
        if (!child.getFileName().toString().equals("packs")) {
          dev.scion.vector.internal.FileTrees.delete(child);
        }
      }
    }
    ServerConfig config =
        new ServerConfig("127.0.0.1", 0, dir, ADMIN, ServerConfig.DEFAULT_MAX_BODY)
            .withPacks(pack == null ? List.of() : List.of(pack));
    progress.println("starting the server" + (pack == null ? "" : " with " + pack.getFileName()));
    try (ScionServer server = ScionServer.start(config)) {
      Platform platform = server.tenancy().platform();
      platform.createTenant("steady", "the measured tenant");
      platform.createTenant("flood", "the flooding tenant");
      String steady = platform.createKey("steady", "bench", List.of(), List.of(), 0, 0).secret();
      String flood =
          platform.createKey("flood", "bench", List.of(), List.of(), floodLimit, 0).secret();
      int dim = 128;
      progress.println("loading " + points + " vectors of " + dim + " dimensions for each tenant");
      float[] query = load(server.tenancy().spaces().vectors("steady"), points, dim, 1);
      load(server.tenancy().spaces().vectors("flood"), points, dim, 2);
      String base = "http://127.0.0.1:" + server.port();
      Map<String, String> bodies = new java.util.LinkedHashMap<>();
      bodies.put(
          "/collections/docs/points/search",
          JSON.createObjectNode()
              .<ObjectNode>set("vector", JSON.valueToTree(query))
              .put("limit", 10)
              .toString());
      if (pack != null) {
        bodies.put(
            "/v1/chat/completions",
            "{\"model\":\"ota-hotel\",\"today\":\"2026-12-01\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hotels in Da Nang for the 10th for 2 nights under 100 dollars\"}]}");
      }
      ObjectNode report = JSON.createObjectNode();
      report.put("seconds", seconds);
      report.put("rounds", rounds);
      report.put("connections", connections);
      report.put("load", load);
      report.put("flood_connections", floodConnections);
      report.put("flood_limit_per_minute", floodLimit);
      report.put("cores", Runtime.getRuntime().availableProcessors());
      ArrayNode results = report.putArray("results");
      java.util.concurrent.ExecutorService flooder =
          java.util.concurrent.Executors.newSingleThreadExecutor(
              dev.scion.vector.internal.NamedThreads.daemon("load-flood"));
      for (Map.Entry<String, String> e : bodies.entrySet()) {
        Path floodScript = script(dir, "flood", e.getValue(), flood, 0);
        String url = base + e.getKey();
        Path unpaced = script(dir, "max", e.getValue(), steady, 0);
        progress.println(e.getKey() + ": warming up");
        wrk(url, unpaced, connections, seconds);
        progress.println(e.getKey() + ": finding the most the server does");
        Run saturated = wrk(url, unpaced, connections, seconds);
        // each connection waits between requests so that the tenant asks for `load` of the most
        double pause = 1000.0 * connections / (load * saturated.rps());
        Path steadyScript = script(dir, "steady", e.getValue(), steady, pause);
        // alone and flooded runs take turns, so that drift and noise fall on both alike
        List<Run> alone = new ArrayList<>();
        List<Run> flooded = new ArrayList<>();
        List<Run> floods = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          progress.println(e.getKey() + ": round " + round + ", the steady tenant alone");
          alone.add(wrk(url, steadyScript, connections, seconds));
          progress.println(e.getKey() + ": round " + round + ", while the other tenant floods");
          CompletableFuture<Run> flooding =
              CompletableFuture.supplyAsync(
                  () -> wrkUnchecked(url, floodScript, floodConnections, seconds), flooder);
          flooded.add(wrk(url, steadyScript, connections, seconds));
          floods.add(flooding.join());
        }
        ObjectNode r = results.addObject();
        r.put("endpoint", e.getKey());
        r.set("saturated", saturated.json());
        r.put("pause_ms", round(pause));
        r.set("alone", runs(alone));
        r.set("while_flooded", runs(flooded));
        r.set("flood", runs(floods));
        double aloneP99 = median(alone.stream().mapToDouble(Run::p99).toArray());
        double floodedP99 = median(flooded.stream().mapToDouble(Run::p99).toArray());
        double aloneRps = median(alone.stream().mapToDouble(Run::rps).toArray());
        double floodedRps = median(flooded.stream().mapToDouble(Run::rps).toArray());
        r.put("median_p99_alone_ms", round(aloneP99));
        r.put("median_p99_flooded_ms", round(floodedP99));
        r.put("p99_ratio", round(floodedP99 / aloneP99));
        r.put("rps_ratio", round(floodedRps / aloneRps));
        long refused = floods.stream().mapToLong(Run::non2xx).sum();
        progress.println(
            String.format(
                Locale.ROOT,
                "%s: saturated %.0f req/s; at %.0f%%: alone %.0f req/s p99 %.2f ms, flooded %.0f"
                    + " req/s p99 %.2f ms (x%.2f, medians of %d rounds); the flood was refused"
                    + " %d times",
                e.getKey(),
                saturated.rps(),
                load * 100,
                aloneRps,
                aloneP99,
                floodedRps,
                floodedP99,
                floodedP99 / aloneP99,
                rounds,
                refused));
      }
      flooder.shutdown();
      return report;
    } finally {
      dev.scion.vector.internal.FileTrees.delete(dir.resolve("tenants"));
    }
  }

  private static float[] load(dev.scion.vector.VectorDatabase db, int n, int dim, long seed) {
    VectorCollection c = db.create("docs", new CollectionConfig(dim, Distance.COSINE));
    SplittableRandom random = new SplittableRandom(seed);
    List<Point> batch = new ArrayList<>();
    float[] first = null;
    for (int i = 0; i < n; i++) {
      float[] v = new float[dim];
      for (int d = 0; d < dim; d++) {
        v[d] = (float) random.nextGaussian();
      }
      if (first == null) {
        first = v;
      }
      batch.add(new Point(new PointId.Num(i), v, JSON.createObjectNode()));
      if (batch.size() == 1000 || i == n - 1) {
        c.upsert(batch, true);
        batch.clear();
      }
    }
    return first;
  }

  /**
   * A wrk script posting {@code body} with {@code key}, pausing {@code pauseMs} between requests.
   */
  private static Path script(Path dir, String name, String body, String key, double pauseMs)
      throws IOException {
    Path f = dir.resolve(name + "-" + Integer.toHexString(body.hashCode()) + ".lua");
    String lua =
        "wrk.method = \"POST\"\n"
            + "wrk.body = "
            + luaString(body)
            + "\n"
            + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
            + "wrk.headers[\"api-key\"] = "
            + luaString(key)
            + "\n"
            + (pauseMs > 0
                ? String.format(Locale.ROOT, "function delay() return %.3f end\n", pauseMs)
                : "");
    Files.writeString(f, lua);
    return f;
  }

  private static String luaString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static Run wrkUnchecked(String url, Path script, int connections, int seconds) {
    try {
      return wrk(url, script, connections, seconds);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("wrk failed: " + e.getMessage(), e);
    }
  }

  static Run wrk(String url, Path script, int connections, int seconds)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "wrk",
                "-t1",
                "-c" + connections,
                "-d" + seconds + "s",
                "--latency",
                "--timeout",
                "10s",
                "-s",
                script.toString(),
                url)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("wrk exited with " + p.exitValue() + ": " + out);
    }
    return parse(out);
  }

  /** Reads wrk's {@code --latency} report. */
  static Run parse(String out) {
    double[] pct = new double[100];
    Matcher m = LATENCY.matcher(out);
    while (m.find()) {
      double v = Double.parseDouble(m.group(2));
      v =
          switch (m.group(3)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
          };
      pct[Integer.parseInt(m.group(1))] = v;
    }
    Matcher rps = RPS.matcher(out);
    Matcher total = TOTAL.matcher(out);
    if (!rps.find() || !total.find() || pct[99] == 0) {
      throw new IllegalStateException("cannot read wrk's report:\n" + out);
    }
    Matcher non = NON_2XX.matcher(out);
    return new Run(
        Double.parseDouble(rps.group(1)),
        pct[50],
        pct[90],
        pct[99],
        Long.parseLong(total.group(1)),
        non.find() ? Long.parseLong(non.group(1)) : 0);
  }

  private static ArrayNode runs(List<Run> runs) {
    ArrayNode a = JSON.createArrayNode();
    runs.forEach(r -> a.add(r.json()));
    return a;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
