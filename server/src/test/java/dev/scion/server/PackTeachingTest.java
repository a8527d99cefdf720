package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Teaching a pack through the API, on a real server with the ota-hotel pack: reviewed examples of a
 * phrasing the pack's model does not know, a version trained on them and promoted, understood by
 * the next chat with no restart; a rollback brings the old reading back; another tenant sees none
 * of it; bad examples are 4xx naming what is wrong. One server for the class: training takes time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackTeachingTest {
  static final String ADMIN = "admin-key-for-teaching-0123456789";

  /** Five reviewed examples of a new way to ask for hotels: "a crash pad". */
  static final List<String> TAUGHT =
      List.of(
          "any crash pad going in Hue",
          "need a crash pad around Hanoi",
          "got a crash pad near Nha Trang",
          "sort me a crash pad in Da Nang",
          "where can I find a crash pad in Ho Chi Minh City");

  /** The same phrasing, not among the examples. */
  static final String ASKED = "crash pad around Hoi An please";

  @TempDir static Path dir;
  static ScionServer server;
  static Http acme;
  static Http globex;

  @BeforeAll
  static void start() {
    server =
        ScionServer.start(
            new ServerConfig("127.0.0.1", 0, dir, ADMIN, 1 << 20)
                .withPacks(List.of(Path.of("..", "packs", "ota-hotel"))));
    Http admin = new Http(server.port(), ADMIN);
    acme = new Http(server.port(), key(admin, "acme"));
    globex = new Http(server.port(), key(admin, "globex"));
  }

  private static String key(Http admin, String tenant) {
    assertEquals(201, admin.post("/admin/tenants", "{\"id\":\"" + tenant + "\"}").status());
    return admin.post("/admin/tenants/" + tenant + "/keys", "{}").json().get("key").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The {@code scion} part of the answer to a one-message chat. */
  static JsonNode chat(Http http, String message) {
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("model", "ota-hotel").put("today", "2026-12-01").put("user", "u" + System.nanoTime());
    body.putArray("messages").addObject().put("role", "user").put("content", message);
    Http.Reply r = http.post("/v1/chat/completions", body.toString());
    assertEquals(200, r.status(), r.text());
    return r.json().get("scion");
  }

  static String example(String text, String intent, String slot, String value) {
    ObjectNode o = Http.JSON.createObjectNode().put("text", text);
    o.putArray("intents").add(intent);
    if (slot != null) {
      int start = text.indexOf(value);
      o.putArray("slots")
          .addObject()
          .put("start", start)
          .put("end", start + value.length())
          .put("slot", slot);
    }
    return o.toString();
  }

  static String city(String text) {
    return List.of("Ho Chi Minh City", "Da Nang", "Nha Trang", "Hanoi", "Hue").stream()
        .filter(text::contains)
        .findFirst()
        .orElseThrow();
  }

  @Test
  @Order(1)
  void aPromotedVersionUnderstandsTheTaughtPhrasingAndARollbackForgetsIt() throws Exception {
    JsonNode before = chat(acme, ASKED);
    System.out.println("base reads '" + ASKED + "' as " + before.get("intents"));
    assertEquals("base", before.get("model_version").asText());
    assertFalse(hasIntent(before, "search_hotel"), "the pack's own model does not know it yet");

    for (String t : TAUGHT) {
      Http.Reply r =
          acme.post("/packs/ota-hotel/examples", example(t, "search_hotel", "city", city(t)));
      assertEquals(201, r.status(), r.text());
      assertEquals(city(t), r.json().at("/slots/0/text").asText());
    }
    assertEquals(5, acme.get("/packs/ota-hotel/examples").result().size());

    Http.Reply trained = acme.post("/packs/ota-hotel/train", "");
    assertEquals(202, trained.status(), trained.text());
    String version = trained.json().get("version").asText();
    assertEquals("v1", version);
    assertEquals(
        409, acme.post("/packs/ota-hotel/train", "").status(), "one training of a pack at a time");
    JsonNode status = waitUntilDone(acme, version);
    assertEquals("ready", status.get("status").asText(), status.toString());
    System.out.println("v1: " + status);
    JsonNode evaluation = status.get("evaluation");
    assertEquals(5, evaluation.at("/this/reviewed/examples").asInt());
    assertEquals(5, evaluation.at("/this/reviewed/intents_right").asInt(), evaluation.toString());
    assertEquals("base", evaluation.at("/serving/version").asText());
    assertTrue(evaluation.at("/serving/reviewed/intents_right").asInt() < 5, evaluation.toString());
    assertTrue(evaluation.at("/this/stories/turns").asInt() > 0, evaluation.toString());
    assertTrue(evaluation.at("/serving/stories/turns").asInt() > 0, evaluation.toString());

    assertEquals(
        "base", chat(acme, ASKED).get("model_version").asText(), "trained is not promoted");
    Http.Reply promoted = acme.post("/packs/ota-hotel/versions/v1/promote", "");
    assertEquals(200, promoted.status(), promoted.text());

    JsonNode after = chat(acme, ASKED);
    System.out.println("v1 reads '" + ASKED + "' as " + after.get("intents"));
    assertEquals("v1", after.get("model_version").asText());
    assertTrue(hasIntent(after, "search_hotel"), after.toString());
    assertEquals("Hoi An", after.at("/state/slots/city").asText(), after.toString());
    assertEquals("v1", acme.get("/packs/ota-hotel/versions").json().get("serving").asText());
    JsonNode logged = acme.get("/analytics/turns?pack=ota-hotel&limit=1").json().get(0);
    assertEquals("v1", logged.get("model_version").asText(), logged.toString());

    JsonNode other = chat(globex, ASKED);
    assertEquals("base", other.get("model_version").asText(), "another tenant keeps the base");
    assertEquals(before.get("intents"), other.get("intents"));

    Http.Reply back = acme.post("/packs/ota-hotel/rollback", "");
    assertEquals(200, back.status(), back.text());
    assertEquals("base", back.json().get("serving").asText());
    JsonNode rolledBack = chat(acme, ASKED);
    assertEquals("base", rolledBack.get("model_version").asText());
    assertEquals(before.get("intents"), rolledBack.get("intents"));

    assertEquals(200, acme.post("/packs/ota-hotel/versions/v1/promote", "").status());
    assertEquals("v1", chat(acme, ASKED).get("model_version").asText(), "promoted again");
  }

  @Test
  @Order(2)
  void aTenantNeverSeesNorPromotesAnothersVersions() {
    assertEquals(0, globex.get("/packs/ota-hotel/examples").result().size());
    JsonNode versions = globex.get("/packs/ota-hotel/versions").json();
    assertEquals(0, versions.get("versions").size(), versions.toString());
    assertEquals("base", versions.get("serving").asText());
    assertEquals(404, globex.get("/packs/ota-hotel/versions/v1").status());
    assertEquals(404, globex.post("/packs/ota-hotel/versions/v1/promote", "").status());
    assertEquals(409, globex.post("/packs/ota-hotel/rollback", "").status());
  }

  @Test
  @Order(3)
  void aRestartKeepsThePromotedVersion() {
    // the server's data folder holds the model; a second server on the same folder serves it
    server.close();
    server =
        ScionServer.start(
            new ServerConfig("127.0.0.1", 0, dir, ADMIN, 1 << 20)
                .withPacks(List.of(Path.of("..", "packs", "ota-hotel"))));
    acme = new Http(server.port(), acme.apiKey());
    globex = new Http(server.port(), globex.apiKey());
    JsonNode after = chat(acme, ASKED);
    assertEquals("v1", after.get("model_version").asText());
    assertTrue(hasIntent(after, "search_hotel"), after.toString());
  }

  @Test
  @Order(4)
  void badExamplesAreFourHundredsNamingTheFix() {
    assertBad(404, "/packs/no-such-pack/examples", example("hi", "greet", null, null), "no pack");
    assertBad(
        400,
        "/packs/ota-hotel/examples",
        example("hi there", "say_hello", null, null),
        "unknown intent");
    assertBad(
        400,
        "/packs/ota-hotel/examples",
        example("a room in Hue", "search_hotel", "town", "Hue"),
        "unknown slot");
    assertBad(
        400,
        "/packs/ota-hotel/examples",
        "{\"text\":\"a room in Hue\",\"intents\":[\"search_hotel\"],"
            + "\"slots\":[{\"start\":10,\"end\":40,\"slot\":\"city\"}]}",
        "outside the text");
    assertBad(
        400,
        "/packs/ota-hotel/examples",
        "{\"text\":\"a room in Hue\",\"intents\":[\"search_hotel\"],"
            + "\"slots\":[{\"start\":11,\"end\":13,\"slot\":\"city\"}]}",
        "word boundaries");
    assertBad(400, "/packs/ota-hotel/examples", "{\"intents\":[\"greet\"]}", "text");
    assertBad(400, "/packs/ota-hotel/examples", "{\"text\":\"hi\",\"intents\":[]}", "intents");
    assertBad(
        400,
        "/packs/ota-hotel/examples",
        "{\"text\":\"hi\",\"intents\":[\"greet\"],\"lang\":\"fr\"}",
        "lang");
    assertEquals(404, acme.post("/packs/ota-hotel/versions/v99/promote", "").status());
    assertEquals(404, acme.get("/packs/ota-hotel/versions/latest").status());
    assertEquals(404, acme.post("/packs/no-such-pack/train", "").status());
    assertEquals(409, acme.post("/packs/ota-hotel/versions/v1/promote", "").status(), "serves");
  }

  @Test
  @Order(5)
  void aVersionWhoseModelsAreGoneIsAnsweredByTheBaseAndCannotBePromoted() throws Exception {
    server.close();
    dev.scion.vector.internal.FileTrees.delete(
        dir.resolve("tenants").resolve("acme").resolve("models").resolve("ota-hotel"));
    server =
        ScionServer.start(
            new ServerConfig("127.0.0.1", 0, dir, ADMIN, 1 << 20)
                .withPacks(List.of(Path.of("..", "packs", "ota-hotel"))));
    acme = new Http(server.port(), acme.apiKey());
    assertEquals("base", chat(acme, ASKED).get("model_version").asText(), "still answered");
    assertEquals(200, acme.post("/packs/ota-hotel/rollback", "").status());
    Http.Reply refused = acme.post("/packs/ota-hotel/versions/v1/promote", "");
    assertEquals(409, refused.status(), refused.text());
    assertTrue(refused.error().contains("train a new version"), refused.error());
  }

  private static void assertBad(int status, String path, String body, String says) {
    Http.Reply r = acme.post(path, body);
    assertEquals(status, r.status(), r.text());
    String message = r.error();
    assertTrue(message.contains(says), message);
    assertFalse(message.contains("\n"), message);
  }

  private static boolean hasIntent(JsonNode scion, String intent) {
    for (JsonNode i : scion.get("intents")) {
      if (i.asText().equals(intent)) {
        return true;
      }
    }
    return false;
  }

  /** Polls a version until it is ready or failed, checking that its progress never goes back. */
  static JsonNode waitUntilDone(Http http, String version) throws InterruptedException {
    long deadline = System.nanoTime() + 600_000_000_000L;
    double progress = 0;
    while (System.nanoTime() < deadline) {
      JsonNode v = http.get("/packs/ota-hotel/versions/" + version).json();
      String status = v.get("status").asText();
      assertTrue(v.get("progress").asDouble() >= progress, v.toString());
      progress = v.get("progress").asDouble();
      if (status.equals("ready") || status.equals("failed")) {
        return v;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("version " + version + " did not finish training in 10 minutes");
  }
}
