package dev.scion.server.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage counts reach the platform database, even when a write fails for a while. */
class UsageMeterTest {
  @Test
  void countsThatCannotBeWrittenAreKeptForTheNextFlush() throws Exception {
    String url = "jdbc:h2:mem:usage-meter-test;DB_CLOSE_DELAY=-1";
    try (Platform platform = Platform.open(url, "sa", "");
        Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement()) {
      UsageMeter meter = new UsageMeter(platform);
      meter.record("default", 200, 10);
      meter.record("default", 500, 5);
      st.execute("ALTER TABLE scion_usage RENAME TO scion_usage_away"); // the database fails
      assertThrows(IllegalStateException.class, meter::flush);
      meter.record("default", 429, 0);
      assertThrows(IllegalStateException.class, meter::flush);
      st.execute("ALTER TABLE scion_usage_away RENAME TO scion_usage"); // and is back
      meter.flush();
      List<Platform.Minute> minutes = platform.usage("default", 0);
      assertEquals(3, minutes.stream().mapToLong(Platform.Minute::requests).sum(), "requests");
      assertEquals(15, minutes.stream().mapToLong(Platform.Minute::tokens).sum(), "tokens");
      assertEquals(1, minutes.stream().mapToLong(Platform.Minute::limited).sum(), "limited");
      assertEquals(1, minutes.stream().mapToLong(Platform.Minute::errors).sum(), "errors");
      meter.close();
    }
  }
}
