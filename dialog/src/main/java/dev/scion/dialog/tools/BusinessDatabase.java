package dev.scion.dialog.tools;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.scion.models.EmbeddedH2;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A pack's business database: embedded H2 in a folder by default, or any JDBC URL (PostgreSQL in
 * production). On first use the pack's {@code schema.sql} and {@code seed.sql} are run; at every
 * open its {@code upgrade.sql}, whose statements must be safe to run again, brings a database
 * installed by an earlier version of the pack up to date.
 */
public final class BusinessDatabase implements AutoCloseable {
  private final HikariDataSource pool;

  private BusinessDatabase(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * An embedded H2 database stored in {@code dir}, with a generated password and owner-only files
   * ({@link EmbeddedH2}).
   */
  public static BusinessDatabase embedded(Path dir) {
    Path base = dir.toAbsolutePath().resolve("business");
    EmbeddedH2.Credentials c = EmbeddedH2.prepare(base);
    BusinessDatabase db = open(c.url(), c.user(), c.password());
    EmbeddedH2.restrictFiles(base);
    return db;
  }

  private static final java.util.concurrent.atomic.AtomicLong IN_MEMORY =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * An H2 database in this process's memory only, gone when closed: for evaluations, whose many
   * resets must be quick and whose writes nobody keeps.
   */
  public static BusinessDatabase inMemory() {
    BusinessDatabase db =
        open(
            "jdbc:h2:mem:scion-business-" + IN_MEMORY.incrementAndGet() + ";DB_CLOSE_DELAY=-1",
            "sa",
            "");
    db.memory = true;
    return db;
  }

  private boolean memory;

  /** A database at a JDBC URL ({@code jdbc:postgresql://host/db}, {@code jdbc:h2:...}). */
  public static BusinessDatabase open(String url, String user, String password) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setUsername(user);
    c.setPassword(password);
    c.setMaximumPoolSize(8);
    c.setPoolName("scion-business");
    c.setAutoCommit(true);
    try {
      return new BusinessDatabase(new HikariDataSource(c));
    } catch (RuntimeException e) {
      throw new ToolException(
          "cannot connect to the business database " + url + ": " + e.getMessage(), e);
    }
  }

  public DataSource dataSource() {
    return pool;
  }

  private static final java.util.regex.Pattern CREATE_TABLE =
      java.util.regex.Pattern.compile(
          "(?i)\\bCREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\"?([A-Za-z_][A-Za-z0-9_]*)");

  /**
   * Runs {@code schema.sql} then {@code seed.sql} of {@code dir} unless the first table schema.sql
   * creates exists, then {@code upgrade.sql}; returns whether the database was installed.
   */
  public boolean install(Path dir) {
    try (Connection c = pool.getConnection()) {
      boolean fresh = !tableExists(c, firstTable(dir.resolve("schema.sql")));
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String file :
            fresh ? List.of("schema.sql", "seed.sql", "upgrade.sql") : List.of("upgrade.sql")) {
          Path f = dir.resolve(file);
          if (Files.exists(f)) {
            for (String sql : statements(Files.readString(f, StandardCharsets.UTF_8))) {
              s.execute(sql);
            }
          }
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
      return fresh;
    } catch (SQLException | IOException e) {
      throw new ToolException("cannot install the database of " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Drops everything in the database and installs {@code dir} again: a fresh copy of the pack's
   * data, for evaluations that must not see each other's writes.
   */
  public void reset(Path dir) {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      if (c.getMetaData()
          .getDatabaseProductName()
          .toLowerCase(java.util.Locale.ROOT)
          .contains("h2")) {
        s.execute("DROP ALL OBJECTS");
      } else {
        s.execute("DROP SCHEMA public CASCADE");
        s.execute("CREATE SCHEMA public");
      }
    } catch (SQLException e) {
      throw new ToolException("cannot reset the database of " + dir + ": " + e.getMessage(), e);
    }
    install(dir);
  }

  /** The first table a schema creates. */
  private static String firstTable(Path schema) throws IOException {
    if (!Files.exists(schema)) {
      throw new ToolException(schema + " is missing: a pack's database starts with its schema");
    }
    for (String sql : statements(Files.readString(schema, StandardCharsets.UTF_8))) {
      var m = CREATE_TABLE.matcher(sql);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new ToolException(schema + " creates no table (CREATE TABLE name ...)");
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    for (String name : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
      try (var rs = c.getMetaData().getTables(null, null, name, null)) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The statements of a script: split at semicolons that end a line; {@code --} comments dropped.
   */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String t = line.strip();
      if (t.startsWith("--") || t.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (t.endsWith(";")) {
        String sql = current.toString().strip();
        out.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  @Override
  public void close() {
    if (memory) {
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN"); // an in-memory database lives until it is shut down
      } catch (SQLException e) {
        // closing anyway
      }
    }
    pool.close();
  }
}
