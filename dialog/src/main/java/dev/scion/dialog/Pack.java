package dev.scion.dialog;

import dev.scion.dialog.tools.BusinessDatabase;
import dev.scion.dialog.tools.Tools;
import dev.scion.knowledge.KnowledgeBase;
import dev.scion.models.OnnxEncoder;
import dev.scion.nlu.Example;
import dev.scion.nlu.JointModel;
import dev.scion.nlu.PackFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An industry pack opened for conversations: its understanding models (trained from the pack's
 * examples on first use and kept in the data folder), its business database and tools, its
 * knowledge base and its answer templates.
 */
public final class Pack implements AutoCloseable {
  private final String name;
  private final BusinessDatabase database;
  private final Map<String, KnowledgeBase> knowledge;
  private final DialogEngine engine;
  private final PackSpec spec;
  private final java.util.regex.Pattern codes;
  private final Path databaseDir;
  private final Tools tools;
  private final Parts parts;

  /**
   * What a pack's engine is made of besides its understanding models, kept so that copies with
   * other models can be made: the folder, templates, act models, value reader, phrasing, and
   * whether this pack closes the database and knowledge bases (a copy that shares them does not).
   */
  private record Parts(
      Path dir,
      Templates templates,
      Map<String, JointModel> nlu,
      Map<String, ActClassifier> acts,
      ValueReader reader,
      Phrasing phrasing,
      boolean ownsDatabase,
      boolean ownsKnowledge) {}

  private Pack(
      PackSpec spec,
      BusinessDatabase database,
      Map<String, KnowledgeBase> knowledge,
      Tools tools,
      Parts parts) {
    this.name = spec.name();
    this.spec = spec;
    this.database = database;
    this.knowledge = knowledge;
    this.tools = tools;
    this.parts = parts;
    this.databaseDir = parts.dir().resolve("database");
    this.engine =
        new DialogEngine(
            spec,
            parts.templates(),
            parts.nlu(),
            parts.acts(),
            parts.reader(),
            tools,
            knowledge,
            parts.phrasing());
    this.codes =
        java.util.regex.Pattern.compile(
            "(?i)\\b" + tools.codes().prefix() + "[\\s-]?[0-9A-Z]{8,18}\\b");
  }

  /** Where packs live: {@code ./packs}, or {@code SCION_PACKS} (or the property scion.packs). */
  public static Path packsFolder() {
    String set = System.getProperty("scion.packs", System.getenv("SCION_PACKS"));
    return Path.of(set == null || set.isBlank() ? "packs" : set);
  }

  /**
   * The dialogue packs installed under {@link #packsFolder()}: its folders with a pack.yaml and
   * English examples (nlu/en.md), by name.
   */
  public static List<Path> installed() {
    Path root = packsFolder();
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (var dirs = Files.list(root)) {
      return dirs.filter(
              d ->
                  Files.exists(d.resolve("pack.yaml"))
                      && Files.exists(d.resolve("nlu").resolve("en.md")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DialogException("cannot list the packs in " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the pack in {@code dir}, keeping its models, database and knowledge base under {@code
   * data}; {@code progress} hears about the slow first-time steps.
   */
  public static Pack open(Path dir, Path data, Consumer<String> progress) {
    return open(dir, data, progress, null);
  }

  /**
   * Opens a pack whose replies {@code llm} may phrase (null: templates only); see {@link Phrasing}.
   */
  public static Pack open(
      Path dir, Path data, Consumer<String> progress, dev.scion.models.ChatClient llm) {
    return open(dir, data, progress, llm, x -> x);
  }

  /** Opens a pack whose pack.yaml {@code adjust} changes (tests try other settings with it). */
  static Pack open(
      Path dir,
      Path data,
      Consumer<String> progress,
      dev.scion.models.ChatClient llm,
      java.util.function.UnaryOperator<PackSpec> adjust) {
    if (!Files.exists(dir.resolve("pack.yaml"))) {
      throw new DialogException(
          "no pack in "
              + dir
              + " (pack.yaml is missing); packs are folders under "
              + packsFolder());
    }
    PackSpec spec = adjust.apply(PackSpec.read(dir.resolve("pack.yaml")));
    Path home = data.resolve("packs").resolve(spec.name());
    BusinessDatabase db = BusinessDatabase.embedded(home.resolve("database"));
    try {
      if (db.install(dir.resolve("database"))) {
        progress.accept(
            spec.name() + ": business database installed in " + home.resolve("database"));
      }
      Tools tools = Tools.load(dir.resolve("database").resolve("tools.yaml"), db.dataSource());
      Map<String, JointModel> nlu = new LinkedHashMap<>();
      Map<String, ActClassifier> acts = new LinkedHashMap<>();
      List<String> languages = new ArrayList<>();
      if (!spec.languages().contains("en")) {
        throw new DialogException(
            dir + ": languages in pack.yaml must include en (English is the default language)");
      }
      for (String lang : spec.languages()) {
        Path examples = dir.resolve("nlu").resolve(lang + ".md");
        if (!Files.exists(examples)) {
          throw new DialogException(
              dir + ": languages names " + lang + " but nlu/" + lang + ".md is missing");
        }
        nlu.put(lang, model(examples, lang, home.resolve("models"), progress));
        if (!spec.acts().isEmpty()) {
          acts.put(lang, acts(examples, lang, spec, home.resolve("models"), progress));
        }
        languages.add(lang);
      }
      Map<String, KnowledgeBase> kb = new LinkedHashMap<>();
      for (String lang : languages) {
        Path docs = dir.resolve(lang.equals("en") ? "knowledge" : "knowledge-" + lang);
        if (Files.isDirectory(docs)) {
          kb.put(lang, knowledge(docs, lang, home, spec, progress));
        }
      }
      Parts parts =
          new Parts(
              dir,
              new Templates(dir.resolve("templates"), languages),
              nlu,
              acts,
              new ValueReader(spec.slots(), entities(spec, tools), tools.codes()),
              llm == null ? null : new Phrasing(llm),
              true,
              true);
      return new Pack(spec, db, kb, tools, parts);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * The values of every entity slot ({@code {entity: TOOL}}), read from the business database with
   * the pack's aliases.
   */
  private static Map<String, Entities> entities(PackSpec spec, Tools tools) {
    Map<String, Entities> out = new LinkedHashMap<>();
    spec.slots()
        .forEach(
            (slot, kind) -> {
              if (kind.has("entity")) {
                String tool = kind.path("entity").asText();
                List<Map<String, Object>> rows;
                try {
                  rows = tools.call(tool, Map.of());
                } catch (dev.scion.dialog.tools.ToolException e) {
                  throw new DialogException(
                      "slot "
                          + slot
                          + ": its entity tool "
                          + tool
                          + " cannot be called ("
                          + e.getMessage()
                          + "); declare it in tools.yaml with no parameters");
                }
                out.put(
                    slot,
                    Entities.of(
                        rows,
                        spec.aliases().getOrDefault(slot, Map.of()),
                        kind.path("scan").asBoolean(false),
                        kind.path("show_zh").asText("").equals("both")));
              }
            });
    return out;
  }

  /** The knowledge base of one language, brought up to date with its documents. */
  private static KnowledgeBase knowledge(
      Path docs, String lang, Path home, PackSpec spec, Consumer<String> progress) {
    KnowledgeBase kb =
        KnowledgeBase.open(
            home.resolve(lang.equals("en") ? "knowledge" : "knowledge-" + lang),
            new KnowledgeBase.Settings(lang, 256, 48),
            64L << 20);
    var r = kb.ingest(List.of(docs), line -> {});
    if (r.files().stream().anyMatch(f -> !f.status().equals("unchanged"))) {
      progress.accept(
          spec.name()
              + ": "
              + lang
              + " knowledge base updated ("
              + kb.sources().size()
              + " documents)");
    }
    return kb;
  }

  /** The model for a language, trained from the examples unless the same examples were trained. */
  private static JointModel model(
      Path examples, String lang, Path models, Consumer<String> progress) {
    try {
      String hash =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(examples)))
              .substring(0, 16);
      Path dir = models.resolve(lang + "-" + hash);
      if (Files.exists(dir.resolve("model.json"))) {
        try {
          return JointModel.load(dir);
        } catch (dev.scion.nlu.NluException e) {
          progress.accept("the saved " + lang + " model cannot be read; training it again");
        }
      }
      List<Example> data = PackFormat.read(examples);
      progress.accept(
          "training the " + lang + " understanding model on " + data.size() + " examples...");
      JointModel m = JointModel.train(data, options(lang), line -> {});
      m.save(dir);
      return m;
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new DialogException("cannot train the model of " + examples + ": " + e.getMessage(), e);
    }
  }

  /** How a language's understanding model is trained: the same for the pack and its versions. */
  private static JointModel.Options options(String lang) {
    String encoder =
        lang.equals("zh") ? OnnxEncoder.BGE_SMALL_ZH_V15 : OnnxEncoder.BGE_SMALL_EN_V15;
    return new JointModel.Options(10, 10, 7, encoder);
  }

  /**
   * The act model of a language, trained from the examples (their act intents, {@code acts:} in
   * pack.yaml) unless the same examples and acts were trained.
   */
  private static ActClassifier acts(
      Path examples, String lang, PackSpec spec, Path models, Consumer<String> progress) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(Files.readAllBytes(examples));
      md.update(spec.acts().keySet().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Path dir =
          models.resolve(
              "acts-" + lang + "-" + HexFormat.of().formatHex(md.digest()).substring(0, 16));
      String name = lang.equals("zh") ? OnnxEncoder.BGE_SMALL_ZH_V15 : OnnxEncoder.BGE_SMALL_EN_V15;
      OnnxEncoder encoder = OnnxEncoder.load(name, 1, 256);
      ActClassifier saved = ActClassifier.load(dir, Map.of(name, encoder));
      if (saved != null) {
        return saved;
      }
      List<Example> data = PackFormat.read(examples);
      progress.accept("training the " + lang + " dialogue act model...");
      List<String> labels = new ArrayList<>(spec.acts().keySet());
      ActClassifier c = ActClassifier.train(data, labels, encoder, ACT_EPOCHS, 7);
      c.save(dir);
      return c;
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new DialogException(
          "cannot train the act model of " + examples + ": " + e.getMessage(), e);
    }
  }

  /** Passes of the act model over its examples. */
  static final int ACT_EPOCHS = 8;

  public String name() {
    return name;
  }

  /** The pack's folder (pack.yaml, nlu/, stories/, ...). */
  public Path folder() {
    return parts.dir();
  }

  /** The languages the pack understands, English first. */
  public List<String> languages() {
    return List.copyOf(parts.nlu().keySet());
  }

  /** The intents the understanding model of {@code lang} knows (empty for another language). */
  public java.util.Set<String> intents(String lang) {
    JointModel m = parts.nlu().get(lang);
    return m == null ? java.util.Set.of() : new java.util.TreeSet<>(m.intents());
  }

  /** The slots the pack declares and those its examples in {@code lang} mark. */
  public java.util.Set<String> slots(String lang) {
    java.util.Set<String> out = new java.util.TreeSet<>(spec.slots().keySet());
    JointModel m = parts.nlu().get(lang);
    if (m != null) {
      m.tags().stream().filter(t -> !t.equals("O")).map(t -> t.substring(2)).forEach(out::add);
    }
    return out;
  }

  /**
   * Trains the understanding model of {@code lang} as the pack's own is trained, on the pack's
   * examples and {@code extra} ones after them; {@code progress} hears the training's lines.
   */
  public JointModel trainUnderstanding(
      String lang, List<Example> extra, dev.scion.nlu.TrainingProgress progress) {
    Path examples = parts.dir().resolve("nlu").resolve(lang + ".md");
    if (!parts.nlu().containsKey(lang) || !Files.exists(examples)) {
      throw new DialogException(
          "the pack " + name + " has no " + lang + " examples; its languages are " + languages());
    }
    List<Example> data = new ArrayList<>(PackFormat.read(examples));
    data.addAll(extra);
    return JointModel.train(data, options(lang), progress);
  }

  /**
   * This pack reading messages with other understanding models ({@code models} by language; the
   * languages not named keep this pack's), sharing everything else: its business database, tools,
   * knowledge and templates. Closing the copy closes nothing of this pack's.
   */
  public Pack withUnderstanding(Map<String, JointModel> models) {
    return new Pack(
        spec,
        database,
        knowledge,
        tools,
        new Parts(
            parts.dir(),
            parts.templates(),
            merged(models),
            parts.acts(),
            parts.reader(),
            parts.phrasing(),
            false,
            false));
  }

  /**
   * A copy of this pack with other understanding models (as {@link #withUnderstanding}) over a
   * business database of its own, in memory, and without phrasing: for evaluations, which reset the
   * business data and must not touch the one that serves customers. Closing the copy closes its
   * database only.
   */
  public Pack evaluationCopy(Map<String, JointModel> models) {
    BusinessDatabase db = BusinessDatabase.inMemory();
    try {
      db.install(databaseDir);
      Tools own = Tools.load(databaseDir.resolve("tools.yaml"), db.dataSource());
      return new Pack(
          spec,
          db,
          knowledge,
          own,
          new Parts(
              parts.dir(),
              parts.templates(),
              merged(models),
              parts.acts(),
              new ValueReader(spec.slots(), entities(spec, own), own.codes()),
              null,
              true,
              false));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private Map<String, JointModel> merged(Map<String, JointModel> models) {
    Map<String, JointModel> out = new LinkedHashMap<>(parts.nlu());
    models.forEach(
        (lang, m) -> {
          if (!out.containsKey(lang)) {
            throw new DialogException(
                "the pack "
                    + name
                    + " does not speak "
                    + lang
                    + "; its languages are "
                    + languages());
          }
          out.put(lang, m);
        });
    return out;
  }

  /** A new conversation's state, of the default tenant. */
  public DialogState newConversation(String id) {
    return newConversation(id, Tools.DEFAULT_TENANT);
  }

  /** A new conversation's state, of {@code tenant}: its tools reach only that tenant's records. */
  public DialogState newConversation(String id, String tenant) {
    DialogState s = new DialogState();
    s.conversation = id;
    s.owner = tenant;
    return s;
  }

  /** One turn of a conversation; {@code today} is the date relative dates are read against. */
  public DialogEngine.Turn turn(DialogState state, String message, LocalDate today) {
    return engine.turn(state, message, today);
  }

  /**
   * What the pack's understanding model reads in a message (intents and slot spans with their
   * confidence), without a conversation and without acting on it.
   */
  public dev.scion.nlu.Prediction understand(String message) {
    return engine.read(message);
  }

  /**
   * Puts the business database back as the pack installs it, forgetting every write and every
   * look-up that found nothing: each evaluated conversation starts from the same data.
   */
  public void resetBusinessData() {
    database.reset(databaseDir);
    tools.forgetMisses();
  }

  /**
   * The text with its personal values masked, for a log: values of the pack's personal slots
   * (tagged in {@code message} by the understanding model when {@code tagged}, or held by the
   * conversation) as {@code [slot]}, and every e-mail address, record code, phone number and run of
   * four digits or more.
   */
  public String mask(String text, DialogState state, boolean tagged) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String out =
        text.length() > 4 * DialogEngine.MAX_MESSAGE
            ? text.substring(0, 4 * DialogEngine.MAX_MESSAGE) + "…"
            : text;
    if (tagged) {
      String read = out.strip();
      read =
          read.length() > DialogEngine.MAX_MESSAGE
              ? read.substring(0, DialogEngine.MAX_MESSAGE)
              : read;
      var p = engine.read(read);
      List<String> words = DialogEngine.words(read);
      for (var span : p.slots()) {
        if (spec.personal().contains(span.slot())) {
          String said = Hearing.original(read, words.subList(span.start(), span.end()), "en");
          if (!said.isBlank()) {
            out = out.replace(said, "[" + span.slot() + "]");
          }
        }
      }
    }
    List<Map<String, Object>> held = new ArrayList<>();
    held.add(state.context);
    state.stack.forEach(f -> held.add(f.slots));
    for (Map<String, Object> slots : held) {
      for (String slot : spec.personal()) {
        if (slots.get(slot) instanceof String v && v.length() >= 2) {
          out = out.replace(v, "[" + slot + "]");
        }
      }
    }
    out = ValueReader.EMAIL.matcher(out).replaceAll("[email]");
    out = codes.matcher(out).replaceAll("[code]");
    out =
        ValueReader.PHONE
            .matcher(out)
            .replaceAll(m -> digits(m.group()) >= 7 ? "[phone]" : m.group());
    return out.replaceAll("\\d{4,}", "[number]");
  }

  private static long digits(String s) {
    return s.chars().filter(Character::isDigit).count();
  }

  @Override
  public void close() {
    if (parts.ownsKnowledge()) {
      knowledge.values().forEach(KnowledgeBase::close);
    }
    if (parts.ownsDatabase()) {
      database.close();
    }
  }
}
