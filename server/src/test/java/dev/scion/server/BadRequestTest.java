package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  /** A 400 in the API's shape: one line, no stack trace, no path of the server's. */
  private void assertClean(int status, String fragment, Http.Reply r) {
    assertRejected(status, fragment, r);
    assertFalse(r.error().contains(dir.toString()), "no server path: " + r.error());
    assertFalse(r.error().contains("Exception") || r.error().contains("\tat "), r.error());
  }

  @Test
  void jsonBeyondTheParsersLimitsIsA400() {
    String longNumber = "1".repeat(5000);
    assertClean(
        400,
        "beyond the limits",
        http.put(
            "/collections/c/points?wait=true",
            "{\"points\":[{\"id\":2,\"vector\":[" + longNumber + ",2,3]}]}"));
    assertClean(
        400,
        "beyond the limits",
        http.post("/collections/c/points/search", "[".repeat(100_000) + "]".repeat(100_000)));
    assertClean(
        400,
        "beyond the limits",
        http.post(
            "/collections/c/points/search",
            "{\"vector\":[1,2,3],\"filter\":" + "{\"must\":[".repeat(30_000) + "]}"));
  }

  @Test
  void oneJsonObjectWithEachFieldOnceAndNothingAfterIt() {
    String search = "{\"vector\":[1,2,3]}";
    assertEquals(200, http.post("/collections/c/points/search", search).status());
    assertClean(
        400, "Unrecognized token 'x'", http.post("/collections/c/points/search", search + " x"));
    assertClean(
        400,
        "more after its JSON object",
        http.post("/collections/c/points/search", search + search));
    assertClean(
        400,
        "Duplicate field 'vector'",
        http.post("/collections/c/points/search", "{\"vector\":[1,2,3],\"vector\":[3,2,1]}"));
  }

  @Test
  void mistypedFieldsAreNamedWithTheTypeTheyNeed() {
    assertClean(
        400,
        "field 'chunk_tokens' must be a whole number, got string \"abc\"",
        http.put("/kb/k", "{\"chunk_tokens\":\"abc\"}"));
    assertEquals(404, http.get("/kb/k").status(), "nothing was made of it");
    assertClean(
        400,
        "field 'language' must be a string, got number",
        http.put("/kb/k", "{\"language\":5}"));
    http.put("/kb/searchable", "{}");
    assertClean(
        400,
        "field 'limit' must be a whole number, got number 2.5",
        http.post("/kb/searchable/search", "{\"query\":\"x\",\"limit\":2.5}"));
    assertClean(
        400,
        "field 'text' must be a string, got object",
        http.post("/forms/compile", "{\"text\":{\"a\":1}}"));
    assertClean(
        400,
        "field 'model' must be a string, got array",
        openAi(http.post("/v1/embeddings", "{\"model\":[1],\"input\":\"x\"}")));
  }

  /** An OpenAI-shaped error seen as a Qdrant-shaped one, for the shared assertions. */
  private static Http.Reply openAi(Http.Reply r) {
    var shaped = Http.JSON.createObjectNode();
    shaped.putObject("status").put("error", r.json().path("error").path("message").asText());
    return new Http.Reply(r.status(), shaped, r.text(), r.headers());
  }

  @Test
  void longNamesOddLocationsAndBrokenUploadsAre400s() {
    String longName = "n".repeat(255);
    assertEquals(
        200,
        http.put("/collections/" + longName, "{\"vectors\":{\"size\":3,\"distance\":\"Dot\"}}")
            .status());
    Http.Reply snapshot = http.post("/collections/" + longName + "/snapshots", "");
    assertEquals(200, snapshot.status(), snapshot.text());
    String made = snapshot.result().get("name").asText();
    assertEquals(
        200,
        http.put(
                "/collections/" + longName + "/snapshots/recover",
                "{\"location\":\"" + made + "\"}")
            .status());
    assertClean(
        400,
        "not a snapshot file",
        http.put("/collections/c/snapshots/recover", "{\"location\":\"file:///etc/passwd\"}"));
    assertClean(
        400,
        "not a file URI",
        http.put("/collections/c/snapshots/recover", "{\"location\":\"file:bad\"}"));
    assertEquals(1, http.post("/collections/c/points/count", "{}").result().get("count").asInt());

    http.put("/kb/docs", "{}");
    String cjk = "\u6587".repeat(193) + ".md"; // 196 characters, 582 bytes in UTF-8
    assertClean(
        400,
        "bytes long in UTF-8",
        http.send(
            "POST",
            "/kb/docs/documents?filename="
                + java.net.URLEncoder.encode(cjk, java.nio.charset.StandardCharsets.UTF_8),
            "# Title\n\ntext\n"));
    String boundary = "b0undary";
    Http.Raw unclosed =
        Http.raw(
            server.port(),
            multipart(
                boundary,
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.md\"\r\n"
                    + "Content-Type: text/markdown\r\n\r\n# A\n\ntext\n"));
    assertEquals(400, unclosed.status(), unclosed.head() + unclosed.body());
    assertTrue(
        unclosed.json().at("/status/error").asText().contains("closing boundary"), unclosed.body());
    String cjkPart =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + cjk
            + "\"\r\nContent-Type: text/markdown\r\n\r\n# A\n\ntext\n\r\n--"
            + boundary
            + "--\r\n";
    Http.Raw named = Http.raw(server.port(), multipart(boundary, cjkPart));
    assertEquals(400, named.status(), named.head() + named.body());
    assertTrue(named.json().at("/status/error").asText().contains("bytes long"), named.body());
    assertEquals(0, http.get("/kb/docs").json().get("documents").size(), "nothing was stored");
  }

  private static String multipart(String boundary, String body) {
    int length = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    return "POST /kb/docs/documents HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Content-Type: multipart/form-data; boundary="
        + boundary
        + "\r\nContent-Length: "
        + length
        + "\r\n\r\n"
        + body;
  }
}
