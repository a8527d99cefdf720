package dev.scion.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.dialog.DialogState;
import dev.scion.dialog.Pack;
import dev.scion.dialog.stories.Story;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Latency of a pack embedded in the process: the stories' user messages replayed in their
 * conversations, timing the understanding model alone ({@link Pack#understand}) and the whole turn
 * ({@link Pack#turn}: understanding, state, tools on the business database, knowledge, reply), per
 * language. A first pass warms the JIT and the caches and is not counted.
 */
public final class ChatBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatBench() {}

  /** Replays {@code stories} {@code rounds} times after one warm-up pass. */
  public static ObjectNode run(
      Pack pack, List<Story> stories, LocalDate defaultToday, int rounds, PrintStream progress) {
    Map<String, List<Double>> nlu = new TreeMap<>();
    Map<String, List<Double>> turns = new TreeMap<>();
    for (int round = 0; round <= rounds; round++) {
      boolean counted = round > 0;
      int n = 0;
      for (Story story : stories) {
        String lang = story.language() == null ? "?" : story.language();
        LocalDate today = story.today() != null ? story.today() : defaultToday;
        DialogState state = pack.newConversation("bench-" + round + "-" + n++);
        for (Story.Turn turn : story.turns()) {
          long t0 = System.nanoTime();
          pack.understand(turn.user());
          long t1 = System.nanoTime();
          pack.turn(state, turn.user(), today);
          long t2 = System.nanoTime();
          if (counted) {
            nlu.computeIfAbsent(lang, k -> new ArrayList<>()).add((t1 - t0) / 1e6);
            turns.computeIfAbsent(lang, k -> new ArrayList<>()).add((t2 - t1) / 1e6);
          }
        }
      }
      progress.printf(
          Locale.ROOT, "%s pass over %d stories done%n", counted ? "timed" : "warm-up", n);
    }
    ObjectNode report = JSON.createObjectNode();
    report.put("pack", pack.name()).put("stories", stories.size()).put("rounds", rounds);
    report.put("processors", Runtime.getRuntime().availableProcessors());
    ObjectNode languages = report.putObject("languages");
    List<Double> allNlu = new ArrayList<>();
    List<Double> allTurns = new ArrayList<>();
    for (String lang : nlu.keySet()) {
      ObjectNode o = languages.putObject(lang);
      o.set("understanding_ms", percentiles(nlu.get(lang)));
      o.set("turn_ms", percentiles(turns.get(lang)));
      allNlu.addAll(nlu.get(lang));
      allTurns.addAll(turns.get(lang));
    }
    report.set("understanding_ms", percentiles(allNlu));
    report.set("turn_ms", percentiles(allTurns));
    return report;
  }

  static ObjectNode percentiles(List<Double> ms) {
    double[] s = ms.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    ObjectNode o = JSON.createObjectNode();
    o.put("n", s.length);
    for (double q : new double[] {0.5, 0.9, 0.99}) {
      int i = Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1);
      o.put("p" + Math.round(q * 100), s.length == 0 ? 0 : Math.round(s[i] * 100) / 100.0);
    }
    o.put("max", s.length == 0 ? 0 : Math.round(s[s.length - 1] * 100) / 100.0);
    return o;
  }
}
