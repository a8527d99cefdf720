package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tenants, scoped keys and isolation, against a real server with the ota-hotel pack. */
class TenancyTest {
  static final String ADMIN = "admin-key-for-tests-0123456789";
  static final String FORM =
      "The form is called Trip request. Destination is required. First the manager approves.";

  @TempDir static Path dir;
  static ScionServer server;
  static Http admin;

  @BeforeAll
  static void start() {
    server =
        ScionServer.start(
            new ServerConfig("127.0.0.1", 0, dir, ADMIN, 1 << 20)
                .withPacks(List.of(Path.of("..", "packs", "ota-hotel"))));
    admin = new Http(server.port(), ADMIN);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void tenant(String id) {
    Http.Reply r = admin.post("/admin/tenants", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
    assertTrue(r.status() == 201 || r.status() == 409, r.text());
  }

  /** A new key of a tenant; {@code spec} is the rest of the key request's JSON object. */
  static Http key(String tenant, String spec) {
    tenant(tenant);
    Http.Reply r =
        admin.post("/admin/tenants/" + tenant + "/keys", "{\"name\":\"test\"" + spec + "}");
    assertEquals(201, r.status(), r.text());
    String secret = r.json().get("key").asText();
    assertTrue(secret.startsWith("sk-scion-") && secret.length() > 40, secret);
    return new Http(server.port(), secret);
  }

  static String json(String s) {
    return Http.JSON.valueToTree(s).toString();
  }

  @Test
  void collectionsOfOneTenantAreInvisibleToAnother() {
    Http acme = key("acme", "");
    Http globex = key("globex", "");
    assertEquals(
        200,
        acme.put("/collections/docs", "{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}").status());
    acme.put(
        "/collections/docs/points?wait=true",
        "{\"points\":[{\"id\":1,\"vector\":[1,0],\"payload\":{\"secret\":\"acme-plan\"}}]}");
    // globex can neither read nor list acme's collection, and its own of the same name is its own
    assertEquals(404, globex.get("/collections/docs").status());
    assertEquals(404, globex.post("/collections/docs/points", "{\"ids\":[1]}").status());
    assertFalse(globex.get("/collections").text().contains("docs"));
    assertEquals(
        404, admin.get("/collections/docs").status(), "the default tenant is a tenant too");
    assertEquals(
        200,
        globex
            .put("/collections/docs", "{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}")
            .status());
    Http.Reply found =
        globex.post(
            "/collections/docs/points/search",
            "{\"vector\":[1,0],\"limit\":5,\"with_payload\":true}");
    assertEquals(0, found.result().size(), found.text());
    assertEquals(200, globex.delete("/collections/docs").status());
    Http.Reply mine =
        acme.post(
            "/collections/docs/points/search",
            "{\"vector\":[1,0],\"limit\":5,\"with_payload\":true}");
    assertEquals("acme-plan", mine.result().get(0).at("/payload/secret").asText());
  }

  @Test
  void keysAreScopedToCollectionsAndPacks() {
    Http wide = key("initech", "");
    wide.put("/collections/a", "{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}");
    wide.put("/collections/b", "{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}");
    Http onlyA = key("initech", ",\"collections\":[\"a\"],\"packs\":[\"no-such-pack\"]");
    assertEquals(200, onlyA.get("/collections/a").status());
    Http.Reply refused = onlyA.get("/collections/b");
    assertEquals(403, refused.status());
    assertTrue(refused.error().contains("may not use collection 'b'"), refused.text());
    JsonNode listed = onlyA.get("/collections").result().get("collections");
    assertEquals(1, listed.size(), listed.toString());
    // a pack outside the key's scope does not exist for it
    assertFalse(onlyA.get("/v1/models").text().contains("ota-hotel"));
    assertTrue(wide.get("/v1/models").text().contains("ota-hotel"));
    Http.Reply chat =
        onlyA.post(
            "/v1/chat/completions",
            "{\"model\":\"ota-hotel\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertEquals(404, chat.status(), chat.text());
    assertFalse(chat.text().contains("ota-hotel,"), chat.text());
    Http.Reply ok =
        wide.post(
            "/v1/chat/completions",
            "{\"model\":\"ota-hotel\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertEquals(200, ok.status(), ok.text());
    assertTrue(ok.json().at("/usage/total_tokens").asInt() > 0);
  }

  @Test
  void knowledgeBasesAndFormsAreIsolated() {
    Http acme = key("hooli", "");
    Http globex = key("pied-piper", "");
    assertEquals(201, acme.put("/kb/manual", "{}").status());
    Http.Reply up =
        acme.send(
            "POST",
            "/kb/manual/documents?filename=policy.md",
            "# Refunds\n\nHooli refunds within 30 days of purchase.\n");
    assertTrue(up.status() < 300, up.text());
    assertEquals(404, globex.get("/kb/manual").status());
    assertEquals(404, globex.post("/kb/manual/search", "{\"query\":\"refunds\"}").status());
    assertFalse(globex.get("/kb").text().contains("manual"));
    Http.Reply answer = acme.post("/kb/manual/ask", "{\"question\":\"when are refunds given?\"}");
    assertTrue(answer.text().contains("30 days"), answer.text());

    String source =
        acme.post("/forms/compile", "{\"text\":" + json(FORM) + "}").json().get("source").asText();
    String key =
        acme.post("/forms", "{\"source\":" + json(source) + "}").json().get("key").asText();
    String request =
        acme.post(
                "/forms/" + key + "/requests",
                "{\"applicant\":\"lan\",\"manager\":\"minh\",\"data\":{\"destination\":\"Hue\"}}")
            .json()
            .get("id")
            .asText();
    // the other tenant cannot start the form, see the request, or act on its task
    assertEquals(
        404,
        globex
            .post(
                "/forms/" + key + "/requests",
                "{\"applicant\":\"x\",\"manager\":\"minh\",\"data\":{\"destination\":\"Hue\"}}")
            .status());
    assertEquals(404, globex.get("/forms/requests/" + request).status());
    assertEquals(0, globex.get("/forms/tasks?user=minh").result().size());
    String task = acme.get("/forms/tasks?user=minh").result().get(0).get("id").asText();
    Http.Reply stolen = globex.post("/forms/tasks/" + task + "/approve", "{\"user\":\"minh\"}");
    assertEquals(404, stolen.status(), stolen.text());
    assertEquals(
        "no open task " + task + "; list the tasks a user may act on with GET /forms/tasks",
        stolen.error());
    assertEquals("running", acme.get("/forms/requests/" + request).json().get("status").asText());
    assertEquals(
        200, acme.post("/forms/tasks/" + task + "/approve", "{\"user\":\"minh\"}").status());
    assertEquals("approved", acme.get("/forms/requests/" + request).json().get("status").asText());

    JsonNode usage = acme.get("/usage").json();
    assertEquals("hooli", usage.get("tenant").asText());
    assertEquals(1, usage.get("documents").asInt(), usage.toString());
    assertEquals(1, usage.get("form_instances").asInt(), usage.toString());
    assertTrue(usage.get("requests").asInt() >= 8, usage.toString());
    assertTrue(usage.get("tokens").asInt() > 0, usage.toString());
    assertEquals(0, globex.get("/usage").json().get("form_instances").asInt());
  }

  static String booking(Http http) {
    return ChatApiTest.code(ChatApiTest.reply(http, ChatApiTest.BOOKING));
  }

  @Test
  void equalConversationsOfTwoTenantsNeverShareABooking() {
    Http a = key("soylent", "");
    Http b = key("tyrell", "");
    String first = booking(a);
    assertEquals(first, booking(a), "a tenant's replayed history is the same booking");
    String other = booking(b);
    assertFalse(first.equals(other), "the same words from another tenant are another booking");
  }

  @Test
  void aBookingCodeReachesOnlyItsOwnTenantsBooking() {
    Http owner = key("wonka", "");
    Http stranger = key("slugworth", "");
    String code = booking(owner);
    String moved =
        ChatApiTest.reply(stranger, "change booking " + code + " to the 22nd for 2 nights", "yes");
    assertFalse(moved.contains("Done"), moved);
    assertEquals(
        "I could not find booking " + code + ".",
        ChatApiTest.reply(stranger, "check my booking " + code));
    String mine = ChatApiTest.reply(owner, "check my booking " + code);
    assertTrue(mine.contains("2026-12-20 to 2026-12-22, confirmed"), mine);
    assertTrue(mine.contains("Minh Tran") || mine.startsWith("Booking " + code), mine);
  }

  @Test
  void aDeletedTenantsKeysAndDataAreGone() {
    Http doomed = key("doomed", "");
    doomed.put("/collections/c", "{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}");
    doomed.put("/kb/k", "{}");
    String source =
        "form Trip request\n\nfield destination: text, required\n\napproval\n"
            + "step manager: manager of applicant\n";
    doomed.post("/forms", "{\"source\":" + json(source) + "}");
    String request =
        doomed
            .post(
                "/forms/trip_request/requests",
                "{\"applicant\":\"lan\",\"manager\":\"minh\",\"data\":{\"destination\":\"Hue\"}}")
            .json()
            .get("id")
            .asText();
    assertEquals(400, admin.delete("/admin/tenants/default").status());
    assertEquals(200, admin.delete("/admin/tenants/doomed").status());
    assertEquals(401, doomed.get("/collections").status(), "its keys stop at once");
    assertFalse(java.nio.file.Files.exists(dir.resolve("tenants").resolve("doomed")));
    assertEquals(404, admin.delete("/admin/tenants/doomed").status());
    Http again = key("doomed", ""); // the id can be used again, and starts empty
    assertEquals(404, again.get("/collections/c").status());
    assertEquals(404, again.get("/kb/k").status());
    assertEquals(404, again.get("/forms/requests/" + request).status());
    assertEquals(0, again.get("/usage").json().get("form_instances").asInt());
  }

  @Test
  void keysAreCheckedRevokedAndNeverShownAgain() {
    Http.Reply made = admin.post("/admin/tenants/umbrella/keys", "{\"name\":\"ci\"}");
    assertEquals(404, made.status(), "keys need an existing tenant: " + made.text());
    tenant("umbrella");
    made = admin.post("/admin/tenants/umbrella/keys", "{\"name\":\"ci\"}");
    String secret = made.json().get("key").asText();
    String id = made.json().get("id").asText();
    Http user = new Http(server.port(), secret);
    assertEquals("umbrella", user.get("/whoami").json().get("tenant").asText());
    String listed = admin.get("/admin/tenants/umbrella/keys").text();
    assertTrue(listed.contains(id) && !listed.contains(secret), listed);
    assertEquals(403, user.get("/admin/tenants").status());
    assertEquals(403, user.get("/metrics").status());
    assertEquals(401, new Http(server.port()).get("/usage").status());
    assertEquals(401, new Http(server.port(), secret + "x").get("/usage").status());
    assertEquals(
        400, admin.post("/admin/tenants", "{\"id\":\"../etc\"}").status(), "ids are slugs");
    assertEquals(409, admin.post("/admin/tenants", "{\"id\":\"umbrella\"}").status());
    assertEquals(
        400, admin.post("/admin/tenants/umbrella/keys", "{\"rpm\":5}").status(), "unknown field");
    assertEquals(200, admin.delete("/admin/tenants/umbrella/keys/" + id).status());
    assertEquals(401, user.get("/usage").status(), "a revoked key stops at once");
    assertEquals(404, admin.delete("/admin/tenants/umbrella/keys/" + id).status());
  }

  @Test
  void limitsAnswer429WithRetryAfterForThatKeyOnly() {
    Http slow = key("wayne", ",\"requests_per_minute\":3");
    Http other = key("wayne", "");
    for (int i = 0; i < 3; i++) {
      assertEquals(200, slow.get("/collections").status());
    }
    Http.Reply limited = slow.get("/collections");
    assertEquals(429, limited.status());
    long retry = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retry >= 1 && retry <= 20, "Retry-After " + retry);
    assertTrue(limited.error().contains("3 requests/min"), limited.text());
    assertEquals(200, other.get("/collections").status(), "other keys go on");
    Http.Reply refusedWrite =
        slow.put(
            "/collections/made-while-limited", "{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}");
    assertEquals(429, refusedWrite.status());
    assertEquals(404, other.get("/collections/made-while-limited").status(), "nothing was done");

    Http thrifty = key("stark", ",\"tokens_per_minute\":20");
    String text = json("one two three four five six seven eight nine ten ".repeat(5));
    Http.Reply first =
        thrifty.post("/v1/embeddings", "{\"model\":\"bge-small-en-v1.5\",\"input\":" + text + "}");
    assertEquals(200, first.status(), first.text());
    Http.Reply second =
        thrifty.post("/v1/embeddings", "{\"model\":\"bge-small-en-v1.5\",\"input\":\"hi\"}");
    assertEquals(429, second.status(), second.text());
    assertEquals("rate_limit_exceeded", second.json().at("/error/code").asText());
    assertTrue(second.headers().firstValue("Retry-After").isPresent());

    JsonNode usage = admin.get("/admin/tenants/wayne/usage?minutes=5").json();
    assertEquals(2, usage.get("limited").asInt(), usage.toString());
    String metrics = admin.get("/metrics").text();
    assertTrue(
        metrics.contains("scion_tenant_requests_total{status=\"429\",tenant=\"wayne\"} 2.0"),
        metrics);
    assertTrue(metrics.contains("scion_tenant_tokens_total{tenant=\"stark\"}"), metrics);
  }
}
