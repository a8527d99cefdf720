package dev.scion.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The directory commands on PostgreSQL 17 (--db-url), as a production server's database. */
class PostgresFormsDirectoryCommandTest extends FormsDirectoryCommandContract {
  private EmbeddedPostgres postgres;

  @BeforeEach
  void startDatabase() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterEach
  void stopDatabase() throws Exception {
    postgres.close();
  }

  @Override
  List<String> where() {
    return List.of(
        "--data",
        dir.resolve("data").toString(),
        "--db-url",
        postgres.getJdbcUrl("postgres", "postgres"),
        "--db-user",
        "postgres",
        "--db-password",
        "postgres");
  }
}
