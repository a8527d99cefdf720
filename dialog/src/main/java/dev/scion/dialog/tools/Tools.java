package dev.scion.dialog.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The tools of a pack ({@code tools.yaml}) over its business database. {@link #call} checks the
 * arguments against the declared parameters, then runs the tool's query, or its steps in one
 * transaction.
 *
 * <p>Two parameters are bound by the engine, never by the conversation: {@code :_id}, a new record
 * code (unguessable: {@value #CODE_LENGTH} random characters of an alphabet without look-alikes),
 * and {@code :_tenant}, the tenant the conversation belongs to; a pack's SQL filters its records on
 * {@code :_tenant} so that no tenant reaches another's. A tool marked {@code lookup: true} finds a
 * record by a code the user gives: each tenant may make only {@code lookup_misses.limit} distinct
 * look-ups that find nothing in {@code lookup_misses.minutes}; then such tools refuse until the
 * window has passed ({@link LookupLimitException}).
 */
public final class Tools {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> ENGINE_PARAMS = Set.of("_id", "_tenant");

  /** A declared parameter: its type ({@code text}, {@code int}, {@code number}, {@code date}). */
  record Param(String name, String type, boolean optional) {}

  /** One write of a transaction and the rows it must change ({@code expect}, null for any). */
  record Step(NamedSql sql, String expect, String error) {}

  /** A tool: a query, or steps (with an optional replay query and a result query). */
  record Tool(
      String name,
      String description,
      Map<String, Param> params,
      NamedSql query,
      NamedSql replay,
      List<Step> steps,
      NamedSql result,
      boolean lookup) {}

  /** How many look-ups that find nothing a tenant may make in a window. */
  record MissLimit(int limit, Duration window) {}

  private final Map<String, Tool> tools;
  private final DataSource db;
  private final MissLimit missLimit;
  private final Clock clock;
  private final RecordCodes codes;

  /** Per tenant: the distinct look-ups that found nothing, and when. */
  private final Map<String, Map<String, Instant>> misses = new HashMap<>();

  private Tools(
      Map<String, Tool> tools, DataSource db, MissLimit missLimit, Clock clock, RecordCodes codes) {
    this.codes = codes;
    this.tools = tools;
    this.db = db;
    this.missLimit = missLimit;
    this.clock = clock;
  }

  /** Reads {@code tools.yaml} and binds it to a database. */
  public static Tools load(Path file, DataSource db) {
    return load(file, db, Clock.systemUTC());
  }

  /** Reads {@code tools.yaml}; {@code clock} times the look-up limit's window. */
  static Tools load(Path file, DataSource db, Clock clock) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new ToolException(file + ": not valid YAML: " + e.getMessage());
    }
    if (root == null || !root.path("tools").isObject()) {
      throw new ToolException(file + ": expected a top-level 'tools:' map");
    }
    Map<String, Tool> tools = new LinkedHashMap<>();
    root.get("tools")
        .fields()
        .forEachRemaining(e -> tools.put(e.getKey(), tool(file, e.getKey(), e.getValue())));
    JsonNode m = root.path("lookup_misses");
    MissLimit limit =
        new MissLimit(m.path("limit").asInt(20), Duration.ofMinutes(m.path("minutes").asLong(10)));
    if (limit.limit() < 1 || limit.window().isNegative() || limit.window().isZero()) {
      throw new ToolException(file + ": lookup_misses needs a limit and minutes of 1 or more");
    }
    RecordCodes codes;
    try {
      codes =
          new RecordCodes(
              root.path("codes").path("prefix").asText(null),
              root.path("codes").path("digits").asInt(0));
    } catch (ToolException e) {
      throw new ToolException(file + ": " + e.getMessage());
    }
    return new Tools(tools, db, limit, clock, codes);
  }

  private static Tool tool(Path file, String name, JsonNode t) {
    String where = file + ": tool " + name;
    Map<String, Param> params = new LinkedHashMap<>();
    t.path("params")
        .fields()
        .forEachRemaining(
            p -> {
              String type = p.getValue().asText();
              boolean optional = type.endsWith("?");
              String base = optional ? type.substring(0, type.length() - 1) : type;
              if (!List.of("text", "int", "number", "date").contains(base)) {
                throw new ToolException(
                    where + ": parameter " + p.getKey() + " has unknown type " + type);
              }
              params.put(p.getKey(), new Param(p.getKey(), base, optional));
            });
    List<Step> steps = new ArrayList<>();
    for (JsonNode s : t.path("steps")) {
      steps.add(
          new Step(
              NamedSql.parse(s.path("sql").asText()),
              s.hasNonNull("expect") ? s.get("expect").asText() : null,
              s.path("error").asText("a step of " + name + " failed")));
    }
    NamedSql query = t.hasNonNull("query") ? NamedSql.parse(t.get("query").asText()) : null;
    if ((query == null) == steps.isEmpty()) {
      throw new ToolException(where + ": give either a query or steps");
    }
    Tool tool =
        new Tool(
            name,
            t.path("description").asText(""),
            params,
            query,
            t.hasNonNull("replay") ? NamedSql.parse(t.get("replay").asText()) : null,
            steps,
            t.hasNonNull("result") ? NamedSql.parse(t.get("result").asText()) : null,
            t.path("lookup").asBoolean(false));
    for (NamedSql sql : all(tool)) {
      for (String p : sql.names()) {
        if (!ENGINE_PARAMS.contains(p) && !params.containsKey(p)) {
          throw new ToolException(
              where + ": the SQL uses :" + p + ", which is not a declared parameter");
        }
      }
    }
    return tool;
  }

  private static List<NamedSql> all(Tool t) {
    List<NamedSql> out = new ArrayList<>();
    for (NamedSql s : new NamedSql[] {t.query(), t.replay(), t.result()}) {
      if (s != null) {
        out.add(s);
      }
    }
    t.steps().forEach(s -> out.add(s.sql()));
    return out;
  }

  public List<String> names() {
    return List.copyOf(tools.keySet());
  }

  /** The parameters a tool takes. */
  public List<String> params(String tool) {
    return List.copyOf(find(tool).params().keySet());
  }

  /**
   * A parameter's type ({@code text}, {@code int}, {@code number}, {@code date}), with ? when it
   * may be null.
   */
  public String paramType(String tool, String param) {
    Param p = find(tool).params().get(param);
    if (p == null) {
      throw new ToolException(tool + " has no parameter '" + param + "'");
    }
    return p.type() + (p.optional() ? "?" : "");
  }

  public String description(String tool) {
    return find(tool).description();
  }

  private Tool find(String name) {
    Tool t = tools.get(name);
    if (t == null) {
      throw new ToolException(
          "unknown tool '" + name + "'; the pack has " + String.join(", ", tools.keySet()));
    }
    return t;
  }

  /** Calls a tool for the default tenant; returns its rows (column labels in lower case). */
  public List<Map<String, Object>> call(String name, Map<String, ?> args) {
    return call(name, args, DEFAULT_TENANT);
  }

  /** The tenant of callers that name none: the default tenant of the platform. */
  public static final String DEFAULT_TENANT = "default";

  /**
   * Calls a tool on behalf of {@code tenant} (bound to {@code :_tenant}); returns its rows (column
   * labels in lower case). A look-up tool that finds nothing counts against the tenant's limit.
   */
  public List<Map<String, Object>> call(String name, Map<String, ?> args, String tenant) {
    Tool t = find(name);
    Map<String, Object> values = bind(t, args);
    values.put("_tenant", tenant);
    if (!t.lookup()) {
      return run(t, values);
    }
    String key = name + values.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
    refuseWhenLimited(tenant, key);
    try {
      List<Map<String, Object>> rows = run(t, values);
      if (rows.isEmpty()) {
        missed(tenant, key);
      }
      return rows;
    } catch (ToolException e) {
      missed(tenant, key);
      throw e;
    }
  }

  /** Forgets every look-up that found nothing (a database reset for an evaluation). */
  public synchronized void forgetMisses() {
    misses.clear();
  }

  /** Refuses a new look-up of a tenant that has used up its misses (a repeated one may run). */
  private synchronized void refuseWhenLimited(String tenant, String key) {
    Map<String, Instant> mine = misses.get(tenant);
    if (mine == null) {
      return;
    }
    Instant now = clock.instant();
    mine.values().removeIf(at -> !at.plus(missLimit.window()).isAfter(now));
    if (mine.isEmpty()) {
      misses.remove(tenant);
      return;
    }
    if (mine.size() >= missLimit.limit() && !mine.containsKey(key)) {
      Instant free = mine.values().stream().min(Instant::compareTo).orElseThrow();
      long minutes =
          Math.max(1, (Duration.between(now, free.plus(missLimit.window())).toSeconds() + 59) / 60);
      throw new LookupLimitException(
          "too many look-ups found nothing; try again in " + minutes + " minute(s)");
    }
  }

  private synchronized void missed(String tenant, String key) {
    misses.computeIfAbsent(tenant, x -> new HashMap<>()).putIfAbsent(key, clock.instant());
  }

  private List<Map<String, Object>> run(Tool t, Map<String, Object> values) {
    String name = t.name();
    try (Connection c = db.getConnection()) {
      if (t.query() != null) {
        return rows(c, t, t.query(), values);
      }
      c.setAutoCommit(false);
      try {
        if (t.replay() != null) {
          List<Map<String, Object>> earlier = rows(c, t, t.replay(), values);
          if (!earlier.isEmpty()) {
            c.commit();
            return earlier;
          }
        }
        values.put("_id", codes.next());
        for (Step s : t.steps()) {
          int changed = update(c, t, s.sql(), values);
          if (s.expect() != null && changed != expected(s.expect(), values)) {
            c.rollback();
            throw new ToolException(s.error());
          }
        }
        List<Map<String, Object>> result =
            t.result() == null ? List.of() : rows(c, t, t.result(), values);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new ToolException(name + " failed in the database: " + e.getMessage(), e);
    }
  }

  /** The codes of the records this pack's tools create. */
  public RecordCodes codes() {
    return codes;
  }

  private static int expected(String expect, Map<String, Object> values) {
    if (expect.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(expect);
    }
    return ((Number) values.get(expect)).intValue();
  }

  /** Checks and converts the arguments; unknown, missing and malformed ones are named. */
  private static Map<String, Object> bind(Tool t, Map<String, ?> args) {
    for (String k : args.keySet()) {
      if (!t.params().containsKey(k)) {
        throw new ToolException(
            t.name()
                + " has no parameter '"
                + k
                + "'; it takes "
                + String.join(", ", t.params().keySet()));
      }
    }
    Map<String, Object> out = new HashMap<>();
    for (Param p : t.params().values()) {
      Object v = args.get(p.name());
      if (v == null) {
        if (!p.optional()) {
          throw new ToolException(t.name() + " needs " + p.name());
        }
        out.put(p.name(), null);
        continue;
      }
      try {
        out.put(
            p.name(),
            switch (p.type()) {
              case "int" ->
                  v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().strip());
              case "number" -> new BigDecimal(v.toString().strip());
              case "date" -> v instanceof LocalDate d ? d : LocalDate.parse(v.toString().strip());
              default -> v.toString();
            });
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new ToolException(
            t.name() + ": " + p.name() + " should be " + p.type() + ", not '" + v + "'");
      }
    }
    return out;
  }

  private static PreparedStatement prepare(
      Connection c, NamedSql sql, Map<String, Object> values, Tool t) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql.sql());
    for (int i = 0; i < sql.names().size(); i++) {
      String name = sql.names().get(i);
      Object v = values.get(name);
      Param p = t.params().get(name);
      if (v == null) {
        ps.setNull(i + 1, sqlType(p == null ? "text" : p.type()));
      } else if (v instanceof LocalDate d) {
        ps.setDate(i + 1, Date.valueOf(d));
      } else {
        ps.setObject(i + 1, v);
      }
    }
    return ps;
  }

  private static int sqlType(String type) {
    return switch (type) {
      case "int" -> Types.INTEGER;
      case "number" -> Types.NUMERIC;
      case "date" -> Types.DATE;
      default -> Types.VARCHAR;
    };
  }

  private static List<Map<String, Object>> rows(
      Connection c, Tool t, NamedSql sql, Map<String, Object> values) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, values, t);
        ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, Object>> out = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          if (v instanceof Date d) {
            v = d.toLocalDate();
          }
          row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), v);
        }
        out.add(row);
      }
      return out;
    }
  }

  private static int update(Connection c, Tool t, NamedSql sql, Map<String, Object> values)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, values, t)) {
      return ps.executeUpdate();
    }
  }
}
