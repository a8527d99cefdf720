package dev.scion.server.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept conversation states, on H2 and on PostgreSQL: kept, replaced, per tenant, dropped. */
class ConversationsTest {
  @TempDir Path dir;

  @Test
  void onH2() {
    try (Platform p = Platform.inDataFolder(dir)) {
      keptReplacedAndDroppedWithTheirTenant(p);
    }
  }

  @Test
  void onPostgres() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        Platform p = Platform.open(pg.getJdbcUrl("postgres", "postgres"), "postgres", "")) {
      keptReplacedAndDroppedWithTheirTenant(p);
    }
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
