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

/** A key made with {@code "turn_log": false} chats unlogged, and is still metered. */
class TurnLogOptOutTest {
  static final String ADMIN = "admin-key-for-tests-0123456789";

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
    assertEquals(201, admin.post("/admin/tenants", "{\"id\":\"quiet\"}").status());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Http key(String spec) {
    Http.Reply r = admin.post("/admin/tenants/quiet/keys", "{\"name\":\"test\"" + spec + "}");
    assertEquals(201, r.status(), r.text());
    return new Http(server.port(), r.json().get("key").asText());
  }

  private static void chat(Http http, String user, String text) {
    var body = Http.JSON.createObjectNode();
    body.put("model", "ota-hotel").put("today", "2026-12-01").put("user", user);
    body.putArray("messages").addObject().put("role", "user").put("content", text);
    Http.Reply r = http.post("/v1/chat/completions", body.toString());
    assertEquals(200, r.status(), r.text());
  }

  @Test
  void aKeyThatOptedOutChatsUnloggedAndStillMetered() {
    Http unlogged = key(",\"turn_log\":false");
    Http logged = key("");
    String listed = admin.get("/admin/tenants/quiet/keys").text();
    assertTrue(
        listed.contains("\"turn_log\":false") && listed.contains("\"turn_log\":true"), listed);

    chat(unlogged, "private-1", "hotels in Da Nang for the 11th");
    chat(unlogged, "private-2", "I want to complain");
    JsonNode a = logged.get("/analytics?pack=ota-hotel").json();
    assertEquals(0, a.get("turns").asInt(), "the opted-out key's turns are not logged: " + a);
    assertEquals(0, a.get("conversations").asInt(), a.toString());
    assertEquals(0, logged.get("/analytics/turns?pack=ota-hotel").json().size());
    JsonNode usage = admin.get("/admin/tenants/quiet/usage?minutes=5").json();
    assertTrue(usage.get("requests").asLong() >= 2, "still metered: " + usage);
    assertTrue(usage.get("tokens").asLong() > 0, "still metered: " + usage);

    chat(logged, "open-1", "hotels in Hanoi for the 15th");
    a = logged.get("/analytics?pack=ota-hotel").json();
    assertEquals(1, a.get("turns").asInt(), "a normal key's turn is logged: " + a);
    assertEquals(1, a.get("conversations").asInt(), a.toString());
    String turns = logged.get("/analytics/turns?pack=ota-hotel").text();
    assertTrue(turns.contains("Hanoi"), turns);
    assertFalse(turns.contains("Da Nang") || turns.contains("complain"), turns);
  }

  @Test
  void turnLogMustBeTrueOrFalse() {
    Http.Reply r = admin.post("/admin/tenants/quiet/keys", "{\"turn_log\":\"no\"}");
    assertEquals(400, r.status(), r.text());
    assertTrue(r.text().contains("turn_log"), r.text());
  }
}
