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

  /** Spellings of the administrator's routes (and of a tenant's) that a client may send. */
  static final List<String> ODD_SPELLINGS =
      List.of(
          "/metrics",
          "/metrics/",
          "//metrics",
          "/metrics//",
          "/./metrics",
          "/metrics/.",
          "/health/../metrics",
          "/health/..%2Fmetrics",
          "/console/../metrics",
          "/healthz/../metrics",
          "/%6Detrics",
          "/metrics;x=1",
          "/metrics?x=/health",
          "/admin/tenants",
          "/admin/tenants/",
          "//admin/tenants",
          "/admin//tenants",
          "/admin/./tenants",
          "/console/../admin/tenants",
          "/health/../admin/tenants",
          "/health/live/../../admin/tenants",
          "/%61dmin/tenants",
          "/admin/tenants/victim/keys/",
          "/admin/tenants/victim/usage/",
          "/health/../collections/private/points/1",
          "/console/../collections");

  static Http.Raw rawGet(String path, String key) {
    return Http.raw(
        server.port(),
        "GET "
            + path
            + " HTTP/1.1\r\nHost: x\r\n"
            + (key == null ? "" : "api-key: " + key + "\r\n")
            + "Connection: close\r\n\r\n");
  }

  @Test
  void adminRoutesRefuseTenantKeysHoweverThePathIsSpelled() {
    for (String path : ODD_SPELLINGS) {
      for (String key : new String[] {mallory.apiKey(), null}) {
        Http.Raw r = rawGet(path, key);
        String what = (key == null ? "no key: " : "tenant key: ") + path + " -> " + r.head();
        assertTrue(r.status() >= 400 && r.status() < 500, what + "\n" + r.body());
        assertFalse(r.body().contains("scion_") || r.body().contains("victim"), what + r.body());
        assertFalse(r.body().contains("4111-1111"), what + r.body());
      }
    }
    for (String health : List.of("/health/live", "/healthz", "/readyz")) {
      assertEquals(200, rawGet(health, null).status(), health + " needs no key");
      Http.Raw head =
          Http.raw(
              server.port(),
              "HEAD " + health + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertEquals(200, head.status(), "HEAD " + health + " needs no key");
    }
    Http.Raw asAdmin = rawGet("/metrics/", ADMIN);
    assertEquals(200, asAdmin.status(), asAdmin.head());
    assertTrue(
        asAdmin.body().contains("scion_tenant_requests"), "the administrator still reads it");
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
      String shown = r.json().path("status").path("error").asText() + r.json().path("result");
      assertFalse(shown.contains("4111-1111") || shown.contains("99k"), r.text());
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
  void stalledBodiesHoldUpNeitherHealthNorOtherTenants() throws Exception {
    try (ScionServer s =
        ScionServer.start(new ServerConfig("127.0.0.1", 0, dir.resolve("stall"), ADMIN, 1 << 20))) {
      assertEquals(ServerConfig.DEFAULT_IDLE_TIMEOUT, 30);
      Http adm = new Http(s.port(), ADMIN);
      adm.post("/admin/tenants", "{\"id\":\"staller\"}");
      adm.post("/admin/tenants", "{\"id\":\"other\"}");
      Http staller =
          new Http(
              s.port(), adm.post("/admin/tenants/staller/keys", "{}").json().get("key").asText());
      Http other =
          new Http(
              s.port(), adm.post("/admin/tenants/other/keys", "{}").json().get("key").asText());
      staller.put("/collections/x", "{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}");
      other.put("/collections/y", "{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}");
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 300; i++) { // headers, then a few bytes of a body that never comes
          Socket socket = new Socket("127.0.0.1", s.port());
          socket
              .getOutputStream()
              .write(
                  ("PUT /collections/x/points HTTP/1.1\r\nHost: x\r\napi-key: "
                          + staller.apiKey()
                          + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                          + "{\"points\":[")
                      .getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          stalled.add(socket);
        }
        long t0 = System.nanoTime();
        assertEquals(200, new Http(s.port()).get("/health/live").status());
        assertEquals(200, other.get("/collections/y").status());
        assertEquals(
            200,
            other
                .put(
                    "/collections/y/points?wait=true", "{\"points\":[{\"id\":1,\"vector\":[1,0]}]}")
                .status());
        double waited = (System.nanoTime() - t0) / 1e9;
        assertTrue(waited < 2, "health and another tenant answered in " + waited + " s");
        int cut = 0;
        for (Socket socket : stalled) {
          socket.setSoTimeout(20_000);
          try (InputStream in = socket.getInputStream()) {
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(
                answer.startsWith("HTTP/1.1 408") || answer.startsWith("HTTP/1.1 429"),
                "a stalled body is answered 408, or 429 past the key's share: " + answer);
            assertTrue(answer.contains("{\"status\":{\"error\":"), answer);
            cut++;
          } catch (java.net.SocketException reset) {
            cut++;
          }
        }
        double closed = (System.nanoTime() - t0) / 1e9;
        assertEquals(300, cut);
        assertTrue(closed < 15, "stalled bodies cut off after " + closed + " s, idle timeout 30 s");
      } finally {
        for (Socket socket : stalled) {
          socket.close();
        }
      }
      Http.Reply after = staller.get("/collections/x");
      assertEquals(
          200, after.status(), "the key is served again once its stalls are cut: " + after);
    }
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
