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
            java.util.List.of()));
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
            java.util.List.of("unanswered", "handoff")));
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
