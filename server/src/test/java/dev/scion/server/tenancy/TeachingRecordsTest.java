package dev.scion.server.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reviewed examples and model versions, on H2 and on PostgreSQL: kept per tenant and pack,
 * numbered, promoted and rolled back as a stack, dropped with their tenant.
 */
class TeachingRecordsTest {
  @TempDir Path dir;

  @Test
  void onH2() {
    try (Platform p = Platform.inDataFolder(dir)) {
      examplesPerTenantAndPack(p);
      versionsPromotedAndRolledBack(p);
    }
  }

  @Test
  void onPostgres() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        Platform p = Platform.open(pg.getJdbcUrl("postgres", "postgres"), "postgres", "")) {
      examplesPerTenantAndPack(p);
      versionsPromotedAndRolledBack(p);
    }
  }

  private static void examplesPerTenantAndPack(Platform p) {
    p.createTenant("initech", "Initech");
    ReviewedExamples ex = p.examples();
    var a =
        ex.add(
            "initech",
            "ota-hotel",
            "en",
            "any crash pad in Hue",
            List.of("search_hotel"),
            List.of(new ReviewedExamples.SlotSpan(17, 20, "city")));
    ex.add("initech", "bank-cards", "en", "card gone", List.of("report_lost_card"), List.of());
    ex.add("default", "ota-hotel", "en", "hiya", List.of("greet"), List.of());
    List<ReviewedExamples.Reviewed> listed = ex.list("initech", "ota-hotel");
    assertEquals(1, listed.size());
    assertEquals(a.id(), listed.getFirst().id());
    assertEquals(List.of(new ReviewedExamples.SlotSpan(17, 20, "city")), listed.getFirst().slots());
    assertEquals(List.of("search_hotel"), listed.getFirst().intents());
    assertEquals(false, ex.remove("default", "ota-hotel", a.id()), "another tenant's example");
    assertTrue(ex.remove("initech", "ota-hotel", a.id()));
    assertEquals(0, ex.list("initech", "ota-hotel").size());
    p.deleteTenant("initech");
    assertEquals(0, ex.list("initech", "bank-cards").size());
    assertEquals(1, ex.list("default", "ota-hotel").size());
  }

  private static void versionsPromotedAndRolledBack(Platform p) {
    p.createTenant("hooli", "Hooli");
    ModelVersions v = p.versions();
    assertEquals("v1", v.create("hooli", "ota-hotel", 5));
    assertEquals("v2", v.create("hooli", "ota-hotel", 6));
    assertEquals("v1", v.create("hooli", "bank-cards", 0), "numbered per pack");
    v.progress("hooli", "ota-hotel", "v1", 0.5, "halfway");
    assertEquals("training", v.find("hooli", "ota-hotel", "v1").orElseThrow().status());
    v.ready("hooli", "ota-hotel", "v1", "{\"this\":{}}");
    v.failed("hooli", "ota-hotel", "v2", "training failed: out of memory");
    ModelVersions.Version one = v.find("hooli", "ota-hotel", "v1").orElseThrow();
    assertEquals("ready", one.status());
    assertEquals(1.0, one.progress());
    assertEquals("{\"this\":{}}", one.evaluation());
    assertEquals(5, one.reviewed());
    assertEquals("failed", v.find("hooli", "ota-hotel", "v2").orElseThrow().status());
    assertEquals(Optional.empty(), v.find("other", "ota-hotel", "v1"), "per tenant");
    assertEquals(
        List.of("v2", "v1"), v.list("hooli", "ota-hotel").stream().map(x -> x.name()).toList());

    assertEquals(ModelVersions.BASE, v.serving("hooli", "ota-hotel"));
    v.promote("hooli", "ota-hotel", "v1");
    v.promote("hooli", "ota-hotel", "base");
    assertEquals("base", v.serving("hooli", "ota-hotel"));
    assertEquals(Optional.of("base"), v.rollback("hooli", "ota-hotel"));
    assertEquals("v1", v.serving("hooli", "ota-hotel"));
    assertEquals(ModelVersions.BASE, v.serving("default", "ota-hotel"), "per tenant");
    assertEquals(Optional.of("v1"), v.rollback("hooli", "ota-hotel"));
    assertEquals(Optional.empty(), v.rollback("hooli", "ota-hotel"));

    assertEquals("v1", v.create("hooli", "office-approval", 0));
    assertEquals(2, v.abandonUnfinished("the server stopped"), "queued, then abandoned");
    assertEquals("failed", v.find("hooli", "office-approval", "v1").orElseThrow().status());
    p.deleteTenant("hooli");
    assertEquals(0, v.list("hooli", "ota-hotel").size());
  }
}
