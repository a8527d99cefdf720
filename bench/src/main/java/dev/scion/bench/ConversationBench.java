package dev.scion.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.dialog.stories.Story;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cost of a long conversation over {@code /v1/chat/completions}: conversations of {@code turns}
 * user messages (the stories' messages strung together), sent turn by turn with the whole history
 * as a client does. Times the request at turn 1 and at the last turn with the state kept by the
 * server (one turn run), and the last turn of the same history sent as a new conversation (every
 * turn replayed), side by side in one run. The first conversation warms up and is not counted.
 */
public final class ConversationBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConversationBench() {}

  /** Runs {@code conversations} conversations of {@code turns} turns against the server. */
  public static ObjectNode run(
      int port,
      String model,
      List<Story> stories,
      int turns,
      int conversations,
      LocalDate today,
      PrintStream progress)
      throws Exception {
    List<List<String>> talks = strung(stories, turns, conversations + 1);
    HttpClient http = HttpClient.newHttpClient();
    List<Double> first = new ArrayList<>();
    List<Double> lastKept = new ArrayList<>();
    List<Double> lastReplayed = new ArrayList<>();
    for (int c = 0; c < talks.size(); c++) {
      List<String> talk = talks.get(c);
      double[] kept = new double[talk.size()];
      for (int n = 1; n <= talk.size(); n++) {
        kept[n - 1] = post(http, port, body(model, "kept-" + c, talk.subList(0, n), today), 1);
      }
      double replayed = post(http, port, body(model, "replayed-" + c, talk, today), talk.size());
      if (c > 0) {
        first.add(kept[0]);
        lastKept.add(kept[talk.size() - 1]);
        lastReplayed.add(replayed);
      }
      progress.printf(
          Locale.ROOT,
          "%s conversation %d of %d turns: turn 1 %.1f ms, turn %d %.1f ms kept, %.1f ms replayed%n",
          c == 0 ? "warm-up" : "timed",
          c,
          talk.size(),
          kept[0],
          talk.size(),
          kept[talk.size() - 1],
          replayed);
    }
    ObjectNode r = JSON.createObjectNode();
    r.put("model", model).put("turns", turns).put("conversations", conversations);
    r.put("processors", Runtime.getRuntime().availableProcessors());
    r.set("turn_1_ms", ChatBench.percentiles(first));
    r.set("last_turn_kept_ms", ChatBench.percentiles(lastKept));
    r.set("last_turn_replayed_ms", ChatBench.percentiles(lastReplayed));
    double p1 = median(first);
    r.put("kept_last_over_first_p50", round(median(lastKept) / p1));
    r.put("replayed_last_over_first_p50", round(median(lastReplayed) / p1));
    return r;
  }

  /** Conversations of {@code turns} messages each: stories of one language strung together. */
  static List<List<String>> strung(List<Story> stories, int turns, int count) {
    List<List<String>> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    String lang = null;
    for (int pass = 0; out.size() < count && pass < 100; pass++) {
      for (Story s : stories) {
        if (lang != null && !lang.equals(s.language())) {
          continue;
        }
        lang = s.language();
        for (Story.Turn t : s.turns()) {
          current.add(t.user());
          if (current.size() == turns) {
            out.add(current);
            current = new ArrayList<>();
            lang = null;
            if (out.size() == count) {
              return out;
            }
          }
        }
      }
    }
    if (out.size() < count) {
      throw new IllegalArgumentException(
          "the stories give too few messages for " + count + " conversations of " + turns);
    }
    return out;
  }

  private static String body(String model, String user, List<String> turns, LocalDate today) {
    ObjectNode b = JSON.createObjectNode();
    b.put("model", model).put("user", user).put("today", today.toString());
    ArrayNode m = b.putArray("messages");
    for (int i = 0; i < turns.size(); i++) {
      m.addObject().put("role", "user").put("content", turns.get(i));
      if (i < turns.size() - 1) {
        m.addObject().put("role", "assistant").put("content", "(reply)");
      }
    }
    return b.toString();
  }

  /** Posts a chat request; returns its time in ms, after checking how many turns it ran. */
  private static double post(HttpClient http, int port, String body, int expectTurns)
      throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    long t0 = System.nanoTime();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    double ms = (System.nanoTime() - t0) / 1e6;
    if (r.statusCode() != 200) {
      throw new IllegalStateException("chat request failed: " + r.statusCode() + " " + r.body());
    }
    JsonNode j = JSON.readTree(r.body());
    int ran = j.at("/scion/turns_run").asInt();
    if (ran != expectTurns) {
      throw new IllegalStateException(
          "expected " + expectTurns + " turns run, the server ran " + ran);
    }
    return ms;
  }

  private static double median(List<Double> xs) {
    double[] s = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    return s.length == 0 ? Double.NaN : s[(s.length - 1) / 2];
  }

  private static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }
}
