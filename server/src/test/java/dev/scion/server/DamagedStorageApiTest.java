package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the HTTP API says about damaged files: a collection that cannot be opened is listed, shown
 * {@code red} with the damaged file named, refused with 409 and can be deleted, while the others
 * serve; log damage that was skipped shows as {@code yellow} with a warning naming the file; a
 * damaged snapshot is refused with 400 naming it, and the collection is kept.
 */
class DamagedStorageApiTest {
  @TempDir Path dir;

  private static ScionServer start(Path dir) {
    return ScionServer.start(new ServerConfig("127.0.0.1", 0, dir, null, 1 << 20));
  }

  private static void fill(Http http, String name, int batches) {
    assertEquals(
        200,
        http.put("/collections/" + name, "{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}")
            .status());
    for (int b = 0; b < batches; b++) {
      assertEquals(
          200,
          http.put(
                  "/collections/" + name + "/points?wait=true",
                  "{\"points\":[{\"id\":" + b + ",\"vector\":[1," + b + "]}]}")
              .status());
    }
  }

  private static Path only(Path folder, String suffix) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
    }
  }

  @Test
  void damagedCollectionIsRedAndRefusedWhileTheOthersServe() throws Exception {
    try (ScionServer server = start(dir)) {
      Http http = new Http(server.port());
      fill(http, "a", 5);
      fill(http, "b", 5);
      fill(http, "c", 5);
      server.database().collection("a").checkpoint();
    }
    Path segment = only(dir.resolve("collections/a"), ".bin");
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length / 2] ^= 0x20;
    Files.write(segment, bytes);
    Path wal = only(dir.resolve("collections/b/wal"), ".log");
    byte[] log = Files.readAllBytes(wal);
    int second = 8 + ByteBuffer.wrap(log).getInt(0);
    log[second + 20] ^= 0x01;
    Files.write(wal, log);

    try (ScionServer server = start(dir)) {
      Http http = new Http(server.port());
      assertEquals(
          List.of("a", "b", "c"),
          http.get("/collections").result().get("collections").findValuesAsText("name"));

      JsonNode a = http.get("/collections/a").result();
      assertEquals("red", a.get("status").asText());
      String reason = a.at("/optimizer_status/error").asText();
      assertTrue(reason.contains("collections/a/" + segment.getFileName()), reason);
      assertFalse(reason.contains(dir.toString()), reason);
      assertTrue(a.at("/warnings/0/message").asText().contains("snapshot"), a.toString());

      Http.Reply refused = http.post("/collections/a/points/search", "{\"vector\":[1,1]}");
      assertEquals(409, refused.status(), refused.text());
      assertTrue(refused.error().contains("collections/a/" + segment.getFileName()));
      assertTrue(refused.error().contains("DELETE /collections/a"), refused.error());
      assertEquals(409, http.put("/collections/a/points?wait=true", "{\"points\":[]}").status());
      assertTrue(http.get("/collections/a/exists").result().get("exists").asBoolean());

      JsonNode b = http.get("/collections/b").result();
      assertEquals("yellow", b.get("status").asText());
      String warning = b.at("/warnings/0/message").asText();
      assertTrue(warning.contains("collections/b/wal/" + wal.getFileName()), warning);
      assertTrue(warning.contains("byte " + second), warning);
      assertEquals(4, http.post("/collections/b/points/count", "{}").result().get("count").asInt());

      assertEquals("green", http.get("/collections/c").result().get("status").asText());
      assertEquals(5, http.post("/collections/c/points/count", "{}").result().get("count").asInt());

      String snapshot = http.post("/collections/c/snapshots", "").result().get("name").asText();
      Path snapshotFile = dir.resolve("snapshots/c").resolve(snapshot);
      byte[] snap = Files.readAllBytes(snapshotFile);
      snap[snap.length - 20] ^= 0x08;
      Files.write(snapshotFile, snap);
      Http.Reply recover =
          http.put("/collections/c/snapshots/recover", "{\"location\":\"" + snapshot + "\"}");
      assertEquals(400, recover.status(), recover.text());
      assertTrue(recover.error().contains(snapshot), recover.error());
      assertFalse(recover.error().contains(dir.toString()), recover.error());
      assertEquals(5, http.post("/collections/c/points/count", "{}").result().get("count").asInt());

      assertTrue(http.delete("/collections/a").result().asBoolean());
      assertEquals(404, http.get("/collections/a").status());
      fill(http, "a", 1);
    }
  }
}
