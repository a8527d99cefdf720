package dev.scion.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * hnswlib and FAISS through a small C++ harness ({@code peers.cpp}), compiled on first use against
 * Debian's {@code libhnswlib-dev} and {@code libfaiss-dev} into {@code ~/.cache/scion/bench}.
 */
final class NativePeers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NativePeers() {}

  /** Compiles the harness if needed and returns the executable. */
  static Path harness() throws IOException, InterruptedException {
    byte[] source;
    try (InputStream in = NativePeers.class.getResourceAsStream("peers.cpp")) {
      source = in.readAllBytes();
    }
    String hash;
    try {
      hash =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(source))
              .substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "scion", "bench");
    Path exe = cache.resolve("peers-" + hash);
    if (Files.isExecutable(exe)) {
      return exe;
    }
    if (!Files.exists(Path.of("/usr/include/hnswlib/hnswlib.h"))
        || !Files.exists(Path.of("/usr/include/faiss/IndexHNSW.h"))) {
      throw new IllegalArgumentException(
          "hnswlib or FAISS headers are missing; run: apt-get install libhnswlib-dev libfaiss-dev g++");
    }
    Files.createDirectories(cache);
    Path src = cache.resolve("peers-" + hash + ".cpp");
    Files.write(src, source);
    Process p =
        new ProcessBuilder(
                "g++",
                "-O3",
                "-march=native",
                "-fopenmp",
                "-o",
                exe.toString(),
                src.toString(),
                "-lfaiss",
                "-lblas",
                "-llapack")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(
          "compiling the native peer harness failed: "
              + out.lines().limit(5).collect(Collectors.joining(" | ")));
    }
    return exe;
  }

  /** One row of the harness's output. */
  record Row(int ef, double recall, double qps, double buildSeconds, long memoryBytes) {}

  static List<Row> run(
      String system,
      Path base,
      Path queries,
      Path truth,
      boolean innerProduct,
      int m,
      int efc,
      int k,
      List<Integer> efs)
      throws IOException, InterruptedException {
    List<String> cmd =
        List.of(
            harness().toString(),
            system,
            base.toString(),
            queries.toString(),
            truth.toString(),
            innerProduct ? "ip" : "l2",
            Integer.toString(m),
            Integer.toString(efc),
            Integer.toString(k),
            efs.stream().map(String::valueOf).collect(Collectors.joining(",")));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Row> rows = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        JsonNode n = JSON.readTree(line);
        rows.add(
            new Row(
                n.get("ef").asInt(),
                n.get("recall").asDouble(),
                n.get("qps").asDouble(),
                n.get("build_seconds").asDouble(),
                n.get("memory_bytes").asLong()));
      }
    }
    if (p.waitFor() != 0) {
      throw new IOException(system + " harness exited with " + p.exitValue());
    }
    return rows;
  }
}
