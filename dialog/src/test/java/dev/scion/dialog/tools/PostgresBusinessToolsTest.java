package dev.scion.dialog.tools;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The pack's tools on a real PostgreSQL 17 (embedded binaries from Maven Central). */
class PostgresBusinessToolsTest extends BusinessToolsContract {
  static EmbeddedPostgres postgres;
  static int databases;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  @Override
  BusinessDatabase openEmpty() throws Exception {
    String name = "ota" + (++databases);
    try (var c = postgres.getPostgresDatabase().getConnection();
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return BusinessDatabase.open(postgres.getJdbcUrl("postgres", name), "postgres", "");
  }
}
