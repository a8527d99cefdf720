package dev.scion.server.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kept conversation states and the turn log, on H2 and on PostgreSQL: kept, replaced, summed up,
 * per tenant, dropped with it.
 */
class ConversationsTest {
  @TempDir Path dir;

  @Test
  void onH2() {
    try (Platform p = Platform.inDataFolder(dir)) {
      keptReplacedAndDroppedWithTheirTenant(p);
      turnsSummedUpPerTenant(p);
    }
  }

  @Test
  void onPostgres() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        Platform p = Platform.open(pg.getJdbcUrl("postgres", "postgres"), "postgres", "")) {
      keptReplacedAndDroppedWithTheirTenant(p);
      turnsSummedUpPerTenant(p);
    }
  }

  private static void turnsSummedUpPerTenant(Platform p) {
    p.createTenant("globex", "Globex");
    TurnLog log = p.turns();
    java.time.Instant since = java.time.Instant.now().minusSeconds(1);
    log.append(
        "globex",
        new TurnLog.Entry(
            "bank-cards",
            "c1",
            "I lost my card",
            "Which card?",
            java.util.List.of("report_lost_card"),
            java.util.List.of("report_lost_card"),
            java.util.List.of("cited:knowledge/lost-cards.md"),
            "v1",
            0.91,
            java.util.List.of("start:report_lost_card", "ask_knowledge")));
    log.append(
        "globex",
        new TurnLog.Entry(
            "bank-cards",
            "c1",
            "yes",
            "Done: [code]",
            java.util.List.of(),
            java.util.List.of(),
            java.util.List.of("completed:report_lost_card")));
    log.append(
        "globex",
        new TurnLog.Entry(
            "bank-cards",
            "c2",
            "Do you take cows?",
            "No answer",
            java.util.List.of("ask_policy"),
            java.util.List.of(),
            java.util.List.of("unanswered", "handoff"),
            "v1",
            0.12,
            java.util.List.of("ask_knowledge", "handoff")));
    log.append(
        "default",
        new TurnLog.Entry(
            "bank-cards",
            "c9",
            "hi",
            "Hello",
            java.util.List.of("greet"),
            java.util.List.of(),
            java.util.List.of()));
    var a = log.analytics("globex", "bank-cards", since);
    assertEquals(2, a.get("conversations").asInt(), a.toString());
    assertEquals(3, a.get("turns").asInt(), a.toString());
    assertEquals(1, a.get("handoffs").asInt(), a.toString());
    assertEquals(0.5, a.get("containment_rate").asDouble(), a.toString());
    assertEquals(1, a.at("/tasks/report_lost_card/completed").asInt(), a.toString());
    assertEquals("do you take cows?", a.at("/unanswered/0/text").asText(), a.toString());
    assertEquals(1, log.turns("globex", "bank-cards", "handoff", 10).size());
    // below the low-confidence line (0.3): the cows question only; a turn without one never
    assertEquals(1, a.get("low_confidence").asInt(), a.toString());
    var low = log.turns("globex", "bank-cards", "low_confidence", 10);
    assertEquals(1, low.size(), low.toString());
    assertEquals("c2", low.get(0).get("conversation").asText());
    assertEquals(0.12, low.get(0).get("confidence").asDouble(), 1e-9);
    assertEquals("[\"ask_knowledge\",\"handoff\"]", low.get(0).get("commands").toString());
    assertEquals(1, a.at("/cited/knowledge~1lost-cards.md").asInt(), a.toString());
    // per day: all of today's turns in one day
    assertEquals(1, a.get("by_day").size(), a.toString());
    var today = a.get("by_day").get(0);
    assertEquals(java.time.Instant.now().toString().substring(0, 10), today.get("day").asText());
    assertEquals(3, today.get("turns").asInt(), today.toString());
    assertEquals(2, today.get("conversations").asInt(), today.toString());
    assertEquals(1, today.get("handoffs").asInt(), today.toString());
    assertEquals(1, today.get("unanswered_turns").asInt(), today.toString());
    assertTrue(p.deleteTenant("globex"));
    assertEquals(0, log.analytics("globex", "bank-cards", since).get("turns").asInt());
  }

  private static void keptReplacedAndDroppedWithTheirTenant(Platform p) {
    p.createTenant("acme", "Acme");
    Conversations c = p.conversations();
    String big = "{\"slots\":\"" + "x".repeat(100_000) + "\"}";
    c.save("acme", "ota-hotel", "k1", big);
    c.save("default", "ota-hotel", "k1", "{\"turn\":1}");
    assertEquals(Optional.of(big), c.find("acme", "ota-hotel", "k1"));
    assertEquals(Optional.empty(), c.find("acme", "bank-cards", "k1"), "another model's");
    c.save("acme", "ota-hotel", "k1", "{\"turn\":2}");
    assertEquals(Optional.of("{\"turn\":2}"), c.find("acme", "ota-hotel", "k1"));
    assertTrue(p.deleteTenant("acme"));
    assertEquals(Optional.empty(), c.find("acme", "ota-hotel", "k1"));
    assertEquals(Optional.of("{\"turn\":1}"), c.find("default", "ota-hotel", "k1"));
  }
}
