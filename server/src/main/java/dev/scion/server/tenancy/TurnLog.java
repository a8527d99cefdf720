package dev.scion.server.tenancy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Every chat turn served, per tenant, in the platform database: when, which pack and conversation,
 * the user's text and the reply with personal values masked by the pack, the intents understood and
 * what the turn came to (tasks started and completed, a hand-off, not understood, a knowledge
 * question without an answer), and how sure the understanding model was of the intents. Turns older
 * than the retention ({@code -Dscion.turnLogDays}, 30 by default) are dropped; {@link #analytics}
 * sums them up.
 */
public final class TurnLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One turn, masked, the version of the pack's model that understood it (null: unknown), the
   * model's confidence in its intents (0 to 1; NaN: unknown) and the commands it was read as,
   * without values ({@code start:book_hotel}, {@code set:check_in}, {@code yes}).
   */
  public record Entry(
      String pack,
      String conversation,
      String user,
      String reply,
      List<String> intents,
      List<String> started,
      List<String> outcome,
      String version,
      double confidence,
      List<String> commands) {
    public Entry(
        String pack,
        String conversation,
        String user,
        String reply,
        List<String> intents,
        List<String> started,
        List<String> outcome) {
      this(pack, conversation, user, reply, intents, started, outcome, null, Double.NaN, List.of());
    }
  }

  /**
   * Below this confidence a turn is {@code low_confidence} ({@code -Dscion.lowConfidence}, 0.3 by
   * default). On the packs' development stories a turn below 0.3 had the wrong intents 14-25% of
   * the time, a turn above it 0-1% (docs/platform.md).
   */
  public static final double LOW_CONFIDENCE =
      Double.parseDouble(System.getProperty("scion.lowConfidence", "0.3"));

  private final DataSource pool;
  private final Duration retention;
  private final AtomicLong appends = new AtomicLong();

  TurnLog(DataSource pool) {
    this.pool = pool;
    this.retention = Duration.ofDays(Long.getLong("scion.turnLogDays", 30));
    try (Connection c = pool.getConnection();
        var s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS scion_turns (tenant VARCHAR(40) NOT NULL,"
              + " pack VARCHAR(100) NOT NULL, conversation VARCHAR(64) NOT NULL,"
              + " at_ms BIGINT NOT NULL, user_text VARCHAR NOT NULL, reply VARCHAR NOT NULL,"
              + " intents VARCHAR(2000) NOT NULL, started VARCHAR(2000) NOT NULL,"
              + " outcome VARCHAR(2000) NOT NULL)");
      s.execute("ALTER TABLE scion_turns ADD COLUMN IF NOT EXISTS model_version VARCHAR(20)");
      s.execute("ALTER TABLE scion_turns ADD COLUMN IF NOT EXISTS confidence DOUBLE PRECISION");
      s.execute("ALTER TABLE scion_turns ADD COLUMN IF NOT EXISTS commands VARCHAR(2000)");
      s.execute(
          "CREATE INDEX IF NOT EXISTS scion_turns_by_pack ON scion_turns (tenant, pack, at_ms)");
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  /** Logs a turn of a tenant; now and then drops turns past the retention. */
  public void append(String tenant, Entry e) {
    long now = Instant.now().toEpochMilli();
    try (Connection c = pool.getConnection()) {
      try (var ps =
          c.prepareStatement(
              "INSERT INTO scion_turns (tenant, pack, conversation, at_ms, user_text, reply,"
                  + " intents, started, outcome, model_version, confidence, commands)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, tenant);
        ps.setString(2, e.pack());
        ps.setString(3, e.conversation());
        ps.setLong(4, now);
        ps.setString(5, e.user());
        ps.setString(6, e.reply());
        ps.setString(7, clip(String.join(",", e.intents())));
        ps.setString(8, clip(String.join(",", e.started())));
        ps.setString(9, clip(String.join(",", e.outcome())));
        ps.setString(10, e.version());
        if (Double.isNaN(e.confidence())) {
          ps.setNull(11, java.sql.Types.DOUBLE);
        } else {
          ps.setDouble(11, e.confidence());
        }
        ps.setString(12, clip(String.join(",", e.commands())));
        ps.executeUpdate();
      }
      if (appends.incrementAndGet() % 1000 == 0) {
        try (var del = c.prepareStatement("DELETE FROM scion_turns WHERE at_ms < ?")) {
          del.setLong(1, now - retention.toMillis());
          del.executeUpdate();
        }
      }
    } catch (SQLException x) {
      throw new IllegalStateException("platform database: " + x.getMessage(), x);
    }
  }

  /**
   * A tenant's turns of one pack since a moment, summed up: {@code conversations}, {@code turns},
   * {@code intents} (name: count), {@code handoffs} (conversations handed to a person), {@code
   * containment_rate} (the share of conversations never handed off), {@code not_understood}
   * (turns), {@code low_confidence} (turns whose intents the model was not sure of), {@code tasks}
   * (task: started, completed), {@code cited} (knowledge document: answers citing it), {@code
   * unanswered} (the knowledge questions without an answer, the same masked text counted together,
   * most asked first) and {@code by_day}, the same counts per day (UTC) for charts over time.
   */
  public ObjectNode analytics(String tenant, String pack, Instant since) {
    return analytics(tenant, pack, since, new QuestionClusters(null));
  }

  /** A day's counts. */
  private static final class Day {
    final Set<String> conversations = new HashSet<>();
    final Set<String> handedOff = new HashSet<>();
    int turns;
    int notUnderstood;
    int unanswered;
    int lowConfidence;
  }

  /**
   * {@link #analytics(String, String, Instant)}, with the latest {@link QuestionClusters#MAX_TEXTS}
   * unanswered questions grouped by {@code questions}: each group as its most central question
   * ({@code text}), its size ({@code count}) and up to three other wordings ({@code examples}).
   */
  public ObjectNode analytics(
      String tenant, String pack, Instant since, QuestionClusters questions) {
    Day all = new Day();
    Map<String, Day> days = new TreeMap<>();
    Map<String, Integer> intents = new TreeMap<>();
    Map<String, int[]> tasks = new TreeMap<>();
    Map<String, Integer> cited = new TreeMap<>();
    java.util.ArrayDeque<String> unanswered = new java.util.ArrayDeque<>();
    try (Connection c = pool.getConnection();
        var ps =
            c.prepareStatement(
                "SELECT conversation, user_text, intents, started, outcome, at_ms, confidence"
                    + " FROM scion_turns WHERE tenant = ? AND pack = ? AND at_ms >= ? ORDER BY at_ms")) {
      ps.setString(1, tenant);
      ps.setString(2, pack);
      ps.setLong(3, since.toEpochMilli());
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          String conversation = rs.getString(1);
          Day day =
              days.computeIfAbsent(
                  Instant.ofEpochMilli(rs.getLong(6)).toString().substring(0, 10), d -> new Day());
          double confidence = rs.getDouble(7);
          boolean low = !rs.wasNull() && confidence < LOW_CONFIDENCE;
          for (Day d : List.of(all, day)) {
            d.turns++;
            d.conversations.add(conversation);
            d.lowConfidence += low ? 1 : 0;
          }
          for (String i : list(rs.getString(3))) {
            intents.merge(i, 1, Integer::sum);
          }
          for (String t : list(rs.getString(4))) {
            tasks.computeIfAbsent(t, k -> new int[2])[0]++;
          }
          for (String o : list(rs.getString(5))) {
            for (Day d : List.of(all, day)) {
              switch (o) {
                case "handoff" -> d.handedOff.add(conversation);
                case "not_understood" -> d.notUnderstood++;
                case "unanswered" -> d.unanswered++;
                default -> {}
              }
            }
            if (o.equals("unanswered")) {
              unanswered.addLast(rs.getString(2));
              if (unanswered.size() > QuestionClusters.MAX_TEXTS) {
                unanswered.removeFirst(); // the latest are kept: the cost stays bounded
              }
            } else if (o.startsWith("completed:")) {
              tasks.computeIfAbsent(o.substring(10), k -> new int[2])[1]++;
            } else if (o.startsWith("cited:")) {
              cited.merge(o.substring(6), 1, Integer::sum);
            }
          }
        }
      }
    } catch (SQLException x) {
      throw new IllegalStateException("platform database: " + x.getMessage(), x);
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("pack", pack).put("since", since.toString());
    counts(o, all);
    o.set("intents", JSON.valueToTree(intents));
    ObjectNode t = o.putObject("tasks");
    tasks.forEach((k, v) -> t.putObject(k).put("started", v[0]).put("completed", v[1]));
    o.set("cited", JSON.valueToTree(cited));
    var u = o.putArray("unanswered");
    questions.cluster(new ArrayList<>(unanswered)).stream()
        .limit(50)
        .forEach(
            g ->
                u.addObject()
                    .put("text", g.text())
                    .put("count", g.count())
                    .set("examples", JSON.valueToTree(g.examples())));
    var byDay = o.putArray("by_day");
    days.forEach((d, counts) -> counts(byDay.addObject().put("day", d), counts));
    return o;
  }

  private static void counts(ObjectNode o, Day d) {
    int conversations = d.conversations.size();
    o.put("conversations", conversations).put("turns", d.turns);
    o.put("handoffs", d.handedOff.size());
    o.put(
        "containment_rate",
        conversations == 0
            ? 0
            : Math.round(1000.0 * (conversations - d.handedOff.size()) / conversations) / 1000.0);
    o.put("not_understood", d.notUnderstood);
    o.put("low_confidence", d.lowConfidence);
    o.put("unanswered_turns", d.unanswered);
  }

  /** What {@link #turns} may keep: every turn, or those with one outcome. */
  public static final List<String> FILTERS =
      List.of("all", "not_understood", "low_confidence", "handoff", "unanswered");

  /**
   * A tenant's latest turns of one pack (at most {@code limit}, newest first), all, those whose
   * outcome is {@code filter}, or with {@code low_confidence} those whose intents the model was not
   * sure of ({@link #LOW_CONFIDENCE}): for review.
   */
  public com.fasterxml.jackson.databind.node.ArrayNode turns(
      String tenant, String pack, String filter, int limit) {
    var out = JSON.createArrayNode();
    try (Connection c = pool.getConnection();
        var ps =
            c.prepareStatement(
                "SELECT conversation, at_ms, user_text, reply, intents, started, outcome,"
                    + " model_version, confidence, commands FROM scion_turns WHERE tenant = ? AND pack = ? ORDER BY at_ms DESC")) {
      ps.setString(1, tenant);
      ps.setString(2, pack);
      try (var rs = ps.executeQuery()) {
        while (rs.next() && out.size() < limit) {
          List<String> outcome = list(rs.getString(7));
          double confidence = rs.getDouble(9);
          boolean known = !rs.wasNull();
          boolean kept =
              switch (filter) {
                case "all" -> true;
                case "low_confidence" -> known && confidence < LOW_CONFIDENCE;
                default -> outcome.contains(filter);
              };
          if (!kept) {
            continue;
          }
          ObjectNode t = out.addObject();
          t.put("conversation", rs.getString(1));
          t.put("at", Instant.ofEpochMilli(rs.getLong(2)).toString());
          t.put("user", rs.getString(3)).put("reply", rs.getString(4));
          t.set("intents", JSON.valueToTree(list(rs.getString(5))));
          if (known) {
            t.put("confidence", Math.round(confidence * 1000) / 1000.0);
          }
          t.set("started", JSON.valueToTree(list(rs.getString(6))));
          t.set("commands", JSON.valueToTree(list(rs.getString(10))));
          t.set("outcome", JSON.valueToTree(outcome));
          if (rs.getString(8) != null) {
            t.put("model_version", rs.getString(8));
          }
        }
      }
    } catch (SQLException x) {
      throw new IllegalStateException("platform database: " + x.getMessage(), x);
    }
    return out;
  }

  /** A list column's text within its 2,000 characters, cut after its last whole item. */
  private static String clip(String joined) {
    if (joined.length() <= 2000) {
      return joined;
    }
    int cut = joined.lastIndexOf(',', 2000);
    return joined.substring(0, cut < 0 ? 2000 : cut);
  }

  private static List<String> list(String joined) {
    return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
  }

  /** Drops every turn of a tenant. */
  void removeAll(String tenant) {
    try (Connection c = pool.getConnection();
        var ps = c.prepareStatement("DELETE FROM scion_turns WHERE tenant = ?")) {
      ps.setString(1, tenant);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }
}
