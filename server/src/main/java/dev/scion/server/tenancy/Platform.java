package dev.scion.server.tenancy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.scion.models.EmbeddedH2;
import dev.scion.server.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The platform's own records: tenants, their API keys and their usage per minute, in a JDBC
 * database (embedded H2 by default, PostgreSQL in production). Keys are random 256-bit secrets;
 * only their SHA-256 is stored, and a key is shown once, when it is made.
 */
public final class Platform implements AutoCloseable {
  /** The tenant of the administrator, and of every caller when the server runs without keys. */
  public static final String DEFAULT_TENANT = "default";

  private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A tenant: its id (a slug) and display name. */
  public record Tenant(String id, String name, Instant created) {}

  /**
   * An API key without its secret: its id, the tenant, a label, the packs and collections it may
   * use (empty: all), its limits per minute (0: none), the person it speaks for (null: a service
   * key, which names the person in each request), and whether the turns it chats are logged for
   * analytics ({@link TurnLog}; false: the key opted out, its usage is still metered).
   */
  public record Key(
      String id,
      String tenant,
      String name,
      List<String> packs,
      List<String> collections,
      int requestsPerMinute,
      int tokensPerMinute,
      Instant created,
      String user,
      boolean turnLog) {}

  /** Usage of one minute: when it began, requests, tokens, refused for limits, errors. */
  public record Minute(long epochMinute, long requests, long tokens, long limited, long errors) {}

  private final HikariDataSource pool;
  private OrgDirectory directory;
  private Conversations conversations;
  private TurnLog turns;
  private ReviewedExamples examples;
  private ModelVersions versions;
  private RateLimiter limiter;
  private final Map<String, Key> keysByHash = new ConcurrentHashMap<>();

  /**
   * The database's count of key changes ({@code scion_key_changes}) as of the keys this server
   * holds: every server bumps it after it makes or revokes a key or deletes a tenant, and every
   * server polls it ({@link #refreshKeysIfChanged()}) to read the keys again when it moved.
   */
  private volatile long keyVersionSeen = -1;

  private volatile long lastFullRefresh;

  /**
   * Counts this server's own changes of keys (made, revoked, a tenant deleted), under this object's
   * lock: a refresh whose reading began before a change does not publish, so it can neither bring
   * back a key just revoked nor drop one just made.
   */
  private long keyChanges;

  private Platform(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Opens the records at a JDBC URL, creating the tables on first use. */
  public static Platform open(String url, String user, String password) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setUsername(user);
    c.setPassword(password);
    c.setMaximumPoolSize(8);
    c.setPoolName("scion-platform");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(c);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot connect to the platform database " + url + ": " + e.getMessage(), e);
    }
    Platform p = new Platform(pool);
    try {
      boolean postgres = p.onPostgres();
      try (SchemaLock lock = p.schemaLock(postgres)) {
        p.createTables();
        p.directory = new OrgDirectory(pool);
        p.conversations = new Conversations(pool);
        p.turns = new TurnLog(pool);
        p.examples = new ReviewedExamples(pool);
        p.versions = new ModelVersions(pool);
        p.limiter = postgres ? RateLimiter.sharedIn(pool) : RateLimiter.inProcess();
      }
      p.refreshKeysIfChanged();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return p;
  }

  /**
   * The records of a data folder, in embedded H2 under {@code platform/}: this process only, no
   * port, a generated password and owner-only files ({@link EmbeddedH2}).
   */
  public static Platform inDataFolder(java.nio.file.Path data) {
    java.nio.file.Path base = data.toAbsolutePath().resolve("platform").resolve("platform");
    EmbeddedH2.Credentials c = EmbeddedH2.prepare(base);
    Platform p = open(c.url(), c.user(), c.password());
    EmbeddedH2.restrictFiles(base);
    return p;
  }

  private void createTables() {
    run(
        "CREATE TABLE IF NOT EXISTS scion_tenants (id VARCHAR(40) PRIMARY KEY,"
            + " name VARCHAR(200) NOT NULL, created_at BIGINT NOT NULL)");
    run(
        "CREATE TABLE IF NOT EXISTS scion_api_keys (id VARCHAR(20) PRIMARY KEY,"
            + " tenant VARCHAR(40) NOT NULL REFERENCES scion_tenants(id), name VARCHAR(200) NOT NULL,"
            + " secret_sha256 VARCHAR(64) NOT NULL UNIQUE, packs VARCHAR(2000) NOT NULL,"
            + " collections VARCHAR(2000) NOT NULL, requests_per_minute INT NOT NULL,"
            + " tokens_per_minute INT NOT NULL, created_at BIGINT NOT NULL,"
            + " revoked BOOLEAN NOT NULL)");
    run("ALTER TABLE scion_api_keys ADD COLUMN IF NOT EXISTS user_id VARCHAR(100)");
    run(
        "ALTER TABLE scion_api_keys ADD COLUMN IF NOT EXISTS turn_log BOOLEAN DEFAULT TRUE NOT NULL");
    run(
        "CREATE TABLE IF NOT EXISTS scion_usage (tenant VARCHAR(40) NOT NULL,"
            + " epoch_minute BIGINT NOT NULL, requests BIGINT NOT NULL, tokens BIGINT NOT NULL,"
            + " limited BIGINT NOT NULL, errors BIGINT NOT NULL, PRIMARY KEY (tenant, epoch_minute))");
    run(
        "CREATE TABLE IF NOT EXISTS scion_key_changes (id INT PRIMARY KEY,"
            + " version BIGINT NOT NULL)");
    if (keyVersion() < 0) {
      try {
        update("INSERT INTO scion_key_changes (id, version) VALUES (1, 0)");
      } catch (IllegalStateException raced) {
        // another server on the same database made the row at the same moment
      }
    }
    if (tenant(DEFAULT_TENANT) == null) {
      update(
          "INSERT INTO scion_tenants (id, name, created_at) VALUES (?, ?, ?)",
          DEFAULT_TENANT,
          "Default tenant (the administrator's)",
          now().toEpochMilli());
    }
  }

  /** Held while the tables are made; closing it lets the next server on the database in. */
  private interface SchemaLock extends AutoCloseable {
    @Override
    void close();
  }

  /** The advisory lock's key under which servers make the platform's tables one at a time. */
  private static final long SCHEMA_LOCK_KEY = 0x5c10_0001L;

  /**
   * On PostgreSQL, a session advisory lock that servers starting together on one database take in
   * turn while they make the tables ({@code CREATE TABLE IF NOT EXISTS} of two sessions at once may
   * fail there); elsewhere nothing to hold.
   */
  private SchemaLock schemaLock(boolean postgres) {
    if (!postgres) {
      return () -> {};
    }
    try {
      Connection c = pool.getConnection();
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK_KEY + ")");
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
      return () -> {
        try (c;
            Statement s = c.createStatement()) {
          s.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK_KEY + ")");
        } catch (SQLException e) {
          throw new IllegalStateException("platform database: " + e.getMessage(), e);
        }
      };
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} (opening another engine that makes its tables in this database, such as
   * Flowable's) while no other server on the database makes tables: servers started together on a
   * new PostgreSQL database take turns.
   */
  public <T> T oneServerAtATime(java.util.function.Supplier<T> work) {
    try (SchemaLock lock = schemaLock(onPostgres())) {
      return work.get();
    }
  }

  /** Whether the records are in PostgreSQL (where rate limits are shared by every server). */
  private boolean onPostgres() {
    try (Connection c = pool.getConnection()) {
      return "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  /** The database's count of key changes; -1 before its row exists. */
  private long keyVersion() {
    long[] v = {-1};
    query(
        "SELECT version FROM scion_key_changes WHERE id = 1",
        List.of(),
        rs -> v[0] = rs.getLong(1));
    return v[0];
  }

  /** Tells every server on the database that keys changed: they read them again within a poll. */
  private void keysChanged() {
    update("UPDATE scion_key_changes SET version = version + 1 WHERE id = 1");
  }

  /**
   * Reads the keys again when another server (or this one) changed them since the last reading, or
   * when the last full reading is older than {@code FULL_REFRESH_MILLIS}; one small query
   * otherwise. Servers poll this a few times a second, so that a revocation on one takes effect on
   * all.
   */
  public void refreshKeysIfChanged() {
    long version = keyVersion();
    long now = System.nanoTime();
    if (version == keyVersionSeen && now - lastFullRefresh < FULL_REFRESH_MILLIS * 1_000_000L) {
      return;
    }
    if (refreshKeys(() -> {})) {
      keyVersionSeen = version;
      lastFullRefresh = now;
    }
  }

  /** How often the keys are read again in full even when no change was counted. */
  private static final long FULL_REFRESH_MILLIS = 60_000;

  /**
   * Reads the live keys again, so that keys made or revoked by another server on the same database
   * take effect here too.
   */
  public void refreshKeys() {
    refreshKeys(() -> {});
  }

  /**
   * {@link #refreshKeys()}, running {@code afterReading} between the reading and publishing; false
   * when a change made here meanwhile kept what was read from being published.
   */
  boolean refreshKeys(Runnable afterReading) {
    long seen;
    synchronized (this) {
      seen = keyChanges;
    }
    Map<String, Key> live = new java.util.HashMap<>();
    query(
        "SELECT * FROM scion_api_keys WHERE revoked = FALSE",
        List.of(),
        rs -> live.put(rs.getString("secret_sha256"), key(rs)));
    afterReading.run();
    synchronized (this) {
      if (keyChanges != seen) {
        return false; // changed here meanwhile: what was read may be stale; read again next time
      }
      keysByHash.keySet().retainAll(live.keySet());
      keysByHash.putAll(live);
      limiter.retain(live.values().stream().map(Key::id).toList());
    }
    return true;
  }

  /** The rate limits of every key (shared by every server when the records are in PostgreSQL). */
  RateLimiter limiter() {
    return limiter;
  }

  /** Creates a tenant; a 409 when the id is taken. */
  public Tenant createTenant(String id, String name) {
    if (id == null || !TENANT_ID.matcher(id).matches()) {
      throw ApiException.badRequest(
          "tenant id '"
              + id
              + "' is not valid; use 1 to 40 lower-case letters, digits and '-', e.g. acme-travel");
    }
    checkLength("tenant name", name, 200);
    if (tenant(id) != null) {
      throw new ApiException(409, "tenant '" + id + "' exists already");
    }
    Tenant t = new Tenant(id, name == null || name.isBlank() ? id : name, now());
    update(
        "INSERT INTO scion_tenants (id, name, created_at) VALUES (?, ?, ?)",
        t.id(),
        t.name(),
        t.created().toEpochMilli());
    return t;
  }

  /** The tenant with this id, or null. */
  public Tenant tenant(String id) {
    List<Tenant> out = new ArrayList<>();
    query(
        "SELECT * FROM scion_tenants WHERE id = ?",
        List.of(id),
        rs -> out.add(new Tenant(id, rs.getString("name"), ms(rs, "created_at"))));
    return out.isEmpty() ? null : out.getFirst();
  }

  /** Every tenant, oldest first. */
  public List<Tenant> tenants() {
    List<Tenant> out = new ArrayList<>();
    query(
        "SELECT * FROM scion_tenants ORDER BY created_at, id",
        List.of(),
        rs -> out.add(new Tenant(rs.getString("id"), rs.getString("name"), ms(rs, "created_at"))));
    return out;
  }

  /** A new key: the record, and the secret to hand over once (only its hash is kept). */
  public record NewKey(Key key, String secret) {}

  /** Refuses text longer than its column holds, before the database does in words of SQL. */
  private static void checkLength(String what, String text, int max) {
    if (text != null && text.length() > max) {
      throw ApiException.badRequest(
          what + " is " + text.length() + " characters long; use at most " + max);
    }
  }

  /** Makes a key for an existing tenant. */
  public NewKey createKey(
      String tenant,
      String name,
      List<String> packs,
      List<String> collections,
      int requestsPerMinute,
      int tokensPerMinute) {
    return createKey(tenant, name, packs, collections, requestsPerMinute, tokensPerMinute, null);
  }

  /**
   * Makes a key for an existing tenant, bound to a person of its directory when {@code user} is
   * given: whoever holds the key decides forms' tasks as that person and no one else.
   */
  public NewKey createKey(
      String tenant,
      String name,
      List<String> packs,
      List<String> collections,
      int requestsPerMinute,
      int tokensPerMinute,
      String user) {
    return createKey(
        tenant, name, packs, collections, requestsPerMinute, tokensPerMinute, user, true);
  }

  /**
   * Makes a key as {@link #createKey(String, String, List, List, int, int, String)} does; with
   * {@code turnLog} false the turns it chats are not logged for analytics (usage is still metered).
   */
  public NewKey createKey(
      String tenant,
      String name,
      List<String> packs,
      List<String> collections,
      int requestsPerMinute,
      int tokensPerMinute,
      String user,
      boolean turnLog) {
    if (tenant(tenant) == null) {
      throw new ApiException(404, "no tenant '" + tenant + "'; create it with POST /admin/tenants");
    }
    if (requestsPerMinute < 0 || tokensPerMinute < 0) {
      throw ApiException.badRequest("limits per minute must be 0 (none) or more");
    }
    checkLength("key name", name, 200);
    if (user != null && directory.person(tenant, user) == null) {
      throw ApiException.badRequest(
          "user '"
              + user
              + "' is not in tenant "
              + tenant
              + "'s directory; add them with PUT /forms/directory/people/"
              + user
              + " first");
    }
    checkLength("packs", String.join(",", packs), 2000);
    checkLength("collections", String.join(",", collections), 2000);
    byte[] secretBytes = new byte[32];
    RANDOM.nextBytes(secretBytes);
    String secret =
        "sk-scion-" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    byte[] idBytes = new byte[6];
    RANDOM.nextBytes(idBytes);
    Key k =
        new Key(
            "key_" + HexFormat.of().formatHex(idBytes),
            tenant,
            name == null || name.isBlank() ? "key" : name,
            List.copyOf(packs),
            List.copyOf(collections),
            requestsPerMinute,
            tokensPerMinute,
            now(),
            user,
            turnLog);
    String hash = sha256(secret);
    update(
        "INSERT INTO scion_api_keys (id, tenant, name, secret_sha256, packs, collections,"
            + " requests_per_minute, tokens_per_minute, created_at, revoked, user_id, turn_log)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)",
        k.id(),
        k.tenant(),
        k.name(),
        hash,
        String.join(",", k.packs()),
        String.join(",", k.collections()),
        k.requestsPerMinute(),
        k.tokensPerMinute(),
        k.created().toEpochMilli(),
        k.user(),
        k.turnLog());
    synchronized (this) {
      keyChanges++;
      keysByHash.put(hash, k);
    }
    keysChanged();
    return new NewKey(k, secret);
  }

  /** The live key a secret belongs to, or null. */
  public Key authenticate(String secret) {
    return keysByHash.get(sha256(secret));
  }

  /** The live keys of a tenant, oldest first. */
  public List<Key> keys(String tenant) {
    return keysByHash.values().stream()
        .filter(k -> k.tenant().equals(tenant))
        .sorted(java.util.Comparator.comparing(Key::created).thenComparing(Key::id))
        .toList();
  }

  /** Revokes a key of a tenant at once; false when the tenant has no such live key. */
  public boolean revoke(String tenant, String keyId) {
    int n =
        update(
            "UPDATE scion_api_keys SET revoked = TRUE WHERE id = ? AND tenant = ? AND revoked = FALSE",
            keyId,
            tenant);
    synchronized (this) {
      keyChanges++;
      keysByHash.values().removeIf(k -> k.id().equals(keyId) && k.tenant().equals(tenant));
    }
    if (n > 0) {
      keysChanged();
      limiter.forget(List.of(keyId));
    }
    return n > 0;
  }

  /** Deletes a tenant's keys, usage and record; false when there is no such tenant. */
  public boolean deleteTenant(String id) {
    if (id.equals(DEFAULT_TENANT)) {
      throw ApiException.badRequest("the default tenant cannot be deleted");
    }
    List<String> keyIds = new ArrayList<>();
    query(
        "SELECT id FROM scion_api_keys WHERE tenant = ?",
        List.of(id),
        rs -> keyIds.add(rs.getString(1)));
    update("DELETE FROM scion_api_keys WHERE tenant = ?", id);
    synchronized (this) {
      keyChanges++;
      keysByHash.values().removeIf(k -> k.tenant().equals(id));
    }
    keysChanged();
    limiter.forget(keyIds);
    update("DELETE FROM scion_usage WHERE tenant = ?", id);
    directory.removeAll(id);
    conversations.removeAll(id);
    turns.removeAll(id);
    examples.removeAll(id);
    versions.removeAll(id);
    return update("DELETE FROM scion_tenants WHERE id = ?", id) > 0;
  }

  /** Every tenant's organisation directory: people, their roles and managers. */
  public OrgDirectory directory() {
    return directory;
  }

  /** The kept state of every chat conversation. */
  public Conversations conversations() {
    return conversations;
  }

  /** The log of every chat turn served. */
  public TurnLog turns() {
    return turns;
  }

  /** The examples tenants reviewed for their packs. */
  public ReviewedExamples examples() {
    return examples;
  }

  /** Tenants' versions of their packs' understanding models, and which serve. */
  public ModelVersions versions() {
    return versions;
  }

  /** Adds counts to a tenant's minute. */
  public void addUsage(String tenant, Minute m) {
    int n = addToMinute(tenant, m);
    if (n == 0) {
      try {
        update(
            "INSERT INTO scion_usage (tenant, epoch_minute, requests, tokens, limited, errors)"
                + " VALUES (?, ?, ?, ?, ?, ?)",
            tenant,
            m.epochMinute(),
            m.requests(),
            m.tokens(),
            m.limited(),
            m.errors());
      } catch (IllegalStateException raced) {
        // another server on the database made the minute's row meanwhile: add to it
        if (addToMinute(tenant, m) == 0) {
          throw raced;
        }
      }
    }
  }

  private int addToMinute(String tenant, Minute m) {
    return update(
        "UPDATE scion_usage SET requests = requests + ?, tokens = tokens + ?,"
            + " limited = limited + ?, errors = errors + ? WHERE tenant = ? AND epoch_minute = ?",
        m.requests(),
        m.tokens(),
        m.limited(),
        m.errors(),
        tenant,
        m.epochMinute());
  }

  /** A tenant's minutes from {@code sinceMinute} on, oldest first. */
  public List<Minute> usage(String tenant, long sinceMinute) {
    List<Minute> out = new ArrayList<>();
    query(
        "SELECT * FROM scion_usage WHERE tenant = ? AND epoch_minute >= ? ORDER BY epoch_minute",
        List.of(tenant, sinceMinute),
        rs ->
            out.add(
                new Minute(
                    rs.getLong("epoch_minute"),
                    rs.getLong("requests"),
                    rs.getLong("tokens"),
                    rs.getLong("limited"),
                    rs.getLong("errors"))));
    return out;
  }

  @Override
  public void close() {
    pool.close();
  }

  private static Key key(ResultSet rs) throws SQLException {
    return new Key(
        rs.getString("id"),
        rs.getString("tenant"),
        rs.getString("name"),
        list(rs.getString("packs")),
        list(rs.getString("collections")),
        rs.getInt("requests_per_minute"),
        rs.getInt("tokens_per_minute"),
        ms(rs, "created_at"),
        rs.getString("user_id"),
        rs.getBoolean("turn_log"));
  }

  private static List<String> list(String s) {
    return s == null || s.isEmpty() ? List.of() : List.of(s.split(","));
  }

  private static Instant ms(ResultSet rs, String column) throws SQLException {
    return Instant.ofEpochMilli(rs.getLong(column));
  }

  private static Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis());
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Row {
    void accept(ResultSet rs) throws SQLException;
  }

  private void run(String sql) {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  private int update(String sql, Object... args) {
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, java.util.Arrays.asList(args));
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  private void query(String sql, List<Object> args, Row row) {
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          row.accept(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) == null) {
        s.setNull(i + 1, java.sql.Types.VARCHAR);
      } else {
        s.setObject(i + 1, args.get(i));
      }
    }
  }
}
