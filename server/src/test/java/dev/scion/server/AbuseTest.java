package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input and abuse from a tenant: slow clients, oversized bodies, path traversal, broken JSON.
 * Each gets a 4xx (or the connection is cut), no other tenant's data leaks, and the server stays up
 * with its data intact.
 */
class AbuseTest {
  static final String ADMIN = "admin-key-for-abuse-0123456789";

  @TempDir static Path dir;
  static ScionServer server;
  static Http admin;
  static Http mallory;

  @BeforeAll
  static void start() {
    server =
        ScionServer.start(new ServerConfig("127.0.0.1", 0, dir, ADMIN, 1 << 20).withIdleTimeout(2));
    admin = new Http(server.port(), ADMIN);
    for (String t : List.of("victim", "mallory")) {
      admin.post("/admin/tenants", "{\"id\":\"" + t + "\"}");
    }
    Http victim =
        new Http(
            server.port(),
            admin.post("/admin/tenants/victim/keys", "{}").json().get("key").asText());
    victim.put("/collections/private", "{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}");
    victim.put(
        "/collections/private/points?wait=true",
        "{\"points\":[{\"id\":1,\"vector\":[1,0],\"payload\":{\"card\":\"4111-1111\"}}]}");
    victim.put("/kb/hr", "{}");
    victim.send("POST", "/kb/hr/documents?filename=salaries.md", "# Salaries\n\nAnn earns 99k.\n");
    mallory =
        new Http(
            server.port(),
            admin.post("/admin/tenants/mallory/keys", "{}").json().get("key").asText());
    mallory.put("/collections/mine", "{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}");
    mallory.put("/kb/mine", "{}");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The victim's data is all there, and the server answers. */
  static void intact() {
    assertEquals(200, admin.get("/health/ready").status());
    Http victim =
        new Http(
            server.port(),
            admin.post("/admin/tenants/victim/keys", "{}").json().get("key").asText());
    Http.Reply got = victim.post("/collections/private/points", "{\"ids\":[1]}");
    assertEquals("4111-1111", got.result().get(0).at("/payload/card").asText(), got.text());
    assertEquals(1, victim.get("/kb/hr").json().get("documents").size());
  }

  @Test
  void pathTraversalIsRefusedEverywhere() throws Exception {
    List<Http.Reply> replies = new ArrayList<>();
    replies.add(
        mallory.send("POST", "/kb/mine/documents?filename=../../victim/x.md", "# x\n\nx\n"));
    replies.add(mallory.send("POST", "/kb/mine/documents?filename=..%2F..%2Fx.md", "# x\n\nx\n"));
    replies.add(mallory.put("/kb/..%2F..%2Ftenants%2Fvictim%2Fknowledge%2Fhr", "{}"));
    replies.add(mallory.get("/kb/..%2Fvictim"));
    replies.add(
        mallory.put(
            "/collections/..%2F..%2Ftenants%2Fvictim",
            "{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}"));
    replies.add(
        mallory.get("/collections/mine/snapshots/..%2F..%2F..%2Fplatform%2Fplatform.mv.db"));
    replies.add(
        mallory.put(
            "/collections/mine/snapshots/recover",
            "{\"location\":\"file://"
                + dir.toAbsolutePath()
                + "/tenants/victim/collections/private\"}"));
    for (Http.Reply r : replies) {
      assertTrue(r.status() >= 400 && r.status() < 500, r.status() + " " + r.text());
      assertFalse(r.text().contains("4111") || r.text().contains("99k"), r.text());
    }
    // a multipart upload whose file name climbs out
    String boundary = "scionboundary";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../escape.md\"\r\n"
            + "Content-Type: text/markdown\r\n\r\n# Escape\n\nout\n\r\n--"
            + boundary
            + "--\r\n";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/kb/mine/documents"))
                    .header("api-key", mallory.apiKey())
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("not allowed"), r.body());
    intact();
  }

  @Test
  void oversizedAndBrokenBodiesAreFourHundreds() {
    String huge = "{\"points\":[" + "{\"id\":1,\"vector\":[1,0]},".repeat(60_000) + "]}";
    Http.Reply big = mallory.put("/collections/mine/points?wait=true", huge);
    assertEquals(413, big.status(), big.text());
    assertTrue(big.error().contains("larger than the limit"), big.text());
    Http.Reply broken = mallory.put("/collections/mine/points", "{\"points\":[{\"id\":1,");
    assertEquals(400, broken.status());
    assertTrue(broken.error().contains("not valid JSON"), broken.text());
    Http.Reply chat =
        mallory.post("/v1/chat/completions", "{\"model\":\"ota-hotel\",\"messages\":\"hi\"}");
    assertEquals(404, chat.status(), "no pack is loaded: " + chat.text());
    intact();
  }

  @Test
  void slowClientsAreCutOffAndOthersAreServed() throws Exception {
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Socket s = new Socket("127.0.0.1", server.port());
      OutputStream out = s.getOutputStream();
      if (i % 2 == 0) { // headers that never end
        out.write(
            "POST /collections/mine/points HTTP/1.1\r\nHost: x\r\n"
                .getBytes(StandardCharsets.US_ASCII));
      } else { // a body that never comes
        out.write(
            ("PUT /collections/mine/points HTTP/1.1\r\nHost: x\r\napi-key: "
                    + mallory.apiKey()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"points\":[")
                .getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
      slow.add(s);
    }
    long t0 = System.nanoTime();
    assertEquals(200, mallory.get("/collections").status(), "others are served meanwhile");
    assertTrue((System.nanoTime() - t0) / 1e9 < 1.5, "served without waiting for the slow ones");
    int cut = 0;
    for (Socket s : slow) {
      s.setSoTimeout(10_000);
      try (s;
          InputStream in = s.getInputStream()) {
        in.readAllBytes(); // the server closes the connection (after an error answer, or not)
        cut++;
      } catch (java.net.SocketException reset) {
        cut++;
      }
    }
    assertEquals(50, cut, "every slow connection was closed by the server");
    intact();
  }
}
