package dev.scion.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A pack's {@code pack.yaml}: its slots, derived values, rules, tasks and intent routes. */
record PackSpec(
    String name,
    Map<String, JsonNode> slots,
    Map<String, String> derive,
    List<Rule> rules,
    Map<String, Task> tasks,
    List<String> knowledge,
    List<String> handoff,
    Map<String, List<String>> clears,
    List<String> carries,
    Map<String, String> acts,
    Offers offers,
    List<String> social,
    List<String> closing,
    Map<String, String> ranges,
    Answers answers,
    double actsSure,
    Map<String, Implies> implies,
    Map<String, Map<String, List<String>>> aliases,
    List<String> languages,
    List<String> priority,
    double storiesFloor,
    List<String> personal,
    Map<String, String> onRecord) {

  /** Values a slot's value implies: the row of {@code tool} whose {@code key} is the value. */
  record Implies(String tool, String key, List<String> fill) {}

  /** The same pack with another {@link #actsSure}. */
  PackSpec withActsSure(double sure) {
    return new PackSpec(
        name,
        slots,
        derive,
        rules,
        tasks,
        knowledge,
        handoff,
        clears,
        carries,
        acts,
        offers,
        social,
        closing,
        ranges,
        answers,
        sure,
        implies,
        aliases,
        languages,
        priority,
        storiesFloor,
        personal,
        onRecord);
  }

  /**
   * How knowledge answers are grounded: the slot naming what the conversation is about and the
   * knowledge folder of one page per such entity (named after it), and per language the least score
   * of an answer's best sentence.
   */
  record Answers(String slot, String folder, Map<String, Double> minScore) {
    static final Answers NONE = new Answers(null, null, Map.of());
  }

  /** The engine's dialogue acts: what a pack's act labels may stand for. */
  static final List<String> ACT_KINDS =
      List.of("affirm", "deny", "stop", "select", "correct", "inform");

  /**
   * What a user picks from among the items a search offered: the slots an item fills, the span
   * label naming an item ("the second one", "the cheaper one"), and the words that pick by one of
   * an item's columns, lowest or highest.
   */
  record Offers(
      String fillsFrom,
      List<String> fills,
      String pick,
      List<Order> order,
      List<String> last,
      Map<String, List<String>> units,
      int max) {
    static final Offers NONE = new Offers(null, List.of(), null, List.of(), List.of(), Map.of(), 3);
  }

  /** Words that pick the offered item with the lowest or highest value of a column. */
  record Order(String column, boolean highest, List<String> words) {}

  /**
   * A check on slot values, the template said when it fails, the slot it clears, extra values of
   * the template (expressions) and whether a failure hands the conversation to a person.
   */
  record Rule(
      String check,
      String message,
      String slot,
      Map<String, String> vars,
      boolean handoff,
      List<String> tasks) {
    /** Whether the rule applies to the task (rules without {@code tasks:} apply to all). */
    boolean appliesTo(String task) {
      return tasks.isEmpty() || tasks.contains(task);
    }
  }

  /** A task: the slots it asks for, defaults, an optional preparing query, confirmation, tool. */
  record Task(
      String name,
      List<String> requires,
      Map<String, Object> defaults,
      String prepareTool,
      Map<String, String> prepareWhere,
      String prepareCheck,
      List<String> prepareFill,
      boolean confirm,
      String tool,
      List<String> rerunsOn,
      String after,
      int attempts,
      boolean showRows,
      String offersFor) {}

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static PackSpec read(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new DialogException(file + ": not valid YAML: " + e.getMessage());
    }
    Map<String, JsonNode> slots = new LinkedHashMap<>();
    root.path("slots").fields().forEachRemaining(e -> slots.put(e.getKey(), e.getValue()));
    Map<String, String> derive = new LinkedHashMap<>();
    root.path("derive")
        .fields()
        .forEachRemaining(e -> derive.put(e.getKey(), e.getValue().asText()));
    List<Rule> rules = new ArrayList<>();
    for (JsonNode r : root.path("rules")) {
      rules.add(
          new Rule(
              r.path("check").asText(),
              r.path("message").asText(),
              r.path("slot").asText(null),
              texts(r.path("vars")),
              r.path("handoff").asBoolean(false),
              strings(r.path("tasks"))));
    }
    Map<String, Task> tasks = new LinkedHashMap<>();
    root.path("tasks")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode t = e.getValue();
              Map<String, Object> defaults = new LinkedHashMap<>();
              t.path("defaults")
                  .fields()
                  .forEachRemaining(
                      d ->
                          defaults.put(
                              d.getKey(),
                              d.getValue().isNumber()
                                  ? d.getValue().asLong()
                                  : d.getValue().asText()));
              Map<String, String> where = new LinkedHashMap<>();
              t.path("prepare")
                  .path("where")
                  .fields()
                  .forEachRemaining(w -> where.put(w.getKey(), w.getValue().asText()));
              List<String> fill = strings(t.path("prepare").path("fill"));
              for (String s : strings(t.path("requires"))) {
                if (!slots.containsKey(s)) {
                  throw new DialogException(
                      file + ": task " + e.getKey() + " requires unknown slot " + s);
                }
              }
              tasks.put(
                  e.getKey(),
                  new Task(
                      e.getKey(),
                      strings(t.path("requires")),
                      defaults,
                      t.path("prepare").path("tool").asText(null),
                      where,
                      t.path("prepare").path("check").asText(null),
                      fill,
                      t.path("confirm").asBoolean(false),
                      t.path("tool").asText(null),
                      strings(t.path("reruns_on")),
                      t.path("after").asText(null),
                      t.path("attempts").asInt(0),
                      t.path("show").asText("").equals("rows"),
                      t.path("offers_for").asText(null)));
            });
    for (Task t : tasks.values()) {
      for (String other : java.util.Arrays.asList(t.after(), t.offersFor())) {
        if (other != null && !tasks.containsKey(other)) {
          throw new DialogException(file + ": task " + t.name() + " names unknown task " + other);
        }
      }
    }
    return new PackSpec(
        root.path("name").asText(),
        slots,
        derive,
        rules,
        tasks,
        strings(root.path("knowledge")),
        strings(root.path("handoff")),
        clears(root.path("clears")),
        strings(root.path("carries")),
        acts(file, root.path("acts")),
        offers(root.path("offers")),
        root.has("social") ? strings(root.path("social")) : List.of("greet", "chitchat"),
        root.has("closing") ? strings(root.path("closing")) : List.of("goodbye"),
        texts(root.path("ranges")),
        answers(root.path("knowledge_answers")),
        root.path("acts_sure").asDouble(0.6),
        implies(root.path("implies")),
        aliases(root.path("aliases")),
        root.has("languages") ? strings(root.path("languages")) : List.of("en"),
        priority(file, root.path("priority"), tasks),
        root.path("stories_floor").asDouble(0),
        personal(slots, strings(root.path("personal"))),
        onRecord(file, root.path("on_record"), slots, tasks));
  }

  /**
   * What an act says when no task is open and the conversation holds a record a task made ("cancel
   * it" just after booking): the task it asks for, one that requires a code or record slot.
   */
  private static Map<String, String> onRecord(
      Path file, JsonNode n, Map<String, JsonNode> slots, Map<String, Task> tasks) {
    Map<String, String> out = new LinkedHashMap<>();
    n.fields()
        .forEachRemaining(
            e -> {
              String task = e.getValue().asText();
              if (!ACT_KINDS.contains(e.getKey())) {
                throw new DialogException(
                    file
                        + ": on_record names unknown act '"
                        + e.getKey()
                        + "'; use one of "
                        + String.join(", ", ACT_KINDS));
              }
              if (!tasks.containsKey(task)
                  || tasks.get(task).requires().stream().noneMatch(r -> isRecord(slots.get(r)))) {
                throw new DialogException(
                    file
                        + ": on_record."
                        + e.getKey()
                        + " must name a task that requires a code or record slot, got "
                        + task);
              }
              out.put(e.getKey(), task);
            });
    return out;
  }

  /** Whether a slot of this kind holds the identifier of a record (kinds code and record). */
  static boolean isRecord(JsonNode kind) {
    return kind != null
        && kind.isTextual()
        && (kind.asText().equals("code") || kind.asText().equals("record"));
  }

  /**
   * The order in which tasks asked for in one message start: the listed ones first, then the others
   * in the order pack.yaml declares them.
   */
  private static List<String> priority(Path file, JsonNode n, Map<String, Task> tasks) {
    List<String> out = new ArrayList<>();
    for (String t : strings(n)) {
      if (!tasks.containsKey(t)) {
        throw new DialogException(file + ": priority names unknown task " + t);
      }
      out.add(t);
    }
    tasks.keySet().stream().filter(t -> !out.contains(t)).forEach(out::add);
    return List.copyOf(out);
  }

  /**
   * The slots whose values are personal, masked in the conversation log: those of kinds {@code
   * text}, {@code contact}, {@code code}, {@code digits} and {@code record}, and those {@code
   * personal:} names (a date of birth).
   */
  private static List<String> personal(Map<String, JsonNode> slots, List<String> named) {
    List<String> out = new ArrayList<>(named);
    slots.forEach(
        (slot, kind) -> {
          String k = kind.isTextual() ? kind.asText() : kind.has("digits") ? "digits" : "";
          if (List.of("text", "contact", "code", "digits", "record").contains(k)
              && !out.contains(slot)) {
            out.add(slot);
          }
        });
    return List.copyOf(out);
  }

  /**
   * The values that, said while {@code listing} shows its items, mean the user has gone on to the
   * task it lists for (a guest's name or contact while hotels are shown): those that task requires
   * which the listing does not take and no offered item fills. Empty for a task that lists nothing.
   */
  List<String> onwardSlots(String listing) {
    Task t = tasks.get(listing);
    if (t == null || t.offersFor() == null) {
      return List.of();
    }
    return tasks.get(t.offersFor()).requires().stream()
        .filter(
            r ->
                !t.requires().contains(r)
                    && !t.defaults().containsKey(r)
                    && !t.rerunsOn().contains(r)
                    && !offers.fills().contains(r))
        .toList();
  }

  /** The task that lists the items {@code task} picks from, or null. */
  String offering(String task) {
    return tasks.values().stream()
        .filter(t -> task.equals(t.offersFor()))
        .map(Task::name)
        .findFirst()
        .orElse(null);
  }

  private static Map<String, String> acts(Path file, JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    n.fields()
        .forEachRemaining(
            e -> {
              String kind = e.getValue().asText();
              if (!ACT_KINDS.contains(kind)) {
                throw new DialogException(
                    file
                        + ": act "
                        + e.getKey()
                        + " stands for unknown act '"
                        + kind
                        + "'; use one of "
                        + String.join(", ", ACT_KINDS));
              }
              out.put(e.getKey(), kind);
            });
    return out;
  }

  private static Offers offers(JsonNode n) {
    if (n.isMissingNode()) {
      return Offers.NONE;
    }
    List<Order> order = new ArrayList<>();
    n.path("order")
        .fields()
        .forEachRemaining(
            c -> {
              for (String end : List.of("lowest", "highest")) {
                if (c.getValue().has(end)) {
                  order.add(
                      new Order(
                          c.getKey(), end.equals("highest"), strings(c.getValue().path(end))));
                }
              }
            });
    List<String> fills = strings(n.path("fills"));
    return new Offers(
        fills.isEmpty() ? null : fills.getFirst(),
        fills,
        n.path("pick").asText(null),
        order,
        strings(n.path("last")),
        clears(n.path("units")),
        n.path("max").asInt(3));
  }

  /** The pack's act labels that stand for {@code kind}. */
  List<String> actsOf(String kind) {
    return acts.entrySet().stream()
        .filter(e -> e.getValue().equals(kind))
        .map(Map.Entry::getKey)
        .toList();
  }

  private static Map<String, Map<String, List<String>>> aliases(JsonNode n) {
    Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> out.put(e.getKey(), clears(e.getValue())));
    return out;
  }

  private static Map<String, Implies> implies(JsonNode n) {
    Map<String, Implies> out = new LinkedHashMap<>();
    n.fields()
        .forEachRemaining(
            e ->
                out.put(
                    e.getKey(),
                    new Implies(
                        e.getValue().path("tool").asText(),
                        e.getValue().path("key").asText(),
                        strings(e.getValue().path("fill")))));
    return out;
  }

  private static Answers answers(JsonNode n) {
    if (n.isMissingNode()) {
      return Answers.NONE;
    }
    Map<String, Double> min = new LinkedHashMap<>();
    n.path("min_score")
        .fields()
        .forEachRemaining(e -> min.put(e.getKey(), e.getValue().asDouble()));
    return new Answers(
        n.path("pages").path("slot").asText(null),
        n.path("pages").path("folder").asText(null),
        min);
  }

  private static Map<String, String> texts(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static Map<String, List<String>> clears(JsonNode n) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> out.put(e.getKey(), strings(e.getValue())));
    return out;
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(x -> out.add(x.asText()));
    return out;
  }
}
