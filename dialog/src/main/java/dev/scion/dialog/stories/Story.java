package dev.scion.dialog.stories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.scion.dialog.DialogException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One conversation and what must hold after each of its turns.
 *
 * @param file the stories file it was read from
 * @param title what the story tests
 * @param today the date its relative dates are read against, or null for the caller's
 * @param language the customer's language ({@code en}, {@code zh}, …), or null
 * @param turns the user's turns in order
 */
public record Story(
    Path file, String title, LocalDate today, String language, List<Story.Turn> turns) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> STORY_FIELDS = List.of("story", "today", "language", "turns");
  private static final List<String> TURN_FIELDS =
      List.of("user", "intents", "slots", "active_task", "reply");

  /**
   * A user's message and what must hold after it; a null expectation is not checked.
   *
   * @param slots expected slot values ({@code null} nodes: the slot is empty)
   */
  public record Turn(
      String user,
      Set<String> intents,
      Map<String, JsonNode> slots,
      String activeTask,
      List<Pattern> reply) {

    /**
     * What differs between this turn's expectations and a turn's JSON ({@code intents}, {@code
     * reply}, {@code state.active_task}, {@code state.slots}); empty when the turn is right.
     */
    public List<String> mismatches(JsonNode got) {
      List<String> out = new ArrayList<>();
      if (intents != null) {
        Set<String> actual = new HashSet<>();
        got.path("intents").forEach(i -> actual.add(i.asText()));
        if (!actual.equals(intents)) {
          out.add("intents " + actual + ", expected " + intents);
        }
      }
      if (activeTask != null) {
        String actual = got.path("state").path("active_task").asText(null);
        if (!activeTask.equals(actual)) {
          out.add("active_task " + actual + ", expected " + activeTask);
        }
      }
      if (slots != null) {
        JsonNode actualSlots = got.path("state").path("slots");
        slots.forEach(
            (slot, want) -> {
              JsonNode have = actualSlots.get(slot);
              if (!same(want, have)) {
                out.add(
                    "slot "
                        + slot
                        + " "
                        + (empty(have) ? "empty" : have.asText())
                        + ", expected "
                        + (empty(want) ? "empty" : want.asText()));
              }
            });
      }
      if (reply != null) {
        String text = got.path("reply").asText("");
        for (Pattern p : reply) {
          if (!p.matcher(text).find()) {
            out.add("reply lacks /" + p.pattern() + "/");
          }
        }
      }
      return out;
    }

    private static boolean empty(JsonNode n) {
      return n == null || n.isNull() || n.isMissingNode();
    }

    /** Equal after trimming and lower-casing; numbers compare by value. */
    private static boolean same(JsonNode want, JsonNode have) {
      if (empty(want) || empty(have)) {
        return empty(want) && empty(have);
      }
      if (want.isNumber() && have.isNumber()) {
        return want.decimalValue().compareTo(have.decimalValue()) == 0;
      }
      return want.asText()
          .strip()
          .toLowerCase(Locale.ROOT)
          .equals(have.asText().strip().toLowerCase(Locale.ROOT));
    }
  }

  /** Reads a stories file; a malformed one is refused naming the file, the story and the field. */
  public static List<Story> read(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new DialogException(
          "cannot read stories file " + file + ": " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isArray()) {
      throw new DialogException(
          "stories file " + file + " must be a YAML list of stories (- story: …, turns: […])");
    }
    List<Story> stories = new ArrayList<>();
    int i = 0;
    for (JsonNode s : root) {
      String where = file + ": story " + (i + 1);
      stories.add(story(file, s, where));
      i++;
    }
    return stories;
  }

  private static Story story(Path file, JsonNode s, String where) {
    known(s, STORY_FIELDS, where);
    String title = s.path("story").asText(null);
    if (title != null) {
      where = where + " ('" + title + "')";
    }
    LocalDate today = null;
    if (s.hasNonNull("today")) {
      try {
        today = LocalDate.parse(s.get("today").asText());
      } catch (DateTimeParseException e) {
        throw new DialogException(
            where + ": today '" + s.get("today").asText() + "' is not a date; use YYYY-MM-DD");
      }
    }
    JsonNode turns = s.path("turns");
    if (!turns.isArray() || turns.isEmpty()) {
      throw new DialogException(where + ": turns must be a non-empty list of {user: …}");
    }
    List<Turn> out = new ArrayList<>();
    int t = 1;
    for (JsonNode turn : turns) {
      out.add(turn(turn, where + ", turn " + t++));
    }
    return new Story(file, title, today, s.path("language").asText(null), List.copyOf(out));
  }

  private static Turn turn(JsonNode t, String where) {
    known(t, TURN_FIELDS, where);
    if (!t.path("user").isTextual()) {
      throw new DialogException(where + ": user must be the customer's message, a string");
    }
    Set<String> intents = null;
    if (t.has("intents")) {
      intents = new HashSet<>(strings(t.get("intents"), where + ": intents"));
    }
    Map<String, JsonNode> slots = null;
    if (t.has("slots")) {
      if (!t.get("slots").isObject()) {
        throw new DialogException(where + ": slots must be a map of slot: value");
      }
      slots = new LinkedHashMap<>();
      for (var e : t.get("slots").properties()) {
        slots.put(e.getKey(), e.getValue());
      }
    }
    List<Pattern> reply = null;
    if (t.has("reply")) {
      reply = new ArrayList<>();
      for (String r : strings(t.get("reply"), where + ": reply")) {
        try {
          reply.add(Pattern.compile(r));
        } catch (PatternSyntaxException e) {
          throw new DialogException(
              where
                  + ": reply pattern /"
                  + r
                  + "/ is not a regular expression: "
                  + e.getDescription());
        }
      }
    }
    return new Turn(
        t.get("user").asText(), intents, slots, t.path("active_task").asText(null), reply);
  }

  private static List<String> strings(JsonNode n, String where) {
    List<String> out = new ArrayList<>();
    if (n.isTextual()) {
      out.add(n.asText());
      return out;
    }
    if (!n.isArray()) {
      throw new DialogException(where + " must be a list of strings");
    }
    for (JsonNode x : n) {
      if (!x.isTextual()) {
        throw new DialogException(where + " must be a list of strings, got " + x);
      }
      out.add(x.asText());
    }
    return out;
  }

  private static void known(JsonNode n, List<String> fields, String where) {
    if (!n.isObject()) {
      throw new DialogException(where + " must be a map with " + fields);
    }
    for (var it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!fields.contains(f)) {
        throw new DialogException(where + ": unknown field '" + f + "'; use " + fields);
      }
    }
  }

  private static String firstLine(String s) {
    return s == null ? "unreadable" : s.lines().findFirst().orElse("");
  }
}
