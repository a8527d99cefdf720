package dev.scion.forms;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The same approvals with Flowable on a real PostgreSQL 17. */
class PostgresFormRuntimeTest extends FormRuntimeContract {
  private EmbeddedPostgres postgres;

  @Override
  FormRuntime openRuntime() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    return FormRuntime.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
  }

  @Override
  void closeDatabase() throws Exception {
    postgres.close();
  }
}
