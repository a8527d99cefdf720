package dev.scion.server.packs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.dialog.Pack;
import dev.scion.dialog.stories.Story;
import dev.scion.dialog.stories.StoryEval;
import dev.scion.nlu.Example;
import dev.scion.nlu.JointModel;
import dev.scion.nlu.Prediction;
import dev.scion.nlu.Span;
import dev.scion.server.tenancy.ModelVersions;
import dev.scion.server.tenancy.ReviewedExamples;
import dev.scion.vector.internal.NamedThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenants' versions of their packs' understanding models: trained in the background, one at a time
 * on the {@code scion-train} thread, from the pack's own examples and the tenant's reviewed ones
 * ({@link ReviewedExamples}); evaluated on the pack's stories and on the reviewed examples beside
 * the version that serves; saved under the data folder ({@code
 * tenants/TENANT/models/PACK/VERSION/LANG}) so that a restart keeps them; and served, once
 * promoted, by a copy of the pack that reads messages with them ({@link Pack#withUnderstanding}).
 */
public final class Retraining implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("scion.train");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A pack as one tenant is served it, and the version of its model that answers. */
  public record Served(Pack pack, String version) {}

  private final Map<String, Pack> packs;
  private final ReviewedExamples examples;
  private final ModelVersions versions;
  private final Path dataDir;
  private final ExecutorService trainer =
      Executors.newSingleThreadExecutor(NamedThreads.daemon("scion-train"));
  private final Map<String, Pack> loaded = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> baseStories = new ConcurrentHashMap<>();

  public Retraining(
      Map<String, Pack> packs, ReviewedExamples examples, ModelVersions versions, Path dataDir) {
    this.packs = packs;
    this.examples = examples;
    this.versions = versions;
    this.dataDir = dataDir;
    int abandoned =
        versions.abandonUnfinished("the server stopped before training ended; train again");
    if (abandoned > 0) {
      LOG.info("{} unfinished training(s) marked failed", abandoned);
    }
  }

  /** The loaded pack of that name, or null. */
  public Pack pack(String name) {
    return packs.get(name);
  }

  /** The names of the loaded packs. */
  public java.util.Set<String> names() {
    return packs.keySet();
  }

  /**
   * The pack as {@code tenant} is served it: with its promoted version's models, or the base. A
   * promoted version whose models this server cannot read (removed from the data folder) is served
   * by the base, with a warning in the log: a chat is answered all the same.
   */
  public Served serving(String tenant, String name) {
    Pack base = packs.get(name);
    String version = versions.serving(tenant, name);
    if (version.equals(ModelVersions.BASE)) {
      return new Served(base, version);
    }
    try {
      return new Served(prepare(tenant, name, version), version);
    } catch (IllegalStateException e) {
      LOG.warn("tenant {}: {}; answering with the base model", tenant, e.getMessage());
      return new Served(base, ModelVersions.BASE);
    }
  }

  /**
   * The pack reading messages with a ready version's models, loaded from the data folder once; an
   * {@link IllegalStateException} saying why when they cannot be read.
   */
  public Pack prepare(String tenant, String name, String version) {
    Pack base = packs.get(name);
    ModelVersions.Version v =
        versions
            .find(tenant, name, version)
            .orElseThrow(
                () -> new IllegalStateException("no version " + version + " of the pack " + name));
    // a tenant deleted and made again numbers its versions afresh: the time tells them apart
    return loaded.computeIfAbsent(
        tenant + "/" + name + "/" + version + "/" + v.created().toEpochMilli(),
        k -> base.withUnderstanding(load(tenant, base, version)));
  }

  /**
   * Queues the training of a new version of a tenant's pack on the pack's and the tenant's
   * examples; returns the version's name at once.
   */
  public String train(String tenant, String name) {
    Pack base = packs.get(name);
    List<ReviewedExamples.Reviewed> reviewed = examples.list(tenant, name);
    String version = versions.create(tenant, name, reviewed.size());
    trainer.execute(() -> run(tenant, base, version, reviewed));
    return version;
  }

  private void run(
      String tenant, Pack base, String version, List<ReviewedExamples.Reviewed> reviewed) {
    String name = base.name();
    try {
      versions.progress(tenant, name, version, 0.01, "starting");
      Map<String, JointModel> models = trainModels(tenant, base, version, reviewed);
      versions.progress(tenant, name, version, 0.9, "evaluating on the pack's stories");
      ObjectNode evaluation = JSON.createObjectNode();
      evaluation.set("this", evaluate(tenant, base, version, models, reviewed));
      String serving = versions.serving(tenant, name);
      evaluation.set("serving", servingEvaluation(tenant, base, serving, reviewed));
      versions.ready(tenant, name, version, evaluation.toString());
      LOG.info("{} {} of tenant {}: ready", name, version, tenant);
    } catch (RuntimeException | Error e) {
      LOG.warn("{} {} of tenant {}: training failed", name, version, tenant, e);
      versions.failed(tenant, name, version, "training failed: " + e.getMessage());
    }
  }

  /** Trains the model of every language with reviewed examples, saving each; the rest keep base. */
  private Map<String, JointModel> trainModels(
      String tenant, Pack base, String version, List<ReviewedExamples.Reviewed> reviewed) {
    Map<String, List<Example>> byLanguage = new LinkedHashMap<>();
    for (ReviewedExamples.Reviewed r : reviewed) {
      byLanguage.computeIfAbsent(r.lang(), k -> new ArrayList<>()).add(Teach.example(r));
    }
    Map<String, JointModel> models = new LinkedHashMap<>();
    int i = 0;
    for (var e : byLanguage.entrySet()) {
      double from = 0.85 * i / byLanguage.size();
      double span = 0.85 / byLanguage.size();
      String lang = e.getKey();
      Progress progress = new Progress(tenant, base.name(), version, lang, from, span);
      long start = System.nanoTime();
      JointModel m = base.trainUnderstanding(lang, e.getValue(), progress::line);
      LOG.info(
          "{} {} of tenant {}: {} model trained on {} reviewed examples in {} s",
          base.name(),
          version,
          tenant,
          lang,
          e.getValue().size(),
          (System.nanoTime() - start) / 1_000_000_000L);
      m.save(folder(tenant, base.name(), version).resolve(lang));
      models.put(lang, m);
      i++;
    }
    if (byLanguage.isEmpty()) {
      versions.progress(tenant, base.name(), version, 0.85, "no reviewed examples: the base model");
    }
    writeLanguages(tenant, base.name(), version, byLanguage.keySet());
    return models;
  }

  /** Reads the training's lines into a share of the progress bar. */
  private final class Progress {
    private static final Pattern ENCODED = Pattern.compile("encoded (\\d+)/(\\d+)");
    private static final Pattern SLOT = Pattern.compile("slot model (\\d+)/(\\d+)");
    private final String tenant;
    private final String pack;
    private final String version;
    private final String lang;
    private final double from;
    private final double span;
    private long last;
    private double reached;

    Progress(String tenant, String pack, String version, String lang, double from, double span) {
      this.tenant = tenant;
      this.pack = pack;
      this.version = version;
      this.lang = lang;
      this.from = from;
      this.span = span;
    }

    void line(String line) {
      double share;
      Matcher m;
      if ((m = ENCODED.matcher(line)).find()) {
        share = 0.3 * Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
      } else if ((m = SLOT.matcher(line)).find()) {
        share = 0.3 + 0.5 * (Double.parseDouble(m.group(1)) - 1) / Double.parseDouble(m.group(2));
      } else if (line.startsWith("intents epoch")) {
        share = 0.85;
      } else {
        return;
      }
      long now = System.nanoTime();
      if (share > reached && now - last > 500_000_000L) { // forwards, twice a second at most
        reached = share; // the slot models train side by side and report out of order
        last = now;
        versions.progress(
            tenant,
            pack,
            version,
            from + span * share,
            "training the " + lang + " model: " + line.strip());
      }
    }
  }

  /** A version's evaluation: the pack's stories and the tenant's reviewed examples. */
  private ObjectNode evaluate(
      String tenant,
      Pack base,
      String version,
      Map<String, JointModel> models,
      List<ReviewedExamples.Reviewed> reviewed) {
    ObjectNode o = JSON.createObjectNode().put("version", version);
    long start = System.nanoTime();
    try (Pack copy = base.evaluationCopy(models)) {
      o.set("stories", stories(copy));
      o.set("reviewed", reviewed(copy, reviewed));
    }
    LOG.info(
        "{} {} of tenant {}: evaluated in {} s",
        base.name(),
        version,
        tenant,
        (System.nanoTime() - start) / 1_000_000_000L);
    return o;
  }

  /** The serving version's evaluation: its stories as measured then, its reviewed examples now. */
  private ObjectNode servingEvaluation(
      String tenant, Pack base, String serving, List<ReviewedExamples.Reviewed> reviewed) {
    ObjectNode o = JSON.createObjectNode().put("version", serving);
    if (serving.equals(ModelVersions.BASE)) {
      o.set(
          "stories",
          baseStories.computeIfAbsent(
              base.name(),
              k ->
                  (ObjectNode)
                      evaluate(tenant, base, serving, Map.of(), List.of()).get("stories")));
    } else {
      versions
          .find(tenant, base.name(), serving)
          .map(v -> v.evaluation())
          .map(Retraining::parse)
          .ifPresent(e -> o.set("stories", e.path("this").path("stories")));
    }
    o.set("reviewed", reviewed(serving(tenant, base.name()).pack(), reviewed));
    return o;
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** The pack's stories (stories/*.yaml) run through a copy of the pack. */
  private static ObjectNode stories(Pack copy) {
    Path folder = copy.folder().resolve("stories");
    List<Story> stories = new ArrayList<>();
    if (Files.isDirectory(folder)) {
      try (var files = Files.list(folder)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          stories.addAll(Story.read(f));
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + folder + ": " + e.getMessage(), e);
      }
    }
    StoryEval.Report r = StoryEval.run(copy, stories, LocalDate.now(ZoneOffset.UTC));
    ObjectNode o = JSON.createObjectNode();
    o.put("stories", r.stories()).put("stories_right", r.storiesRight());
    o.put("turns", r.turns()).put("turns_right", r.turnsRight());
    o.put("turn_accuracy", Math.round(r.turnAccuracy() * 10000) / 10000.0);
    return o;
  }

  /**
   * How many of the reviewed examples the pack reads as reviewed: their intents exactly, and their
   * intents and slot spans both.
   */
  private static ObjectNode reviewed(Pack pack, List<ReviewedExamples.Reviewed> reviewed) {
    int intents = 0;
    int all = 0;
    for (ReviewedExamples.Reviewed r : reviewed) {
      Example want = Teach.example(r);
      Prediction got = pack.understand(r.text());
      boolean sameIntents =
          new java.util.TreeSet<>(got.intents()).equals(new java.util.TreeSet<>(want.intents()));
      if (sameIntents) {
        intents++;
        if (new java.util.HashSet<>(got.slots())
            .equals(new java.util.HashSet<>(Span.of(want.tags())))) {
          all++;
        }
      }
    }
    return JSON.createObjectNode()
        .put("examples", reviewed.size())
        .put("intents_right", intents)
        .put("all_right", all);
  }

  /** Where a version's models are saved: in the tenant's folder, which goes with the tenant. */
  private Path folder(String tenant, String pack, String version) {
    return dataDir
        .resolve("tenants")
        .resolve(tenant)
        .resolve("models")
        .resolve(pack)
        .resolve(version);
  }

  private void writeLanguages(
      String tenant, String pack, String version, java.util.Set<String> langs) {
    Path dir = folder(tenant, pack, version);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("languages.txt"), String.join("\n", langs) + "\n");
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A saved version's models, by language. */
  private Map<String, JointModel> load(String tenant, Pack base, String version) {
    Path dir = folder(tenant, base.name(), version);
    Map<String, JointModel> out = new LinkedHashMap<>();
    try {
      for (String lang : Files.readAllLines(dir.resolve("languages.txt"))) {
        if (!lang.isBlank()) {
          out.put(lang, JointModel.load(dir.resolve(lang)));
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot read the models in {}: {}", dir, e.getMessage());
      throw new IllegalStateException(
          "the models of "
              + base.name()
              + " "
              + version
              + " cannot be read on this server (see its log); train a new version",
          e);
    }
    return out;
  }

  @Override
  public void close() {
    trainer.shutdownNow();
    try {
      trainer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
