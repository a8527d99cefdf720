package dev.scion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scion.vector.Distance;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorBenchTest {
  @TempDir Path dir;

  @Test
  void everySystemBuildsAndFindsTheNeighboursOfASmallSet() throws Exception {
    long seed = Long.getLong("tests.seed", 2024);
    System.out.println("[seed] bench = " + seed);
    Random random = new Random(seed);
    float[][] base = new float[3000][24];
    for (float[] v : base) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) random.nextGaussian();
      }
    }
    Path file = dir.resolve("small.fvecs");
    Dataset.writeFvecs(base, file);
    Path json = dir.resolve("report.json");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    VectorBench.run(
        new VectorBench.Options(
            file.toString(),
            null,
            Distance.COSINE,
            List.of("lucene", "jvector", "hnswlib", "faiss"),
            16,
            100,
            List.of(64),
            10,
            200,
            json),
        new PrintStream(log, true, StandardCharsets.UTF_8));
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertEquals(2700, report.get("n").asInt(), "the last 10% are held out as queries");
    assertEquals(24, report.get("dim").asInt());
    Set<String> systems = new HashSet<>();
    for (JsonNode row : report.get("results")) {
      systems.add(row.get("system").asText());
      assertTrue(row.get("recall@10").asDouble() > 0.9, row.toString());
      assertTrue(row.get("qps").asDouble() > 0, row.toString());
      assertTrue(row.get("build_seconds").asDouble() >= 0, row.toString());
      assertEquals(64, row.at("/params/ef").asInt());
    }
    assertEquals(Set.of("scion", "lucene", "jvector", "hnswlib", "faiss"), systems);
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("ground truth"));
  }

  @Test
  void groundTruthIsExact() throws Exception {
    float[][] base = {{0, 0}, {1, 0}, {5, 5}, {0, 2}};
    float[][] queries = {{0.9f, 0.1f}};
    int[][] truth =
        GroundTruth.exact(
            new Dataset("tiny-" + System.nanoTime(), Distance.EUCLID, base, queries),
            3,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(List.of(1, 0, 3), List.of(truth[0][0], truth[0][1], truth[0][2]));
  }
}
