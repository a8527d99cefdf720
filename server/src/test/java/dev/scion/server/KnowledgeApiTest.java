package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeApiTest {
  @TempDir Path dir;
  ScionServer server;
  Http http;

  @BeforeEach
  void start() {
    server = ScionServer.start(ServerConfig.local(dir, 0));
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int raw(String path, String body) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "text/markdown")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private HttpResponse<String> multipart(String path, String filename, String content)
      throws Exception {
    String boundary = "scion-test-boundary";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + filename
            + "\"\r\nContent-Type: text/plain\r\n\r\n"
            + content
            + "\r\n--"
            + boundary
            + "--\r\n";
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void createUploadSearchAskAndDelete() throws Exception {
    assertEquals(201, http.put("/kb/hotel", "{\"language\":\"en\"}").status());
    assertEquals(409, http.put("/kb/hotel", "{}").status());
    assertEquals(
        200,
        raw(
            "/kb/hotel/documents?filename=policies.md",
            "# Policies\n\n## Cancellation\n\nFree cancellation until 24 hours before check-in.\n\n"
                + "## Pets\n\nPets are not allowed, except guide dogs.\n"));
    HttpResponse<String> up =
        multipart(
            "/kb/hotel/documents",
            "parking.txt",
            "Parking\n\nThe hotel garage costs 15 USD per night.");
    assertEquals(200, up.statusCode(), up.body());
    Http.Reply docs = http.get("/kb/hotel/documents");
    assertEquals(2, docs.json().size());
    Http.Reply found =
        http.post("/kb/hotel/search", "{\"query\":\"can I bring my dog\",\"limit\":2}");
    assertEquals(200, found.status());
    assertEquals("policies.md § Policies > Pets", found.result().get(0).get("citation").asText());
    Http.Reply answer = http.post("/kb/hotel/ask", "{\"question\":\"How much is parking?\"}");
    assertEquals(200, answer.status());
    assertTrue(answer.result().get("answer").asText().contains("15 USD per night"));
    assertEquals("parking.txt", answer.result().at("/citations/0/source").asText());
    assertTrue(answer.result().get("context_tokens").asInt() > 0);
    assertEquals(200, http.delete("/kb/hotel/documents?source=parking.txt").status());
    assertEquals(404, http.delete("/kb/hotel/documents?source=parking.txt").status());
    assertEquals(1, http.get("/kb/hotel").json().get("documents").size());
    assertEquals(200, http.delete("/kb/hotel").status());
    assertEquals(404, http.get("/kb/hotel").status());
  }

  @Test
  void badRequestsGetFourHundredsAndLoseNothing() throws Exception {
    assertEquals(201, http.put("/kb/faq", "").status());
    assertEquals(
        200, raw("/kb/faq/documents?filename=a.md", "# A\n\nBreakfast is served from six."));
    Http.Reply traversal = http.post("/kb/faq/documents?filename=../../etc/passwd", "x");
    assertEquals(400, traversal.status());
    assertTrue(traversal.error().contains("not allowed"), traversal.text());
    assertEquals(400, multipart("/kb/faq/documents", "../evil.md", "# Evil").statusCode());
    assertEquals(422, raw("/kb/faq/documents?filename=empty.md", ""));
    assertEquals(404, http.post("/kb/nope/search", "{\"query\":\"x\"}").status());
    assertEquals(400, http.put("/kb/bad%20name", "{}").status());
    Http.Reply unknown = http.post("/kb/faq/search", "{\"query\":\"breakfast\",\"top\":3}");
    assertEquals(400, unknown.status());
    assertTrue(unknown.error().contains("unknown field 'top'"), unknown.text());
    assertEquals(
        400, http.post("/kb/faq/search", "{\"query\":\"breakfast\",\"limit\":500}").status());
    assertEquals(400, http.post("/kb/faq/ask", "{\"question\":\"\"}").status());
    assertEquals(400, http.post("/kb/faq/search", "{\"query\":").status());
    Http.Reply ok = http.post("/kb/faq/search", "{\"query\":\"breakfast\"}");
    assertEquals(1, ok.result().size(), "the stored document is intact");
    try (var files = Files.list(dir.resolve("knowledge"))) {
      assertEquals(1, files.count(), "no stray files beside the base");
    }
  }
}
