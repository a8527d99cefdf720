package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real server process with SIGKILL in the middle of a stream of {@code wait=true} upserts,
 * restarts it, and checks that every acknowledged point is there with its payload, also when the
 * kill lands while the server writes a checkpoint or compacts.
 */
class CrashDurabilityTest {
  private static final int BATCH = 20;
  @TempDir Path dir;

  private record Running(Process process, int port) {}

  private Running startServer(String... jvmFlags) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector"));
    command.addAll(List.of(jvmFlags));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ScionServer.class.getName(),
            "--port",
            "0",
            "--data",
            dir.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("listening on port ")) {
        int port = Integer.parseInt(line.substring("listening on port ".length()).trim());
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "server-output");
        drain.setDaemon(true);
        drain.start();
        return new Running(p, port);
      }
    }
    throw new AssertionError("server exited before listening: " + p.waitFor());
  }

  /** Streams batches until the server dies; records each batch acknowledged with 200. */
  private static Thread stream(Http http, int firstBatch, List<Integer> acked) {
    Thread t =
        new Thread(
            () -> {
              for (int b = firstBatch; ; b++) {
                StringBuilder body = new StringBuilder("{\"points\":[");
                for (int i = 0; i < BATCH; i++) {
                  int id = b * BATCH + i;
                  body.append(i > 0 ? "," : "")
                      .append("{\"id\":")
                      .append(id)
                      .append(",\"vector\":[")
                      .append(id % 7 + 1)
                      .append(",")
                      .append(id % 5)
                      .append(",1,")
                      .append(id)
                      .append("]")
                      .append(",\"payload\":{\"batch\":")
                      .append(b)
                      .append(",\"tag\":\"t")
                      .append(id)
                      .append("\"}}");
                }
                body.append("]}");
                try {
                  if (http.put("/collections/c/points?wait=true", body.toString()).status()
                      != 200) {
                    return;
                  }
                } catch (RuntimeException serverGone) {
                  return;
                }
                acked.add(b);
              }
            },
            "upserts");
    t.start();
    return t;
  }

  private static void killMidStream(Running server, List<Integer> acked, int atLeast)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (acked.size() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    server.process().destroyForcibly(); // SIGKILL on Linux
    server.process().waitFor();
  }

  private static void assertAllAcknowledgedPresent(Http http, List<Integer> acked) {
    for (int b : acked) {
      StringBuilder ids = new StringBuilder("{\"ids\":[");
      for (int i = 0; i < BATCH; i++) {
        ids.append(i > 0 ? "," : "").append(b * BATCH + i);
      }
      JsonNode got = http.post("/collections/c/points", ids.append("]}").toString()).result();
      assertEquals(BATCH, got.size(), "acknowledged batch " + b + " is complete");
      for (JsonNode p : got) {
        assertEquals(b, p.at("/payload/batch").asInt());
        assertEquals("t" + p.get("id").asInt(), p.at("/payload/tag").asText());
      }
    }
  }

  @Test
  void everyAcknowledgedUpsertSurvivesSigkill() throws Exception {
    Running first = startServer();
    Http http = new Http(first.port());
    assertEquals(
        200,
        http.put("/collections/c", "{\"vectors\":{\"size\":4,\"distance\":\"Cosine\"}}").status());
    List<Integer> acked = new CopyOnWriteArrayList<>();
    Thread writer = stream(http, 0, acked);
    killMidStream(first, acked, 150);
    writer.join();
    List<Integer> firstRun = new ArrayList<>(acked);
    System.out.println("acknowledged before first kill: " + firstRun.size() + " batches");
    assertTrue(firstRun.size() >= 150);

    Running second = startServer();
    Http again = new Http(second.port());
    assertAllAcknowledgedPresent(again, firstRun);
    long count = again.post("/collections/c/points/count", "{}").result().get("count").asLong();
    assertTrue(
        count >= (long) firstRun.size() * BATCH && count <= (long) (firstRun.size() + 1) * BATCH,
        "count " + count);
    assertEquals(
        200,
        again.post("/collections/c/points/search", "{\"vector\":[1,1,1,1],\"limit\":5}").status());

    Thread writer2 = stream(again, 100_000, acked);
    killMidStream(second, acked, firstRun.size() + 100);
    writer2.join();
    Running third = startServer();
    try {
      assertAllAcknowledgedPresent(new Http(third.port()), acked);
    } finally {
      third.process().destroyForcibly();
      third.process().waitFor();
    }
  }

  private static final int RING = 1000;
  private static final int RING_BATCH = 50;
  private static final int RING_DIM = 16;

  /** The vector batch {@code b} writes for point {@code id}: both can be read back from it. */
  private static float[] ringVector(int id, int b) {
    float[] v = new float[RING_DIM];
    for (int j = 0; j < RING_DIM; j++) {
      v[j] = (id * 31 + b * 7 + j) % 13 + 1;
    }
    v[0] = id;
    return v;
  }

  /**
   * Streams batches that overwrite a ring of ids, so that many points are deleted and compaction
   * runs again and again; records the last batch acknowledged.
   */
  private static Thread ringWriter(Http http, int firstBatch, AtomicInteger lastAcked) {
    Thread t =
        new Thread(
            () -> {
              for (int b = firstBatch; ; b++) {
                StringBuilder body = new StringBuilder("{\"points\":[");
                for (int i = 0; i < RING_BATCH; i++) {
                  int id = (b * RING_BATCH + i) % RING;
                  body.append(i > 0 ? "," : "")
                      .append("{\"id\":")
                      .append(id)
                      .append(",\"vector\":")
                      .append(Arrays.toString(ringVector(id, b)))
                      .append(",\"payload\":{\"batch\":")
                      .append(b)
                      .append("}}");
                }
                body.append("]}");
                try {
                  if (http.put("/collections/r/points?wait=true", body.toString()).status()
                      != 200) {
                    return;
                  }
                } catch (RuntimeException serverGone) {
                  return;
                }
                lastAcked.set(b);
              }
            },
            "ring-upserts");
    t.start();
    return t;
  }

  /**
   * Every point holds what the last acknowledged batch that wrote it wrote, or what the one batch
   * in flight at the kill wrote.
   */
  private static void assertRingState(Http http, int lastAcked) {
    JsonNode points =
        http.post(
                "/collections/r/points/scroll",
                "{\"limit\":10000,\"with_payload\":true,\"with_vector\":true}")
            .result()
            .get("points");
    Map<Integer, JsonNode> byId = new HashMap<>();
    points.forEach(p -> byId.put(p.get("id").asInt(), p));
    int written = Math.min(RING, (lastAcked + 1) * RING_BATCH);
    for (int id = 0; id < written; id++) {
      int expected = lastAcked;
      while ((expected * RING_BATCH) % RING > id
          || (expected * RING_BATCH) % RING + RING_BATCH <= id) {
        expected--;
      }
      JsonNode p = byId.get(id);
      assertTrue(p != null, "point " + id + " of acknowledged batch " + expected + " survives");
      int batch = p.at("/payload/batch").asInt();
      boolean inFlight =
          batch == lastAcked + 1
              && ((lastAcked + 1) * RING_BATCH) % RING <= id
              && id < ((lastAcked + 1) * RING_BATCH) % RING + RING_BATCH;
      assertTrue(batch == expected || inFlight, "point " + id + " holds batch " + batch);
      float[] v = ringVector(id, batch);
      for (int j = 0; j < RING_DIM; j++) {
        assertEquals(v[j], p.get("vector").get(j).floatValue(), "vector of point " + id);
      }
    }
  }

  /** The files of collection r: a kill during a checkpoint leaves a .tmp or a second segment. */
  private List<String> collectionFiles() throws Exception {
    try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve("collections/r"))) {
      return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
    }
  }

  @Test
  void acknowledgedWritesSurviveSigkillDuringCheckpointsAndCompactions() throws Exception {
    long seed = Long.getLong("tests.seed", 0x5c10L);
    System.out.println(
        "[seed] sigkill-maintenance = " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    String smallCheckpoints = "-Dscion.checkpointLogBytes=32768";
    AtomicInteger lastAcked = new AtomicInteger(-1);
    Running server = startServer(smallCheckpoints);
    Http http = new Http(server.port());
    assertEquals(
        200,
        http.put("/collections/r", "{\"vectors\":{\"size\":" + RING_DIM + ",\"distance\":\"Dot\"}}")
            .status());
    try {
      for (int round = 0; round < 2; round++) {
        Thread writer = ringWriter(http, lastAcked.get() + 1, lastAcked);
        int target = lastAcked.get() + 30 + random.nextInt(40);
        long delay = random.nextInt(400);
        System.out.println(
            "[crash] round " + round + ": SIGKILL " + delay + " ms after batch " + target);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lastAcked.get() < target && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
        Thread.sleep(delay);
        server.process().destroyForcibly();
        server.process().waitFor();
        writer.join();
        System.out.println(
            "[crash] last acknowledged batch " + lastAcked.get() + "; files: " + collectionFiles());
        server = startServer(smallCheckpoints);
        http = new Http(server.port());
        assertRingState(http, lastAcked.get());
      }
      long writes = (lastAcked.get() + 1L) * RING_BATCH;
      long indexed = http.get("/collections/r").result().get("indexed_vectors_count").asLong();
      assertTrue(indexed < writes, indexed + " of " + writes + " writes indexed: compactions ran");
      try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("collections/r"))) {
        assertTrue(
            files.anyMatch(f -> f.getFileName().toString().startsWith("segment-")),
            "checkpoints were written");
      }
    } finally {
      server.process().destroyForcibly();
      server.process().waitFor();
    }
  }
}
