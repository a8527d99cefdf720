package dev.scion.datakit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Steps chained over a JSONL file, each reading the previous one's output. Built in Java from
 * {@link Stage}s or read from a YAML file:
 *
 * <pre>
 * steps:
 *   - exact
 *   - minhash: {threshold: 0.8, shingle: 5, linkage: majority}
 *   - quality: {rules: [gopher, c4], overrides: {gopher.min_words: 20}}
 *   - language: {keep: [en]}
 *   - classify: {seeds: seeds.jsonl, method: knn, k: 5, keep: [travel]}
 *   - semantic: {threshold: 0.95}
 * </pre>
 */
public final class Pipeline {
  /** One named step; what it needs (an encoder, a detector) is created when it runs. */
  public record Stage(String name, Runner runner) {
    public static Stage dedup(String name, Supplier<Deduplicator> method) {
      return new Stage(
          name,
          (in, out, bad, progress) -> {
            try (Deduplicator d = method.get()) {
              return Dedup.run(in, out, d, bad, progress);
            }
          });
    }

    public static Stage each(String name, Supplier<DocStep> step) {
      return new Stage(
          name,
          (in, out, bad, progress) -> {
            try (DocStep s = step.get()) {
              return DocStep.run(s, in, out, bad, progress);
            }
          });
    }
  }

  /** Runs a stage from one file to another. */
  @FunctionalInterface
  public interface Runner {
    StepReport run(Path in, Path out, BadLines bad, Progress progress);
  }

  /** What a whole run did, step by step. */
  public record Report(int input, int kept, double seconds, List<StepReport> steps) {
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("input", input);
      m.put("kept", kept);
      m.put("removed", input - kept);
      List<List<Object>> clusters = new ArrayList<>();
      for (StepReport s : steps) {
        if (s.clusters() != null) {
          clusters.addAll(s.clusters());
        }
      }
      m.put("clusters", clusters);
      m.put("seconds", Math.round(seconds * 1000) / 1000.0);
      m.put("steps", steps.stream().map(StepReport::toJson).toList());
      return m;
    }
  }

  private final List<Stage> stages;

  public Pipeline(List<Stage> stages) {
    if (stages.isEmpty()) {
      throw new DataException("a pipeline needs at least one step");
    }
    this.stages = List.copyOf(stages);
  }

  public List<String> names() {
    return stages.stream().map(Stage::name).toList();
  }

  /**
   * Runs every stage in order; only the first reads {@code in}, whose bad lines go to {@code bad}.
   */
  public Report run(Path in, Path out, BadLines bad, Progress progress) {
    long t0 = System.nanoTime();
    List<StepReport> reports = new ArrayList<>();
    List<Path> temps = new ArrayList<>();
    try {
      Path current = in;
      for (int i = 0; i < stages.size(); i++) {
        Path next = out;
        if (i < stages.size() - 1) {
          next = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".step" + (i + 1));
          temps.add(next);
        }
        reports.add(
            stages.get(i).runner().run(current, next, i == 0 ? bad : BadLines.skip(), progress));
        current = next;
      }
    } finally {
      for (Path t : temps) {
        try {
          Files.deleteIfExists(t);
        } catch (IOException ignored) {
          // a hidden intermediate file
        }
      }
    }
    return new Report(
        reports.getFirst().input(),
        reports.getLast().kept(),
        (System.nanoTime() - t0) / 1e9,
        reports);
  }

  // ---- YAML ----

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Reads a pipeline file; relative paths in it are resolved against its folder. */
  public static Pipeline parse(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new DataException(
          file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject() || !root.path("steps").isArray()) {
      throw new DataException(file + ": expected a top-level 'steps:' list");
    }
    Set<String> top = Set.of("steps");
    root.fieldNames()
        .forEachRemaining(
            f -> {
              if (!top.contains(f)) {
                throw new DataException(
                    file + ": unknown top-level key '" + f + "'; only 'steps' is read");
              }
            });
    Path base = file.toAbsolutePath().getParent();
    List<Stage> stages = new ArrayList<>();
    int n = 0;
    for (JsonNode item : root.get("steps")) {
      n++;
      String name;
      JsonNode options;
      if (item.isTextual()) {
        name = item.asText();
        options = YAML.createObjectNode();
      } else if (item.isObject() && item.size() == 1) {
        name = item.fieldNames().next();
        options = item.get(name).isNull() ? YAML.createObjectNode() : item.get(name);
      } else {
        throw new DataException(file + ": step " + n + " should be a name or 'name: {options}'");
      }
      stages.add(stage(name, new Options(file + ": step " + n + " (" + name + ")", options), base));
    }
    return new Pipeline(stages);
  }

  /** Options of one step, each read at most once; unknown ones are an error. */
  static final class Options {
    private final String where;
    private final JsonNode node;
    private final Map<String, Boolean> read = new HashMap<>();

    Options(String where, JsonNode node) {
      if (!node.isObject()) {
        throw new DataException(where + ": options should be a map");
      }
      this.where = where;
      this.node = node;
    }

    double number(String key, double fallback) {
      read.put(key, true);
      JsonNode v = node.get(key);
      if (v == null) {
        return fallback;
      }
      if (!v.isNumber()) {
        throw new DataException(where + ": '" + key + "' should be a number");
      }
      return v.asDouble();
    }

    boolean flag(String key, boolean fallback) {
      read.put(key, true);
      JsonNode v = node.get(key);
      if (v == null) {
        return fallback;
      }
      if (!v.isBoolean()) {
        throw new DataException(where + ": '" + key + "' should be true or false");
      }
      return v.asBoolean();
    }

    String text(String key, String fallback) {
      read.put(key, true);
      JsonNode v = node.get(key);
      return v == null ? fallback : v.asText();
    }

    List<String> list(String key) {
      read.put(key, true);
      JsonNode v = node.get(key);
      List<String> out = new ArrayList<>();
      if (v == null) {
        return out;
      }
      if (v.isTextual()) {
        out.add(v.asText());
      } else if (v.isArray()) {
        v.forEach(x -> out.add(x.asText()));
      } else {
        throw new DataException(where + ": '" + key + "' should be a list");
      }
      return out;
    }

    Map<String, Double> numbers(String key) {
      read.put(key, true);
      Map<String, Double> out = new LinkedHashMap<>();
      JsonNode v = node.get(key);
      if (v != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          var e = it.next();
          out.put(e.getKey(), e.getValue().asDouble());
        }
      }
      return out;
    }

    void done() {
      node.fieldNames()
          .forEachRemaining(
              f -> {
                if (!read.containsKey(f)) {
                  throw new DataException(
                      where
                          + ": unknown option '"
                          + f
                          + "'; known: "
                          + String.join(", ", read.keySet()));
                }
              });
    }
  }

  private static Stage stage(String name, Options o, Path base) {
    Stage stage =
        switch (name) {
          case "exact" -> Stage.dedup("exact", ExactDedup::new);
          case "minhash" -> {
            MinHashDedup.Options d = MinHashDedup.Options.DEFAULT;
            String linkage = o.text("linkage", "majority");
            if (!linkage.equals("majority") && !linkage.equals("single")) {
              throw new DataException(o.where + ": linkage is majority or single, not " + linkage);
            }
            var opts =
                new MinHashDedup.Options(
                    (int) o.number("shingle", d.shingle()),
                    (int) o.number("permutations", d.permutations()),
                    (int) o.number("bands", d.bands()),
                    o.number("threshold", d.threshold()),
                    (int) o.number("max_compare", d.maxCompare()),
                    linkage.equals("majority"),
                    (long) o.number("seed", d.seed()));
            yield Stage.dedup("minhash", () -> new MinHashDedup(opts));
          }
          case "semantic" -> {
            SemanticDedup.Options d = SemanticDedup.Options.DEFAULT;
            var opts =
                new SemanticDedup.Options(
                    o.text("encoder", d.encoder()),
                    o.number("threshold", d.threshold()),
                    (int) o.number("parts", d.parts()),
                    (int) o.number("probes", d.probes()),
                    (long) o.number("seed", d.seed()));
            yield Stage.dedup("semantic", () -> new SemanticDedup(opts));
          }
          case "quality" -> {
            List<String> rules = o.list("rules");
            Map<String, Double> overrides = o.numbers("overrides");
            QualityFilter check =
                new QualityFilter(rules.isEmpty() ? List.of("gopher") : rules, overrides);
            yield Stage.each("quality", () -> check);
          }
          case "language" -> {
            List<String> languages = o.list("languages");
            List<String> keep = o.list("keep");
            double min = o.number("min_confidence", 0);
            yield Stage.each("language", () -> new LanguageStep(languages, keep, min));
          }
          case "classify" -> {
            SeedClassifier.Options d = SeedClassifier.Options.defaults();
            String seeds = o.text("seeds", null);
            if (seeds == null) {
              throw new DataException(
                  o.where + ": 'seeds' (a JSONL file of {text, label}) is required");
            }
            Path seedFile = base.resolve(seeds);
            var opts =
                new SeedClassifier.Options(
                    o.text("encoder", d.encoder()),
                    o.text("method", d.method()),
                    (int) o.number("k", d.k()),
                    o.number("min_confidence", d.minConfidence()),
                    o.list("keep"));
            yield Stage.each("classify", () -> SeedClassifier.fromFile(seedFile, opts));
          }
          default ->
              throw new DataException(
                  o.where
                      + ": unknown step; use exact, minhash, semantic, quality, language or classify");
        };
    o.done();
    return stage;
  }
}
