package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(
            201,
            admin
                .post("/admin/tenants/acme/keys", "{\"name\":\"quiet\",\"turn_log\":false}")
                .status());
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
        String keys = other.get("/admin/tenants/acme/keys").text();
        assertTrue(
            keys.contains("\"name\":\"quiet\"") && keys.contains("\"turn_log\":false"),
            "a key's opting out of the turn log is stored: " + keys);
      }
    }
  }

  @Test
  void twoServersOnOneDatabaseShareKeysAndRevocations() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      try (ScionServer a =
              ScionServer.start(
                  new ServerConfig("127.0.0.1", 0, dir.resolve("a"), ADMIN, 1 << 20)
                      .withDatabase(url, "postgres", "postgres"));
          ScionServer b =
              ScionServer.start(
                  new ServerConfig("127.0.0.1", 0, dir.resolve("b"), ADMIN, 1 << 20)
                      .withDatabase(url, "postgres", "postgres"))) {
        Http adminA = new Http(a.port(), ADMIN);
        adminA.post("/admin/tenants", "{\"id\":\"acme\"}");
        var made = adminA.post("/admin/tenants/acme/keys", "{}").json();
        Http onB = new Http(b.port(), made.get("key").asText());
        assertEquals(200, waitFor(onB, 200), "a key made on one server works on the other");
        adminA.delete("/admin/tenants/acme/keys/" + made.get("id").asText());
        assertEquals(401, waitFor(onB, 401), "and its revocation reaches the other too");
      }
    }
  }

  @Test
  void serversStartingTogetherOnANewDatabaseAllServe() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      int servers = 3;
      java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(servers);
      java.util.List<Object> started =
          java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      java.util.List<Thread> threads = new java.util.ArrayList<>();
      for (int i = 0; i < servers; i++) {
        ServerConfig config =
            new ServerConfig("127.0.0.1", 0, dir.resolve("node" + i), ADMIN, 1 << 20)
                .withDatabase(url, "postgres", "postgres");
        Thread t =
            new Thread(
                () -> {
                  try {
                    together.await(); // platform tables and Flowable's made at the same moment
                    started.add(ScionServer.start(config));
                  } catch (Exception | AssertionError e) {
                    started.add(e);
                  }
                },
                "node-" + i);
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      try {
        for (Object o : started) {
          assertTrue(o instanceof ScionServer, "every server starts: " + o);
          assertEquals(
              200, new Http(((ScionServer) o).port(), ADMIN).get("/admin/tenants").status());
        }
      } finally {
        for (Object o : started) {
          if (o instanceof ScionServer s) {
            s.close();
          }
        }
      }
    }
  }

  /** The status of {@code GET /whoami}, polled until it is {@code expected} or time is up. */
  private static int waitFor(Http http, int expected) throws InterruptedException {
    long end = System.nanoTime() + 2 * 1_000_000_000L; // key changes reach all within a second
    int status = http.get("/whoami").status();
    while (status != expected && System.nanoTime() < end) {
      Thread.sleep(250);
      status = http.get("/whoami").status();
    }
    return status;
  }
}
