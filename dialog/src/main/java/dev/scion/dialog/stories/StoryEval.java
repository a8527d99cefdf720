package dev.scion.dialog.stories;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.dialog.DialogEngine;
import dev.scion.dialog.DialogState;
import dev.scion.dialog.Pack;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs stories through a pack, each in a conversation of its own, and scores every turn against its
 * expectations.
 */
public final class StoryEval {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A turn whose expectations did not hold. */
  public record Failure(Story story, int turn, String user, String reply, List<String> why) {}

  /**
   * What a run found.
   *
   * @param byLanguage turns and turns right per story language ({@code "?"} when not given)
   */
  public record Report(
      int stories,
      int storiesRight,
      int turns,
      int turnsRight,
      Map<String, int[]> byLanguage,
      List<Failure> failures) {

    public double turnAccuracy() {
      return turns == 0 ? 0 : (double) turnsRight / turns;
    }

    /**
     * {@code {"stories", "stories_right", "turns", "turn_accuracy", "languages", "failures"}}, each
     * failure with its file, story, turn number, user message, reply and what differed.
     */
    public ObjectNode toJson() {
      ObjectNode o = JSON.createObjectNode();
      o.put("stories", stories).put("stories_right", storiesRight).put("turns", turns);
      o.put("turn_accuracy", turnAccuracy());
      ObjectNode languages = o.putObject("languages");
      byLanguage.forEach(
          (lang, n) ->
              languages
                  .putObject(lang)
                  .put("turns", n[0])
                  .put("turn_accuracy", n[0] == 0 ? 0 : (double) n[1] / n[0]));
      ArrayNode fs = o.putArray("failures");
      for (Failure f : failures) {
        ObjectNode x = fs.addObject();
        x.put("file", String.valueOf(f.story().file()));
        x.put("story", f.story().title());
        x.put("turn", f.turn());
        x.put("user", f.user());
        x.put("reply", f.reply());
        ArrayNode why = x.putArray("why");
        f.why().forEach(why::add);
      }
      return o;
    }
  }

  private StoryEval() {}

  /**
   * Runs {@code stories} through {@code pack}; a story without {@code today} reads its dates
   * against {@code defaultToday}.
   */
  public static Report run(Pack pack, List<Story> stories, LocalDate defaultToday) {
    int turns = 0;
    int right = 0;
    int storiesRight = 0;
    Map<String, int[]> byLanguage = new TreeMap<>();
    List<Failure> failures = new ArrayList<>();
    int n = 0;
    for (Story story : stories) {
      LocalDate today = story.today() != null ? story.today() : defaultToday;
      pack.resetBusinessData(); // no story sees another's bookings, blocked cards, misses
      DialogState state = pack.newConversation("story-" + n++ + "-" + System.nanoTime());
      int[] lang =
          byLanguage.computeIfAbsent(
              story.language() == null ? "?" : story.language(), k -> new int[2]);
      boolean all = true;
      int t = 1;
      for (Story.Turn turn : story.turns()) {
        DialogEngine.Turn got = pack.turn(state, turn.user(), today);
        List<String> why = turn.mismatches(got.toJson());
        turns++;
        lang[0]++;
        if (why.isEmpty()) {
          right++;
          lang[1]++;
        } else {
          all = false;
          failures.add(new Failure(story, t, turn.user(), got.reply(), why));
        }
        t++;
      }
      if (all) {
        storiesRight++;
      }
    }
    return new Report(stories.size(), storiesRight, turns, right, byLanguage, failures);
  }
}
