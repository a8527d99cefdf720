package dev.scion.server.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scion.server.ApiException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform records on embedded H2 and on a real PostgreSQL 17. */
class PlatformTest {
  @TempDir Path dir;

  @Test
  void onH2() throws Exception {
    check(
        () -> Platform.inDataFolder(dir),
        "jdbc:h2:file:" + dir.toAbsolutePath() + "/platform/platform",
        "sa",
        () -> dev.scion.models.EmbeddedH2.prepare(dir.resolve("platform/platform")).password());
  }

  @Test
  void onPostgres() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      check(() -> Platform.open(url, "postgres", "postgres"), url, "postgres", () -> "postgres");
    }
  }

  @Test
  void serversStartingTogetherOnAFreshDatabaseAllOpen() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      int servers = 4;
      java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(servers);
      List<Object> opened = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      List<Thread> threads = new java.util.ArrayList<>();
      for (int i = 0; i < servers; i++) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    together.await();
                    opened.add(Platform.open(url, "postgres", "postgres"));
                  } catch (Exception | AssertionError e) {
                    opened.add(e);
                  }
                },
                "server-" + i);
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      try {
        for (Object o : opened) {
          assertTrue(o instanceof Platform, "every server opens: " + o);
        }
      } finally {
        for (Object o : opened) {
          if (o instanceof Platform p) {
            p.close();
          }
        }
      }
    }
  }

  @Test
  void usageAddedByTwoServersAtOnceIsSummed() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      try (Platform a = Platform.open(url, "postgres", "postgres");
          Platform b = Platform.open(url, "postgres", "postgres")) {
        int rounds = 30;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        List<Throwable> failures =
            java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<Thread> servers = new java.util.ArrayList<>();
        for (Platform p : List.of(a, b)) {
          Thread t =
              new Thread(
                  () -> {
                    for (int r = 0; r < rounds; r++) {
                      try {
                        together.await(); // both make the minute's first row at once
                        p.addUsage("default", new Platform.Minute(9000 + r, 1, 5, 0, 0));
                      } catch (Exception | AssertionError e) {
                        failures.add(e);
                      }
                    }
                  },
                  "server-" + servers.size());
          servers.add(t);
          t.start();
        }
        for (Thread t : servers) {
          t.join();
        }
        assertEquals(List.of(), failures);
        List<Platform.Minute> minutes = a.usage("default", 9000);
        assertEquals(rounds, minutes.size());
        for (Platform.Minute m : minutes) {
          assertEquals(2, m.requests(), "minute " + m.epochMinute());
          assertEquals(10, m.tokens());
        }
      }
    }
  }

  @Test
  void aKeyRevokedWhileKeysAreRefreshedStaysRevoked() {
    try (Platform p = Platform.inDataFolder(dir)) {
      Platform.NewKey k = p.createKey("default", "ci", List.of(), List.of(), 0, 0);
      // the refresh reads the key as live, then the key is revoked before it publishes
      p.refreshKeys(() -> assertTrue(p.revoke("default", k.key().id())));
      assertNull(p.authenticate(k.secret()), "a revoked key never comes back");
      Platform.NewKey[] made = new Platform.NewKey[1];
      p.refreshKeys(() -> made[0] = p.createKey("default", "new", List.of(), List.of(), 0, 0));
      assertNotNull(p.authenticate(made[0].secret()), "a key made meanwhile is not dropped");
      p.refreshKeys();
      assertNull(p.authenticate(k.secret()));
      assertNotNull(p.authenticate(made[0].secret()));
    }
  }

  private static void check(
      Supplier<Platform> open, String url, String user, Supplier<String> password)
      throws Exception {
    String secret;
    String id;
    try (Platform p = open.get()) {
      assertNotNull(p.tenant(Platform.DEFAULT_TENANT), "the default tenant always exists");
      p.createTenant("acme", "Acme Travel");
      assertThrows(ApiException.class, () -> p.createTenant("acme", "again"));
      assertThrows(ApiException.class, () -> p.createTenant("Not A Slug", null));
      Platform.NewKey k = p.createKey("acme", "ci", List.of("ota-hotel"), List.of(), 60, 0);
      secret = k.secret();
      id = k.key().id();
      assertEquals("acme", p.authenticate(secret).tenant());
      assertNull(p.authenticate(secret + "x"));
      p.addUsage("acme", new Platform.Minute(1000, 3, 40, 1, 0));
      p.addUsage("acme", new Platform.Minute(1000, 2, 10, 0, 1));
      p.addUsage("acme", new Platform.Minute(1001, 1, 0, 0, 0));
    }
    try (Platform p = open.get()) { // reopened: keys and usage persist
      Platform.Key k = p.authenticate(secret);
      assertEquals(List.of("ota-hotel"), k.packs());
      assertEquals(60, k.requestsPerMinute());
      List<Platform.Minute> minutes = p.usage("acme", 1000);
      assertEquals(new Platform.Minute(1000, 5, 50, 1, 1), minutes.get(0));
      assertEquals(2, minutes.size());
      assertTrue(p.revoke("acme", id));
      assertNull(p.authenticate(secret));
    }
    // only the hash is stored: the secret appears in no column of the keys table
    try (Connection c = java.sql.DriverManager.getConnection(url, user, password.get());
        ResultSet rs = c.createStatement().executeQuery("SELECT * FROM scion_api_keys")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          String v = rs.getString(i);
          assertFalse(v != null && v.contains(secret.substring(9, 30)), "column " + i);
        }
        assertEquals(Platform.sha256(secret), rs.getString("secret_sha256"));
      }
      assertEquals(1, rows);
    }
  }
}
