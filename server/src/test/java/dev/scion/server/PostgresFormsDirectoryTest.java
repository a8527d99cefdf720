package dev.scion.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/** The directory and decisions with the platform's records and Flowable on PostgreSQL 17. */
class PostgresFormsDirectoryTest extends FormsDirectoryContract {
  private EmbeddedPostgres postgres;

  @Override
  ServerConfig config(Path dir) throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    return new ServerConfig("127.0.0.1", 0, dir, ADMIN, 1 << 20)
        .withDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
  }

  @AfterEach
  void closeDatabase() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }
}
