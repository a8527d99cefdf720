package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadRequestTest {
  @TempDir Path dir;
  ScionServer server;
  Http http;

  @BeforeEach
  void start() {
    server = ScionServer.start(new ServerConfig("127.0.0.1", 0, dir, null, 1 << 20));
    http = new Http(server.port());
    http.put("/collections/c", "{\"vectors\":{\"size\":3,\"distance\":\"Dot\"}}");
    http.put(
        "/collections/c/points?wait=true",
        "{\"points\":[{\"id\":1,\"vector\":[1,2,3],\"payload\":{\"k\":\"v\"}}]}");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void assertRejected(int status, String fragment, Http.Reply r) {
    assertEquals(status, r.status(), r.text());
    assertTrue(
        r.error().contains(fragment),
        "error '" + r.error() + "' should mention '" + fragment + "'");
    assertTrue(!r.error().contains("\n"), "one line");
  }

  @Test
  void badInputGets4xxWithAReasonAndDataStaysIntact() {
    assertRejected(
        400,
        "not valid JSON",
        http.put("/collections/c/points?wait=true", "{\"points\":[{\"id\":2,"));
    assertRejected(
        400,
        "has 2 dimensions but collection 'c' expects 3",
        http.put("/collections/c/points?wait=true", "{\"points\":[{\"id\":2,\"vector\":[1,2]}]}"));
    assertRejected(
        400,
        "not valid JSON",
        http.put(
            "/collections/c/points?wait=true", "{\"points\":[{\"id\":2,\"vector\":[1,NaN,2]}]}"));
    assertRejected(
        400,
        "not a number",
        http.put(
            "/collections/c/points?wait=true", "{\"points\":[{\"id\":2,\"vector\":[1,\"x\",2]}]}"));
    assertRejected(
        400,
        "neither an unsigned integer nor a UUID",
        http.put(
            "/collections/c/points?wait=true", "{\"points\":[{\"id\":-5,\"vector\":[1,2,3]}]}"));
    assertRejected(
        400,
        "unknown field 'vectorz'",
        http.put(
            "/collections/c/points?wait=true", "{\"points\":[{\"id\":2,\"vectorz\":[1,2,3]}]}"));
    assertRejected(
        400,
        "unknown filter condition 'kee'",
        http.post(
            "/collections/c/points/search",
            "{\"vector\":[1,2,3],\"filter\":{\"must\":[{\"kee\":\"k\"}]}}"));
    assertRejected(
        400,
        "unknown field 'limt'",
        http.post("/collections/c/points/search", "{\"vector\":[1,2,3],\"limt\":3}"));
    assertRejected(
        400,
        "limit must be an integer",
        http.post("/collections/c/points/search", "{\"vector\":[1,2,3],\"limit\":-1}"));
    assertRejected(
        400, "must be a JSON object", http.post("/collections/c/points/search", "[1,2,3]"));
    assertRejected(
        400,
        "unknown distance",
        http.put("/collections/d", "{\"vectors\":{\"size\":3,\"distance\":\"Hamming\"}}"));
    assertRejected(
        400,
        "vector size must be between",
        http.put("/collections/d", "{\"vectors\":{\"size\":0,\"distance\":\"Dot\"}}"));
    assertRejected(
        400,
        "collection name",
        http.put("/collections/bad%20name", "{\"vectors\":{\"size\":3,\"distance\":\"Dot\"}}"));
    assertRejected(
        404,
        "collection 'nope' does not exist",
        http.post("/collections/nope/points/search", "{\"vector\":[1,2,3]}"));
    assertRejected(404, "no route", http.get("/no/such/route"));
    String huge =
        "{\"points\":[{\"id\":3,\"vector\":[1,2,3],\"payload\":{\"blob\":\""
            + "x".repeat(2 << 20)
            + "\"}}]}";
    assertRejected(413, "larger than the limit", http.put("/collections/c/points?wait=true", huge));
    assertRejected(
        400,
        "wait must be true or false",
        http.put("/collections/c/points?wait=yes", "{\"points\":[]}"));

    Http.Reply count = http.post("/collections/c/points/count", "{}");
    assertEquals(1, count.result().get("count").asInt(), "nothing rejected was written");
    assertEquals("v", http.get("/collections/c/points/1").result().at("/payload/k").asText());
  }
}
