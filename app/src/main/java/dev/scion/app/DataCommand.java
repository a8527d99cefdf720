package dev.scion.app;

import dev.scion.datakit.BadLines;
import dev.scion.datakit.Deduplicator;
import dev.scion.datakit.ExactDedup;
import dev.scion.datakit.LanguageStep;
import dev.scion.datakit.MinHashDedup;
import dev.scion.datakit.Pipeline;
import dev.scion.datakit.Progress;
import dev.scion.datakit.QualityFilter;
import dev.scion.datakit.Reports;
import dev.scion.datakit.SeedClassifier;
import dev.scion.datakit.SemanticDedup;
import dev.scion.datakit.StepReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scion data ...}: clean training data given as JSON Lines. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = {
      "Deduplicate, classify and clean training data: JSON Lines of {\"id\":…,\"text\":…} in and out.",
      "Output is written whole or not at all; a JSON report and an HTML summary beside it."
    },
    subcommands = {
      DataCommand.DedupCommand.class,
      DataCommand.FilterCommand.class,
      DataCommand.LangCommand.class,
      DataCommand.ClassifyCommand.class,
      DataCommand.RunCommand.class
    })
final class DataCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Input, output, report and bad-line handling, shared by every data command. */
  static final class Io {
    @Option(names = "--in", required = true, description = "Input JSONL file.")
    Path in;

    @Option(names = "--out", required = true, description = "Output JSONL file.")
    Path out;

    @Option(
        names = "--report",
        description = "Where to write the JSON report (an .html summary is written beside it).")
    Path report;

    @Option(
        names = "--bad-lines",
        defaultValue = "skip",
        description =
            "skip (report them by line number) or fail (stop at the first); default: ${DEFAULT-VALUE}.")
    String badLines;

    BadLines bad() {
      return switch (badLines) {
        case "skip" -> BadLines.skip();
        case "fail" -> BadLines.fail();
        default ->
            throw new ScionCommand.UsageException(
                "unknown --bad-lines " + badLines + "; use skip or fail");
      };
    }

    void check() {
      if (!Files.isRegularFile(in)) {
        throw new ScionCommand.UsageException("input " + in + " does not exist or is not a file");
      }
      if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
        throw new ScionCommand.UsageException("--out must differ from --in");
      }
    }

    int finish(Map<String, Object> json, List<StepReport> steps) {
      if (report != null) {
        Path html = Reports.write(report, json, steps);
        System.err.println("report: " + report + " and " + html);
      }
      System.err.printf(
          java.util.Locale.ROOT,
          "%s in, %s kept, %s removed, %s bad lines skipped, %.1f s%n",
          json.get("input"),
          json.get("kept"),
          json.get("removed"),
          steps.getFirst().badLines(),
          ((Number) json.get("seconds")).doubleValue());
      return 0;
    }

    int one(Pipeline.Stage stage) {
      check();
      StepReport r = stage.runner().run(in, out, bad(), Progress.to(System.err));
      return finish(r.toJson(), List.of(r));
    }
  }

  @Command(
      name = "dedup",
      mixinStandardHelpOptions = true,
      description = {
        "Remove duplicates, keeping the first of each group:",
        "  exact     same text after normalizing case, Unicode forms and white space;",
        "  minhash   near-duplicates: word-shingle Jaccard >= threshold (MinHash-LSH, verified exactly);",
        "  semantic  same meaning: encoder cosine >= threshold (k-means parts, SemDeDup-style)."
      })
  static final class DedupCommand implements Callable<Integer> {
    @Mixin Io io;

    @Option(names = "--method", required = true, description = "exact, minhash or semantic.")
    String method;

    @Option(
        names = "--threshold",
        description = "Jaccard for minhash (default 0.8), cosine for semantic (default 0.95).")
    Double threshold;

    @Option(
        names = "--shingle",
        defaultValue = "5",
        description = "Words per shingle (minhash; default: ${DEFAULT-VALUE}).")
    int shingle;

    @Option(
        names = "--permutations",
        defaultValue = "128",
        description = "Hash functions per signature (minhash; default: ${DEFAULT-VALUE}).")
    int permutations;

    @Option(
        names = "--bands",
        defaultValue = "0",
        description =
            "LSH bands, rows = permutations / bands (minhash; 0 chooses for the threshold).")
    int bands;

    @Option(
        names = "--linkage",
        defaultValue = "majority",
        description = {
          "minhash clusters: majority (join a cluster when similar to at least half its members)",
          "or single (every similar pair joins, so A~B~C chain); default: ${DEFAULT-VALUE}."
        })
    String linkage;

    @Option(
        names = "--encoder",
        defaultValue = "bge-small-en-v1.5",
        description = "Encoder for semantic dedup (default: ${DEFAULT-VALUE}).")
    String encoder;

    private boolean linkage() {
      return switch (linkage) {
        case "majority" -> true;
        case "single" -> false;
        default ->
            throw new ScionCommand.UsageException(
                "unknown --linkage " + linkage + "; use majority or single");
      };
    }

    @Override
    public Integer call() {
      Supplier<Deduplicator> d =
          switch (method) {
            case "exact" -> ExactDedup::new;
            case "minhash" -> {
              var o =
                  new MinHashDedup.Options(
                      shingle,
                      permutations,
                      bands,
                      threshold == null ? MinHashDedup.Options.DEFAULT.threshold() : threshold,
                      MinHashDedup.Options.DEFAULT.maxCompare(),
                      linkage(),
                      MinHashDedup.Options.DEFAULT.seed());
              yield () -> new MinHashDedup(o);
            }
            case "semantic" -> {
              var base = SemanticDedup.Options.DEFAULT;
              var o =
                  new SemanticDedup.Options(
                      encoder,
                      threshold == null ? base.threshold() : threshold,
                      base.parts(),
                      base.probes(),
                      base.seed());
              yield () -> new SemanticDedup(o);
            }
            default ->
                throw new ScionCommand.UsageException(
                    "unknown --method " + method + "; use exact, minhash or semantic");
          };
      return io.one(Pipeline.Stage.dedup(method, d));
    }
  }

  @Command(
      name = "filter",
      mixinStandardHelpOptions = true,
      description = "Remove low-quality documents by Gopher, C4 and FineWeb-style rules.")
  static final class FilterCommand implements Callable<Integer> {
    @Mixin Io io;

    @Option(
        names = "--rules",
        split = ",",
        defaultValue = "gopher",
        description = "Rule sets: gopher, c4, fineweb (default: ${DEFAULT-VALUE}).")
    List<String> rules;

    @Option(
        names = "--set",
        description = "Override a threshold, e.g. --set gopher.min_words=20 (repeatable).")
    Map<String, Double> overrides = Map.of();

    @Override
    public Integer call() {
      QualityFilter f = new QualityFilter(rules, overrides);
      return io.one(Pipeline.Stage.each("quality", () -> f));
    }
  }

  @Command(
      name = "langid",
      mixinStandardHelpOptions = true,
      description =
          "Add the language of each document (lang, lang_confidence); optionally keep some.")
  static final class LangCommand implements Callable<Integer> {
    @Mixin Io io;

    @Option(
        names = "--languages",
        split = ",",
        description = "ISO 639-1 codes to tell apart (default: 16 common languages).")
    List<String> languages = List.of();

    @Option(names = "--keep", split = ",", description = "Keep only these languages.")
    List<String> keep = List.of();

    @Option(
        names = "--min-confidence",
        defaultValue = "0",
        description = "Remove documents detected with less confidence (0..1).")
    double minConfidence;

    @Override
    public Integer call() {
      return io.one(
          Pipeline.Stage.each("language", () -> new LanguageStep(languages, keep, minConfidence)));
    }
  }

  @Command(
      name = "classify",
      mixinStandardHelpOptions = true,
      description = "Label documents from a few labelled seeds per class (adds label, confidence).")
  static final class ClassifyCommand implements Callable<Integer> {
    @Mixin Io io;

    @Option(
        names = "--seeds",
        required = true,
        description = "JSONL of seeds: {\"text\":…,\"label\":…}, a handful per class.")
    Path seeds;

    @Option(
        names = "--method",
        defaultValue = "centroid",
        description = "centroid or knn (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(
        names = "--k",
        defaultValue = "5",
        description = "Neighbours for knn (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
        names = "--min-confidence",
        defaultValue = "0",
        description = "Below this confidence the label is 'unknown'.")
    double minConfidence;

    @Option(names = "--keep", split = ",", description = "Keep only these labels.")
    List<String> keep = List.of();

    @Option(
        names = "--encoder",
        defaultValue = "bge-small-en-v1.5",
        description = "Encoder (default: ${DEFAULT-VALUE}).")
    String encoder;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(seeds)) {
        throw new ScionCommand.UsageException("seed file " + seeds + " does not exist");
      }
      var o = new SeedClassifier.Options(encoder, method, k, minConfidence, keep);
      return io.one(Pipeline.Stage.each("classify", () -> SeedClassifier.fromFile(seeds, o)));
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run a pipeline file (YAML) of steps: exact, minhash, semantic, quality, language, classify.",
        "Example:",
        "  steps:",
        "    - exact",
        "    - minhash: {threshold: 0.8}",
        "    - quality: {rules: [gopher, fineweb]}",
        "    - language: {keep: [en]}"
      })
  static final class RunCommand implements Callable<Integer> {
    @Mixin Io io;

    @Option(names = "--pipeline", required = true, description = "The pipeline YAML file.")
    Path pipeline;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(pipeline)) {
        throw new ScionCommand.UsageException("pipeline file " + pipeline + " does not exist");
      }
      Pipeline p = Pipeline.parse(pipeline);
      io.check();
      Pipeline.Report r = p.run(io.in, io.out, io.bad(), Progress.to(System.err));
      return io.finish(r.toJson(), r.steps());
    }
  }
}
