package dev.scion.server.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A tenant's versions of a pack's understanding model, and which one serves its chats, in the
 * platform database (tables {@code scion_pack_versions} and {@code scion_pack_promotions}).
 * Versions are numbered per tenant and pack ({@code v1}, {@code v2}, ...); {@value #BASE} is the
 * model the pack itself trains. Promotions are a stack: the top serves, and a rollback pops it.
 */
public final class ModelVersions {
  /** The pack's own model, which serves a tenant until it promotes a version. */
  public static final String BASE = "base";

  /** Where a version's training stands. */
  public static final List<String> STATUSES = List.of("queued", "training", "ready", "failed");

  /**
   * One version: its status, progress (0 to 1) and stage in words, when it was asked for and done,
   * how many reviewed examples it learned from, and its evaluation (JSON text, null until ready).
   */
  public record Version(
      String tenant,
      String pack,
      String name,
      String status,
      double progress,
      String stage,
      Instant created,
      Instant finished,
      int reviewed,
      String evaluation) {}

  private final DataSource pool;

  ModelVersions(DataSource pool) {
    this.pool = pool;
    try (Connection c = pool.getConnection();
        var s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS scion_pack_versions (tenant VARCHAR(40) NOT NULL,"
              + " pack VARCHAR(100) NOT NULL, number INT NOT NULL, status VARCHAR(20) NOT NULL,"
              + " progress DOUBLE PRECISION NOT NULL, stage VARCHAR(500) NOT NULL,"
              + " created_ms BIGINT NOT NULL, finished_ms BIGINT, reviewed INT NOT NULL,"
              + " evaluation VARCHAR, PRIMARY KEY (tenant, pack, number))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS scion_pack_promotions (tenant VARCHAR(40) NOT NULL,"
              + " pack VARCHAR(100) NOT NULL, seq BIGINT NOT NULL, version VARCHAR(20) NOT NULL,"
              + " at_ms BIGINT NOT NULL, PRIMARY KEY (tenant, pack, seq))");
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  /** A new version of a tenant's pack, queued; its name. */
  public synchronized String create(String tenant, String pack, int reviewed) {
    try (Connection c = pool.getConnection()) {
      int number;
      try (var ps =
          c.prepareStatement(
              "SELECT COALESCE(MAX(number), 0) + 1 FROM scion_pack_versions"
                  + " WHERE tenant = ? AND pack = ?")) {
        ps.setString(1, tenant);
        ps.setString(2, pack);
        try (var rs = ps.executeQuery()) {
          rs.next();
          number = rs.getInt(1);
        }
      }
      try (var ps =
          c.prepareStatement(
              "INSERT INTO scion_pack_versions (tenant, pack, number, status, progress, stage,"
                  + " created_ms, reviewed) VALUES (?, ?, ?, 'queued', 0, 'waiting for a"
                  + " trainer', ?, ?)")) {
        ps.setString(1, tenant);
        ps.setString(2, pack);
        ps.setInt(3, number);
        ps.setLong(4, Instant.now().toEpochMilli());
        ps.setInt(5, reviewed);
        ps.executeUpdate();
      }
      return "v" + number;
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  /** Records how a version's training goes. */
  public void progress(String tenant, String pack, String version, double progress, String stage) {
    update(
        "UPDATE scion_pack_versions SET status = 'training', progress = ?, stage = ?"
            + " WHERE tenant = ? AND pack = ? AND number = ?",
        ps -> {
          ps.setDouble(1, progress);
          ps.setString(2, abbreviated(stage));
          key(ps, 3, tenant, pack, version);
        });
  }

  /** Marks a version ready, with its evaluation (JSON text). */
  public void ready(String tenant, String pack, String version, String evaluation) {
    update(
        "UPDATE scion_pack_versions SET status = 'ready', progress = 1, stage = 'ready',"
            + " finished_ms = ?, evaluation = ? WHERE tenant = ? AND pack = ? AND number = ?",
        ps -> {
          ps.setLong(1, Instant.now().toEpochMilli());
          ps.setString(2, evaluation);
          key(ps, 3, tenant, pack, version);
        });
  }

  /** Marks a version failed, saying why. */
  public void failed(String tenant, String pack, String version, String why) {
    update(
        "UPDATE scion_pack_versions SET status = 'failed', stage = ?, finished_ms = ?"
            + " WHERE tenant = ? AND pack = ? AND number = ?",
        ps -> {
          ps.setString(1, abbreviated(why));
          ps.setLong(2, Instant.now().toEpochMilli());
          key(ps, 3, tenant, pack, version);
        });
  }

  /**
   * Marks every version still queued or training as failed: after a restart nothing trains them.
   */
  public int abandonUnfinished(String why) {
    try (Connection c = pool.getConnection();
        var ps =
            c.prepareStatement(
                "UPDATE scion_pack_versions SET status = 'failed', stage = ?, finished_ms = ?"
                    + " WHERE status IN ('queued', 'training')")) {
      ps.setString(1, why);
      ps.setLong(2, Instant.now().toEpochMilli());
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  /** One version of a tenant's pack. */
  public Optional<Version> find(String tenant, String pack, String version) {
    int number = number(version);
    if (number < 1) {
      return Optional.empty();
    }
    List<Version> found = select(" AND number = " + number, tenant, pack);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
  }

  /** Every version of a tenant's pack, newest first. */
  public List<Version> list(String tenant, String pack) {
    return select(" ORDER BY number DESC", tenant, pack);
  }

  /** The version serving a tenant's pack: the latest promoted, or {@link #BASE}. */
  public String serving(String tenant, String pack) {
    List<String> stack = promotions(tenant, pack);
    return stack.isEmpty() ? BASE : stack.getLast();
  }

  /** The versions promoted, oldest first; the last one serves. */
  public List<String> promotions(String tenant, String pack) {
    List<String> out = new ArrayList<>();
    try (Connection c = pool.getConnection();
        var ps =
            c.prepareStatement(
                "SELECT version FROM scion_pack_promotions WHERE tenant = ? AND pack = ?"
                    + " ORDER BY seq")) {
      ps.setString(1, tenant);
      ps.setString(2, pack);
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
    return out;
  }

  /** Makes {@code version} serve the tenant's pack. */
  public synchronized void promote(String tenant, String pack, String version) {
    try (Connection c = pool.getConnection()) {
      long seq;
      try (var ps =
          c.prepareStatement(
              "SELECT COALESCE(MAX(seq), 0) + 1 FROM scion_pack_promotions"
                  + " WHERE tenant = ? AND pack = ?")) {
        ps.setString(1, tenant);
        ps.setString(2, pack);
        try (var rs = ps.executeQuery()) {
          rs.next();
          seq = rs.getLong(1);
        }
      }
      try (var ps =
          c.prepareStatement(
              "INSERT INTO scion_pack_promotions (tenant, pack, seq, version, at_ms)"
                  + " VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, tenant);
        ps.setString(2, pack);
        ps.setLong(3, seq);
        ps.setString(4, version);
        ps.setLong(5, Instant.now().toEpochMilli());
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  /**
   * Undoes the latest promotion of a tenant's pack; the version that served before it serves again.
   * Returns the version undone, or empty when the pack serves {@link #BASE} unpromoted.
   */
  public synchronized Optional<String> rollback(String tenant, String pack) {
    try (Connection c = pool.getConnection()) {
      long seq;
      String version;
      try (var ps =
          c.prepareStatement(
              "SELECT seq, version FROM scion_pack_promotions WHERE tenant = ? AND pack = ?"
                  + " ORDER BY seq DESC")) {
        ps.setString(1, tenant);
        ps.setString(2, pack);
        ps.setMaxRows(1);
        try (var rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          seq = rs.getLong(1);
          version = rs.getString(2);
        }
      }
      try (var ps =
          c.prepareStatement(
              "DELETE FROM scion_pack_promotions WHERE tenant = ? AND pack = ? AND seq = ?")) {
        ps.setString(1, tenant);
        ps.setString(2, pack);
        ps.setLong(3, seq);
        ps.executeUpdate();
      }
      return Optional.of(version);
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  /** Drops every version and promotion of a tenant. */
  void removeAll(String tenant) {
    for (String table : List.of("scion_pack_versions", "scion_pack_promotions")) {
      update("DELETE FROM " + table + " WHERE tenant = ?", ps -> ps.setString(1, tenant));
    }
  }

  /** A version's number ({@code v3}: 3), or 0 when the name is not a version's. */
  public static int number(String version) {
    if (version == null || !version.matches("v[1-9][0-9]{0,8}")) {
      return 0;
    }
    return Integer.parseInt(version.substring(1));
  }

  private List<Version> select(String tail, String tenant, String pack) {
    List<Version> out = new ArrayList<>();
    try (Connection c = pool.getConnection();
        var ps =
            c.prepareStatement(
                "SELECT number, status, progress, stage, created_ms, finished_ms, reviewed,"
                    + " evaluation FROM scion_pack_versions WHERE tenant = ? AND pack = ?"
                    + tail)) {
      ps.setString(1, tenant);
      ps.setString(2, pack);
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          long finished = rs.getLong(6);
          boolean done = !rs.wasNull();
          out.add(
              new Version(
                  tenant,
                  pack,
                  "v" + rs.getInt(1),
                  rs.getString(2),
                  rs.getDouble(3),
                  rs.getString(4),
                  Instant.ofEpochMilli(rs.getLong(5)),
                  done ? Instant.ofEpochMilli(finished) : null,
                  rs.getInt(7),
                  rs.getString(8)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
    return out;
  }

  private interface Binder {
    void bind(java.sql.PreparedStatement ps) throws SQLException;
  }

  private void update(String sql, Binder binder) {
    try (Connection c = pool.getConnection();
        var ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  private static void key(
      java.sql.PreparedStatement ps, int from, String tenant, String pack, String version)
      throws SQLException {
    ps.setString(from, tenant);
    ps.setString(from + 1, pack);
    ps.setInt(from + 2, number(version));
  }

  private static String abbreviated(String s) {
    return s == null ? "" : s.length() <= 500 ? s : s.substring(0, 497) + "...";
  }
}
