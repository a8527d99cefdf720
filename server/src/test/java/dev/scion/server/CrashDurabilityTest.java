package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real server process with SIGKILL in the middle of a stream of {@code wait=true} upserts,
 * restarts it, and checks that every acknowledged point is there with its payload.
 */
class CrashDurabilityTest {
  private static final int BATCH = 20;
  @TempDir Path dir;

  private record Running(Process process, int port) {}

  private Running startServer() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "--add-modules",
            "jdk.incubator.vector",
            "-cp",
            System.getProperty("java.class.path"),
            ScionServer.class.getName(),
            "--port",
            "0",
            "--data",
            dir.toString());
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
}
