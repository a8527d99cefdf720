package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route the server has, taken from its router so that new routes are covered too, meets a
 * table of hostile input: broken and strange JSON, wrong types, numbers, strings and nesting past
 * the parser's limits, odd paths, wrong methods, bad escapes, long URIs and big headers. No answer
 * is a 5xx, and every error is one line in the API's JSON shape, without stack traces or the
 * server's paths.
 */
class HostileInputTest {
  static final String ADMIN = "admin-key-for-hostile-0123456789";

  @TempDir static Path dir;
  static ScionServer server;
  static Http admin;
  static Http tenant;

  @BeforeAll
  static void start() {
    server = ScionServer.start(new ServerConfig("127.0.0.1", 0, dir, ADMIN, 40L << 20));
    admin = new Http(server.port(), ADMIN);
    admin.post("/admin/tenants", "{\"id\":\"t\"}");
    tenant =
        new Http(
            server.port(), admin.post("/admin/tenants/t/keys", "{}").json().get("key").asText());
    tenant.put("/collections/c", "{\"vectors\":{\"size\":3,\"distance\":\"Dot\"}}");
    tenant.put("/collections/c/points?wait=true", "{\"points\":[{\"id\":1,\"vector\":[1,2,3]}]}");
    tenant.put("/kb/k", "{}");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** JSON bodies no route should accept, or should accept without harm. */
  static Map<String, String> hostileBodies() {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("empty", "");
    bodies.put("broken", "{\"points\":[{\"id\":1,");
    bodies.put("array", "[1,2,3]");
    bodies.put("string", "\"x\"");
    bodies.put("trailing garbage", "{\"limit\":1} x");
    bodies.put("two documents", "{\"limit\":1}{\"limit\":2}");
    bodies.put("duplicate keys", "{\"limit\":1,\"limit\":2}");
    bodies.put("5000-digit number", "{\"limit\":" + "9".repeat(5000) + "}");
    bodies.put("deep nesting", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
    bodies.put("huge string", "{\"text\":\"" + "x".repeat(2 << 20) + "\"}");
    bodies.put("control characters", "{\"text\":\"\\u0000\\u001b[31m\"}");
    bodies.put(
        "wrong types",
        "{\"vector\":\"x\",\"points\":5,\"query\":{},\"limit\":\"abc\",\"text\":5,\"source\":[],"
            + "\"name\":[],\"id\":{},\"location\":5,\"searches\":5,\"chunk_tokens\":\"abc\","
            + "\"input\":5,\"messages\":5,\"model\":5,\"question\":[],\"user\":1}");
    return bodies;
  }

  static final List<String> FIELDS =
      List.of(
          "vector",
          "points",
          "query",
          "limit",
          "offset",
          "filter",
          "with_payload",
          "text",
          "source",
          "name",
          "id",
          "location",
          "searches",
          "chunk_tokens",
          "language",
          "input",
          "messages",
          "model",
          "question",
          "user",
          "applicant",
          "data",
          "ids",
          "mode",
          "n",
          "stream",
          "dimensions",
          "encoding_format",
          "requests_per_minute",
          "packs",
          "field_name");

  /** A path to call for a route: its parameters filled with things that exist. */
  static String concrete(String route) {
    String path = route.substring(route.indexOf(' ') + 1);
    boolean deleting = route.startsWith("DELETE ");
    String name = path.startsWith("/kb/") ? "k" : "c";
    return path.replace("{name}", deleting ? "gone" : name)
        .replace("{id}", "1")
        .replace("{snapshot}", "x.snapshot")
        .replace("{field}", "f")
        .replace("{tenant}", deleting ? "gone" : "t")
        .replace("{key}", "key_000000000000")
        .replace("{action}", "approve")
        .replace("{pack}", "p")
        .replace("{version}", "v1");
  }

  static Http callerOf(String path) {
    return path.startsWith("/admin") || path.startsWith("/metrics") ? admin : tenant;
  }

  /** An answer is never a 5xx; an error is one line in its API's shape (HEAD: no body at all). */
  static void assertWellFormed(String what, int status, String path, String body) {
    assertTrue(status < 500, what + " -> " + status + " " + abbreviated(body));
    if (status < 400 || what.contains("HEAD ") && body.isEmpty()) {
      return;
    }
    JsonNode json = new Http.Raw(status, "", body).json();
    assertNotNull(json, what + " -> " + status + " answers JSON: " + abbreviated(body));
    String message =
        path.startsWith("/v1/")
            ? json.path("error").path("message").asText(null)
            : json.path("status").path("error").asText(null);
    assertNotNull(message, what + " -> the API's error shape: " + abbreviated(body));
    assertFalse(message.isBlank(), what);
    assertFalse(message.contains("\n") || message.contains("\r"), what + ": one line: " + message);
    assertFalse(message.contains("Exception") || message.contains("\tat "), what + ": " + message);
    assertFalse(message.contains(dir.toString()), what + ": no server path: " + message);
    assertFalse(message.contains("SELECT ") || message.contains("INSERT "), what + ": " + message);
  }

  static String abbreviated(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  @Test
  void everyRouteMeetsHostileBodiesWithoutA5xx() {
    List<String> routes = server.routes();
    for (String family :
        List.of(
            "/collections/{name}/points/search",
            "/collections/{name}/snapshots/recover",
            "/v1/chat/completions",
            "/v1/embeddings",
            "/v1/models",
            "/kb/{name}/documents",
            "/forms/{key}/requests",
            "/admin/tenants/{tenant}/keys",
            "/usage",
            "/metrics",
            "/health/live")) {
      assertTrue(routes.stream().anyMatch(r -> r.endsWith(" " + family)), family + " in " + routes);
    }
    int calls = 0;
    for (String route : routes) {
      String method = route.substring(0, route.indexOf(' '));
      String path = concrete(route);
      Http caller = callerOf(path);
      List<String[]> cases = new ArrayList<>();
      hostileBodies().forEach((what, body) -> cases.add(new String[] {what, body}));
      for (String field :
          method.equals("GET") || method.equals("DELETE") ? List.<String>of() : FIELDS) {
        cases.add(new String[] {field + " as an object", "{\"" + field + "\":{\"x\":[]}}"});
        cases.add(new String[] {field + " as a number", "{\"" + field + "\":1e400}"});
      }
      for (String[] c : cases) {
        Http.Reply r = caller.send(method, path, c[1]);
        assertWellFormed(route + " with " + c[0], r.status(), path, r.text());
        calls++;
      }
    }
    System.out.println("hostile bodies: " + calls + " calls over " + routes.size() + " routes");
  }

  @Test
  void everyRouteMeetsOddPathsMethodsAndHeadersWithoutA5xx() {
    String longUri = "/collections/c?x=" + "a".repeat(20_000);
    String bigHeader = "X-Big: " + "b".repeat(20_000) + "\r\n";
    int calls = 0;
    for (String route : server.routes()) {
      String method = route.substring(0, route.indexOf(' '));
      String path = concrete(route);
      String key = callerOf(path).apiKey();
      List<String[]> cases = new ArrayList<>();
      cases.add(new String[] {method, path + "/"});
      cases.add(new String[] {method, "/" + path});
      cases.add(new String[] {method, path + "/%zz"});
      cases.add(new String[] {method, path + "/%00"});
      cases.add(new String[] {method, path + "/../health/live"});
      cases.add(new String[] {method, path + "?limit=%ff%fe"});
      cases.add(new String[] {"PATCH", path});
      cases.add(new String[] {method.equals("GET") ? "DELETE" : "GET", path});
      for (String[] c : cases) {
        Http.Raw r = raw(c[0], c[1], key, "", "{}");
        assertWellFormed(route + " as " + c[0] + " " + c[1], r.status(), c[1], r.body());
        calls++;
      }
      Http.Raw noType = raw(method, path, key, "", "{\"limit\":1}"); // no Content-Type
      assertWellFormed(route + " without a content type", noType.status(), path, noType.body());
      calls++;
    }
    Http.Raw tooLong = raw("GET", longUri, tenant.apiKey(), "", null);
    assertEquals(414, tooLong.status(), tooLong.head());
    assertWellFormed("a 20,000-character URI", tooLong.status(), "/", tooLong.body());
    Http.Raw tooBig = raw("GET", "/collections", tenant.apiKey(), bigHeader, null);
    assertEquals(431, tooBig.status(), tooBig.head());
    assertWellFormed("a 20,000-byte header", tooBig.status(), "/", tooBig.body());
    Http.Raw badEscape = raw("GET", "/collections/%zz", tenant.apiKey(), "", null);
    assertEquals(400, badEscape.status(), badEscape.head());
    assertWellFormed("a bad escape", badEscape.status(), "/", badEscape.body());
    System.out.println("odd requests: " + (calls + 3));
  }

  @Test
  void aKnownPathWithAnotherMethodIs405WithAllow() {
    Http.Reply r = tenant.send("DELETE", "/collections/c/points", null);
    assertEquals(405, r.status(), r.text());
    assertTrue(
        r.headers().firstValue("Allow").orElse("").contains("PUT"), r.headers().map().toString());
    assertTrue(
        r.error().contains("use PUT, POST") || r.error().contains("use POST, PUT"), r.text());
    Http.Reply v1 = tenant.send("GET", "/v1/chat/completions", null);
    assertEquals(405, v1.status(), v1.text());
    assertTrue(v1.json().at("/error/message").asText().contains("POST"), v1.text());
  }

  @Test
  void longNamesAreRefusedBeforeTheDatabaseSeesThem() {
    Http.Reply name =
        admin.post("/admin/tenants", "{\"id\":\"long\",\"name\":\"" + "n".repeat(201) + "\"}");
    assertEquals(400, name.status(), name.text());
    assertTrue(name.error().contains("tenant name is 201 characters long"), name.text());
    Http.Reply key = admin.post("/admin/tenants/t/keys", "{\"name\":\"" + "k".repeat(300) + "\"}");
    assertEquals(400, key.status(), key.text());
    assertTrue(key.error().contains("key name is 300 characters long"), key.text());
  }

  @Test
  void jsonPastTheParsersStringLimitIsA400() {
    Http.Reply r = tenant.post("/kb/k/search", "{\"query\":\"" + "q".repeat(30_000_000) + "\"}");
    assertEquals(400, r.status(), abbreviated(r.text()));
    assertTrue(r.error().contains("beyond the limits"), r.error());
  }

  @Test
  void theConsoleForbidsForeignScriptsAndFraming() {
    Http.Raw page =
        Http.raw(
            server.port(),
            "GET /console/index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals(200, page.status(), page.head());
    String csp = page.header("Content-Security-Policy");
    assertNotNull(csp, page.head());
    assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
    assertEquals("nosniff", page.header("X-Content-Type-Options"));
    assertFalse(page.body().contains(" style=\""), "no inline styles, which the policy blocks");
    assertFalse(page.body().contains("<script>"), "no inline scripts, which the policy blocks");
  }

  static Http.Raw raw(String method, String target, String key, String headers, String body) {
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: x\r\n");
    if (key != null) {
      request.append("api-key: ").append(key).append("\r\n");
    }
    request.append(headers);
    if (body != null) {
      request.append("Content-Length: ").append(body.length()).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    if (body != null) {
      request.append(body);
    }
    return Http.raw(server.port(), request.toString());
  }
}
