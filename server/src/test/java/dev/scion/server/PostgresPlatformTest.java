package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on PostgreSQL 17 (tenants, keys, usage and form workflows in one database): what a
 * tenant did survives a restart.
 */
class PostgresPlatformTest {
  static final String ADMIN = "admin-key-for-postgres-0123456789";

  @TempDir Path dir;

  @Test
  void tenantsKeysUsageAndFormsLiveInPostgres() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      ServerConfig config =
          new ServerConfig("127.0.0.1", 0, dir, ADMIN, 1 << 20)
              .withDatabase(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
      String key;
      String request;
      try (ScionServer server = ScionServer.start(config)) {
        Http admin = new Http(server.port(), ADMIN);
        assertEquals(201, admin.post("/admin/tenants", "{\"id\":\"acme\"}").status());
        key = admin.post("/admin/tenants/acme/keys", "{}").json().get("key").asText();
        Http acme = new Http(server.port(), key);
        String source =
            "form Trip request\n\nfield destination: text, required\n\napproval\n"
                + "step manager: manager of applicant\n";
        assertEquals(
            201,
            acme.post("/forms", "{\"source\":" + Http.JSON.valueToTree(source) + "}").status());
        request =
            acme.post(
                    "/forms/trip_request/requests",
                    "{\"applicant\":\"lan\",\"manager\":\"minh\",\"data\":{\"destination\":\"Hue\"}}")
                .json()
                .get("id")
                .asText();
      }
      try (ScionServer server = ScionServer.start(config)) {
        Http acme = new Http(server.port(), key);
        assertEquals("acme", acme.get("/whoami").json().get("tenant").asText());
        assertEquals(
            "running", acme.get("/forms/requests/" + request).json().get("status").asText());
        var usage = acme.get("/usage").json();
        assertEquals(1, usage.get("form_instances").asInt(), usage.toString());
        assertEquals(
            true, usage.get("requests").asInt() >= 3, "usage written before the restart: " + usage);
        Http other = new Http(server.port(), ADMIN);
        assertEquals(404, other.get("/forms/requests/" + request).status());
      }
    }
  }
}
