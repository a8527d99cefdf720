package dev.scion.server.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The state of every chat conversation after its latest turn, in the platform database (shared by
 * every server on it), keyed by tenant, model and a digest of the conversation so far: a request
 * that carries the same history plus one message runs one turn, not the whole conversation again.
 * States untouched for {@link #KEPT} are dropped.
 */
public final class Conversations {
  /** How long a conversation's state is kept after its last turn. */
  public static final Duration KEPT = Duration.ofDays(7);

  private final DataSource pool;
  private final AtomicLong saves = new AtomicLong();

  Conversations(DataSource pool) {
    this.pool = pool;
    try (Connection c = pool.getConnection();
        var s = c.createStatement()) {
      s.execute( // VARCHAR without a length: as long as needed, on H2 and PostgreSQL alike
          "CREATE TABLE IF NOT EXISTS scion_conversations (tenant VARCHAR(40) NOT NULL,"
              + " model VARCHAR(100) NOT NULL, state_key VARCHAR(64) NOT NULL,"
              + " state VARCHAR NOT NULL, updated_at BIGINT NOT NULL,"
              + " PRIMARY KEY (tenant, model, state_key))");
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  /** The state kept under the key, as JSON, or empty. */
  public Optional<String> find(String tenant, String model, String key) {
    try (Connection c = pool.getConnection();
        var ps =
            c.prepareStatement(
                "SELECT state FROM scion_conversations WHERE tenant = ? AND model = ?"
                    + " AND state_key = ?")) {
      ps.setString(1, tenant);
      ps.setString(2, model);
      ps.setString(3, key);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  /** Keeps a state under the key (replacing one kept there); now and then drops old states. */
  public void save(String tenant, String model, String key, String json) {
    long now = Instant.now().toEpochMilli();
    try (Connection c = pool.getConnection()) {
      try (var up =
          c.prepareStatement(
              "UPDATE scion_conversations SET state = ?, updated_at = ? WHERE tenant = ?"
                  + " AND model = ? AND state_key = ?")) {
        up.setString(1, json);
        up.setLong(2, now);
        up.setString(3, tenant);
        up.setString(4, model);
        up.setString(5, key);
        if (up.executeUpdate() == 0) {
          try (var in =
              c.prepareStatement(
                  "INSERT INTO scion_conversations (tenant, model, state_key, state, updated_at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            in.setString(1, tenant);
            in.setString(2, model);
            in.setString(3, key);
            in.setString(4, json);
            in.setLong(5, now);
            in.executeUpdate();
          } catch (SQLException raced) {
            // another request kept the same state at the same moment: either copy will do
          }
        }
      }
      if (saves.incrementAndGet() % 1000 == 0) {
        try (var del = c.prepareStatement("DELETE FROM scion_conversations WHERE updated_at < ?")) {
          del.setLong(1, now - KEPT.toMillis());
          del.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  /** Drops every conversation of a tenant. */
  void removeAll(String tenant) {
    try (Connection c = pool.getConnection();
        var ps = c.prepareStatement("DELETE FROM scion_conversations WHERE tenant = ?")) {
      ps.setString(1, tenant);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }
}
