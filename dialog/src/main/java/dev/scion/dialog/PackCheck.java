package dev.scion.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scion.dialog.tools.BusinessDatabase;
import dev.scion.dialog.tools.ToolException;
import dev.scion.dialog.tools.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The conformance checks every dialogue pack passes, without training anything: pack.yaml reads,
 * every template the engine may say exists in every declared language, every task's tools exist and
 * get their parameters, every tool's SQL runs on the given database, every slot kind resolves. Each
 * problem is one line: the file (and line, when known), what is wrong and the fix.
 */
public final class PackCheck {
  /** One problem of a pack. */
  public record Problem(String where, String message) {
    public Problem {
      message = message.replaceAll("\\s+", " ").strip(); // one line, however the database wrote it
    }

    @Override
    public String toString() {
      return where + ": " + message;
    }
  }

  private static final Set<String> KINDS =
      Set.of("date", "number", "people", "money", "duration", "code", "contact", "text", "record");

  /** Engine templates every pack has. */
  private static final List<String> ENGINE_KEYS =
      List.of(
          "not_understood",
          "handoff",
          "declined",
          "stopped",
          "corrected",
          "resume",
          "knowledge",
          "knowledge.none",
          "unknown.value",
          "value.not_positive");

  private final Path dir;
  private final List<Problem> problems = new ArrayList<>();

  private PackCheck(Path dir) {
    this.dir = dir;
  }

  /**
   * The problems of the pack in {@code dir}, its database installed into {@code db} (an empty
   * database: H2 or PostgreSQL) and every tool run on it once; none when the pack conforms.
   */
  public static List<Problem> check(Path dir, BusinessDatabase db) {
    PackCheck c = new PackCheck(dir);
    c.run(db);
    return List.copyOf(c.problems);
  }

  /**
   * The share of its stories' turns the pack must keep right ({@code stories_floor:}, 0 if none).
   */
  public static double storiesFloor(Path dir) {
    return PackSpec.read(dir.resolve("pack.yaml")).storiesFloor();
  }

  private void run(BusinessDatabase db) {
    PackSpec spec;
    try {
      spec = PackSpec.read(dir.resolve("pack.yaml"));
    } catch (DialogException e) {
      problems.add(new Problem(dir.resolve("pack.yaml").toString(), e.getMessage()));
      return;
    }
    Templates templates;
    try {
      templates = new Templates(dir.resolve("templates"), spec.languages());
    } catch (DialogException e) {
      problems.add(new Problem(dir.resolve("templates").toString(), e.getMessage()));
      return;
    }
    for (String lang : spec.languages()) {
      if (!Files.exists(dir.resolve("nlu").resolve(lang + ".md"))) {
        problem(
            "pack.yaml",
            "languages",
            "names " + lang + "; add its examples as nlu/" + lang + ".md");
      } else {
        examples(spec, dir.resolve("nlu").resolve(lang + ".md"));
      }
      for (String key : templateKeys(spec)) {
        if (!templates.has(lang, key)) {
          problems.add(
              new Problem(
                  dir.resolve("templates").resolve(lang + ".yaml").toString(),
                  "no template '" + key + "'; add it (the engine says it)"));
        }
      }
    }
    Tools tools;
    try {
      db.install(dir.resolve("database"));
      tools = Tools.load(dir.resolve("database").resolve("tools.yaml"), db.dataSource());
    } catch (ToolException e) {
      problems.add(new Problem(dir.resolve("database").toString(), e.getMessage()));
      return;
    }
    tasks(spec, tools);
    slots(spec, tools);
    for (String tool : tools.names()) {
      runOnce(tools, tool);
    }
  }

  /**
   * The examples of one language read as training reads them (a malformed line is named with its
   * line and column), and every span's label a slot of pack.yaml or the offers' pick label.
   */
  private void examples(PackSpec spec, Path file) {
    List<dev.scion.nlu.Example> examples;
    try {
      examples = dev.scion.nlu.PackFormat.read(file);
    } catch (dev.scion.nlu.NluException e) {
      problems.add(new Problem(file.toString(), e.getMessage().replace(file + ":", "line ")));
      return;
    }
    Set<String> unknown = new LinkedHashSet<>();
    for (dev.scion.nlu.Example e : examples) {
      for (String tag : e.tags()) {
        String label = tag.length() > 2 ? tag.substring(2) : null;
        if (label != null
            && !spec.slots().containsKey(label)
            && !label.equals(spec.offers().pick())) {
          unknown.add(label);
        }
      }
    }
    for (String label : unknown) {
      problems.add(
          new Problem(
              file.toString(),
              "marks spans as '"
                  + label
                  + "', which is no slot of pack.yaml; add the slot or fix the label"));
    }
  }

  /** The templates the engine may render for this pack. */
  static List<String> templateKeys(PackSpec spec) {
    Set<String> keys = new LinkedHashSet<>(ENGINE_KEYS);
    keys.addAll(spec.social());
    keys.addAll(spec.closing());
    for (PackSpec.Task t : spec.tasks().values()) {
      keys.add("task." + t.name());
      for (String slot : t.requires()) {
        keys.add("ask." + slot);
      }
      if (t.offersFor() != null) {
        keys.add(t.name() + ".result");
        keys.add(t.name() + ".row");
      } else if (t.showRows()) {
        keys.add(t.name() + ".row");
      } else {
        keys.add(t.name() + ".done");
      }
      keys.add(t.name() + ".none");
      if (t.confirm()) {
        keys.add(t.name() + ".confirm");
      }
    }
    spec.rules().forEach(r -> keys.add(r.message()));
    return List.copyOf(keys);
  }

  /**
   * Every task's tools exist and every parameter is a slot, a derived value or given by the engine.
   */
  private void tasks(PackSpec spec, Tools tools) {
    Set<String> known = new LinkedHashSet<>(spec.slots().keySet());
    known.addAll(spec.derive().keySet());
    known.add("request_id");
    for (PackSpec.Task t : spec.tasks().values()) {
      known.addAll(t.defaults().keySet());
      known.addAll(t.prepareFill());
    }
    for (PackSpec.Task t : spec.tasks().values()) {
      for (String tool : java.util.Arrays.asList(t.tool(), t.prepareTool())) {
        if (tool == null) {
          continue;
        }
        if (!tools.names().contains(tool)) {
          problem(
              "pack.yaml",
              tool,
              "task " + t.name() + " calls unknown tool " + tool + "; declare it in tools.yaml");
          continue;
        }
        for (String p : tools.params(tool)) {
          if (!known.contains(p)) {
            problem(
                "database/tools.yaml",
                tool + ":",
                "tool "
                    + tool
                    + " takes :"
                    + p
                    + ", which no slot, derived value or default gives; add a slot "
                    + p
                    + " to pack.yaml or remove the parameter");
          }
        }
      }
      if (t.tool() == null) {
        problem("pack.yaml", t.name() + ":", "task " + t.name() + " has no tool; add tool: NAME");
      }
    }
  }

  /** Every slot's kind is known, and every entity's tool lists values with a name. */
  private void slots(PackSpec spec, Tools tools) {
    spec.slots()
        .forEach(
            (slot, kind) -> {
              if (kind.isTextual() && !KINDS.contains(kind.asText())) {
                problem(
                    "pack.yaml",
                    slot + ":",
                    "slot "
                        + slot
                        + " has unknown kind '"
                        + kind.asText()
                        + "'; use one of "
                        + String.join(", ", KINDS.stream().sorted().toList())
                        + ", {choice: [...]}, {digits: N} or {entity: TOOL}");
              } else if (kind.isObject()) {
                objectKind(slot, kind, tools);
              }
            });
  }

  private void objectKind(String slot, JsonNode kind, Tools tools) {
    if (kind.has("entity")) {
      String tool = kind.path("entity").asText();
      try {
        List<Map<String, Object>> rows = tools.call(tool, Map.of());
        if (rows.isEmpty() || !rows.getFirst().containsKey("name")) {
          problem(
              "pack.yaml",
              slot + ":",
              "entity tool "
                  + tool
                  + " of slot "
                  + slot
                  + " gives no rows with a name column; select the values AS name");
        }
      } catch (ToolException e) {
        problem("pack.yaml", slot + ":", "entity tool of slot " + slot + ": " + e.getMessage());
      }
    } else if (kind.has("date")) {
      if (!List.of("past", "").contains(kind.path("date").asText(""))) {
        problem(
            "pack.yaml",
            slot + ":",
            "slot " + slot + ": a date map is {date: past} and/or {day_first: true}");
      }
    } else if (kind.has("digits")) {
      if (kind.path("digits").asInt() < 1) {
        problem("pack.yaml", slot + ":", "slot " + slot + " needs digits: N with N of 1 or more");
      }
    } else if (!kind.path("choice").isArray() || kind.path("choice").isEmpty()) {
      problem(
          "pack.yaml",
          slot + ":",
          "slot " + slot + " is a map without choice, digits or entity; give its kind");
    }
  }

  /** Runs a tool once with a sample value of each parameter: its SQL must run on the database. */
  private void runOnce(Tools tools, String tool) {
    Map<String, Object> args = new java.util.HashMap<>();
    for (String p : tools.params(tool)) {
      args.put(p, sample(tools.paramType(tool, p)));
    }
    try {
      tools.call(tool, args, "pack-check");
    } catch (ToolException e) {
      if (e.getCause() instanceof java.sql.SQLException) {
        problem("database/tools.yaml", tool + ":", e.getMessage());
      } // a step's expectation not met by sample values is the tool working
    }
  }

  private static Object sample(String type) {
    return switch (type.replace("?", "")) {
      case "int" -> 1L;
      case "number" -> java.math.BigDecimal.ONE;
      case "date" -> LocalDate.of(2026, 1, 1);
      default -> "x";
    };
  }

  /** A problem at the first line of {@code file} (relative to the pack) holding {@code near}. */
  private void problem(String file, String near, String message) {
    Path f = dir.resolve(file);
    String where = f.toString();
    try {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(near)) {
          where = f + ":" + (i + 1);
          break;
        }
      }
    } catch (IOException e) {
      // the file name alone
    }
    problems.add(new Problem(where, message));
  }
}
