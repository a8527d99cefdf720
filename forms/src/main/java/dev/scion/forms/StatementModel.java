package dev.scion.forms;

import dev.scion.nlu.Example;
import dev.scion.nlu.JointModel;
import dev.scion.nlu.NluException;
import dev.scion.nlu.PackFormat;
import dev.scion.nlu.Prediction;
import dev.scion.nlu.Span;
import dev.scion.nlu.Words;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The statement model: the platform's joint intent and slot model ({@link JointModel}) trained on
 * the office-approval pack's annotated statements. It reads one statement of a form description and
 * says its kinds (the model's intents: {@code fields_required}, {@code choice}, {@code
 * approval_step}, …) and its spans (the model's slots: {@code field}, {@code option}, {@code role},
 * {@code value}, …).
 *
 * <p>The corpus is packed into the module from {@code packs/office-approval/intake/}. The model is
 * trained once per corpus and kept in a cache folder named by the corpus's SHA-256 ({@code
 * SCION_FORMS_MODEL_CACHE}, else {@code ~/.cache/scion/forms-intake}); later processes load it, and
 * one process reads it once.
 */
public final class StatementModel {
  /** The corpus files, in the pack's intake folder and as resources of this module. */
  public static final List<String> CORPUS =
      List.of("statements.en.md", "statements.zh.md", "handwritten.en.md", "handwritten.zh.md");

  private static final String RESOURCES = "/dev/scion/forms/intake/";

  /** Chosen by 5-fold cross-validation on the corpus (see docs/forms.md). */
  public static final JointModel.Options OPTIONS = new JointModel.Options(10, 10, 19, null, 5);

  private static final String VERSION = "statement-model-2";

  private final JointModel model;

  private StatementModel(JointModel model) {
    this.model = model;
  }

  /** One statement as the model read it: its words, kinds, and spans with the user's text. */
  public record Reading(String text, List<String> kinds, List<Found> spans) {
    /** The texts of the spans of one slot, in order. */
    public List<String> all(String slot) {
      return spans.stream().filter(s -> s.slot().equals(slot)).map(Found::text).toList();
    }

    public boolean is(String kind) {
      return kinds.contains(kind);
    }
  }

  /** A span: its slot, the user's own words, and where they start in the statement. */
  public record Found(String slot, String text, int start) {}

  private static final class Shared {
    static final StatementModel MODEL = loadOrTrain(cacheRoot());
  }

  /** The model of the packed corpus, loaded from the cache or trained into it on first use. */
  public static StatementModel shared() {
    return Shared.MODEL;
  }

  /** Trains a model on annotated statement files in the pack format. */
  public static StatementModel train(List<Path> files) {
    List<Example> data = new ArrayList<>();
    for (Path f : files) {
      data.addAll(PackFormat.read(f));
    }
    return new StatementModel(JointModel.train(data, OPTIONS, line -> {}));
  }

  /** The packed corpus's annotated statements, file by file. */
  public static java.util.Map<String, List<Example>> corpus() {
    java.util.Map<String, List<Example>> out = new java.util.LinkedHashMap<>();
    try {
      Path tmp = Files.createTempDirectory("scion-intake-corpus");
      for (String name : CORPUS) {
        Path f = tmp.resolve(name);
        Files.write(f, resource(name));
        out.put(name, PackFormat.read(f));
        Files.delete(f);
      }
      Files.delete(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * K-fold cross-validation of training options on the corpus: the statements are shuffled with
   * {@code seed}, each fold is read by a model trained on the others, and the scores are pooled
   * (kinds: the whole set right; spans: CoNLL F1; overall: kinds and every span right).
   */
  public static dev.scion.nlu.Evaluation crossValidate(
      List<Example> data, int folds, JointModel.Options options, long seed) {
    List<Example> shuffled = new ArrayList<>(data);
    java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
    double overall = 0;
    double kinds = 0;
    double f1 = 0;
    for (int k = 0; k < folds; k++) {
      List<Example> train = new ArrayList<>();
      List<Example> test = new ArrayList<>();
      for (int i = 0; i < shuffled.size(); i++) {
        (i % folds == k ? test : train).add(shuffled.get(i));
      }
      dev.scion.nlu.Evaluation e =
          dev.scion.nlu.Evaluation.of(JointModel.train(train, options, line -> {}), test);
      overall += e.overallAccuracy() * test.size();
      kinds += e.intentAccuracy() * test.size();
      f1 += e.slotF1() / folds;
    }
    int n = shuffled.size();
    return new dev.scion.nlu.Evaluation(n, overall / n, kinds / n, f1);
  }

  /** Trains on some statements and scores on others (generated statements, hand-written ones). */
  public static dev.scion.nlu.Evaluation trainAndScore(
      List<Example> train, List<Example> test, JointModel.Options options) {
    return dev.scion.nlu.Evaluation.of(JointModel.train(train, options, line -> {}), test);
  }

  static Path cacheRoot() {
    String env = System.getenv("SCION_FORMS_MODEL_CACHE");
    return env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "scion", "forms-intake");
  }

  static StatementModel loadOrTrain(Path root) {
    List<byte[]> corpus = new ArrayList<>();
    for (String name : CORPUS) {
      corpus.add(resource(name));
    }
    Path dir = root.resolve(digest(corpus));
    if (Files.exists(dir.resolve("model.json"))) {
      try {
        return new StatementModel(JointModel.load(dir));
      } catch (NluException e) {
        // a damaged cache is trained again below
      }
    }
    try {
      Path tmp = Files.createTempDirectory("scion-intake-corpus");
      List<Path> files = new ArrayList<>();
      for (int i = 0; i < CORPUS.size(); i++) {
        Path f = tmp.resolve(CORPUS.get(i));
        Files.write(f, corpus.get(i));
        files.add(f);
      }
      StatementModel m = train(files);
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(tmp);
      try {
        m.model.save(dir);
      } catch (NluException e) {
        // no writable cache: this process keeps the model it trained
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = StatementModel.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new FormException(
            1, 1, "the intake corpus " + name + " is missing from the build; rebuild scion-forms");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String digest(List<byte[]> corpus) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(VERSION.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (byte[] b : corpus) {
        sha.update(b);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads one statement. */
  public Reading read(String statement) {
    List<String> words = Words.split(statement);
    if (words.isEmpty()) {
      return new Reading(statement, List.of(), List.of());
    }
    int[] at = offsets(statement, words);
    Prediction p = model.predict(words);
    List<Found> spans = new ArrayList<>();
    for (Span s : p.slots()) {
      int from = at[s.start()];
      int to = at[s.end() - 1] + words.get(s.end() - 1).length();
      spans.add(new Found(s.slot(), statement.substring(from, to).strip(), from));
    }
    List<Found> whole = wholeNouns(statement, words, at, spans);
    if (p.intents().stream().anyMatch(k -> k.startsWith("fields_"))) {
      whole = siblings(statement, words, at, whole);
    }
    return new Reading(statement, List.copyOf(p.intents()), List.copyOf(whole));
  }

  private static final java.util.Set<String> JOINERS = java.util.Set.of("and", "or", ",", "&");

  /**
   * In a list of fields, the nouns joined to a marked field by "and", "or" or a comma are fields
   * too ("supplier and total are required" when the model marked only "total"). English only.
   */
  private static List<Found> siblings(
      String statement, List<String> words, int[] at, List<Found> spans) {
    List<Found> out = new ArrayList<>(spans);
    boolean added = true;
    while (added) {
      added = false;
      for (Found f : List.copyOf(out)) {
        if (!f.slot().equals("field") || hasCjk(f.text())) {
          continue;
        }
        int first = wordAt(at, f.start());
        int last = wordAt(at, f.start() + f.text().length() - 1);
        int[] left = run(words, at, out, first - 2, -1);
        if (first >= 2
            && JOINERS.contains(words.get(first - 1).toLowerCase(java.util.Locale.ROOT))
            && left != null) {
          out.add(found(statement, words, at, left));
          added = true;
        }
        int[] right = run(words, at, out, last + 2, 1);
        if (last + 2 < words.size()
            && JOINERS.contains(words.get(last + 1).toLowerCase(java.util.Locale.ROOT))
            && right != null) {
          out.add(found(statement, words, at, right));
          added = true;
        }
      }
    }
    out.sort(java.util.Comparator.comparingInt(Found::start));
    return out;
  }

  /** The words of content next to position {@code from} going {@code step}, or null. */
  private static int[] run(List<String> words, int[] at, List<Found> spans, int from, int step) {
    int a = from;
    int b = from;
    while (b + step >= 0
        && b + step < words.size()
        && content(words.get(b + step))
        && !taken(spans, at[b + step])) {
      b += step;
    }
    if (from < 0 || from >= words.size() || !content(words.get(from)) || taken(spans, at[from])) {
      return null;
    }
    return step < 0 ? new int[] {b, a} : new int[] {a, b};
  }

  private static Found found(String statement, List<String> words, int[] at, int[] range) {
    int from = at[range[0]];
    int to = at[range[1]] + words.get(range[1]).length();
    return new Found("field", statement.substring(from, to), from);
  }

  /**
   * Words that are not grammar around these statements: a content word next to a field span belongs
   * to the field's noun ("budget owner" when the model marked only "budget"), so that no word of a
   * field's name is dropped in silence. English only; Chinese spans stay as marked.
   */
  private static final java.util.Set<String> GRAMMAR =
      java.util.Set.copyOf(
          List.of(
              "a",
              "an",
              "the",
              "and",
              "or",
              "nor",
              "but",
              "also",
              "both",
              "either",
              "neither",
              "all",
              "any",
              "each",
              "every",
              "is",
              "are",
              "be",
              "been",
              "was",
              "were",
              "will",
              "would",
              "must",
              "may",
              "can",
              "could",
              "should",
              "shall",
              "has",
              "have",
              "had",
              "do",
              "does",
              "not",
              "no",
              "to",
              "of",
              "for",
              "from",
              "in",
              "on",
              "at",
              "by",
              "with",
              "as",
              "if",
              "when",
              "then",
              "than",
              "so",
              "it",
              "its",
              "it's",
              "they",
              "their",
              "them",
              "we",
              "our",
              "us",
              "you",
              "your",
              "i",
              "my",
              "me",
              "he",
              "she",
              "his",
              "her",
              "this",
              "that",
              "these",
              "those",
              "there",
              "here",
              "which",
              "who",
              "what",
              "one",
              "required",
              "mandatory",
              "optional",
              "compulsory",
              "needed",
              "necessary",
              "blank",
              "empty",
              "left",
              "filled",
              "fill",
              "filling",
              "enter",
              "entered",
              "provide",
              "provided",
              "give",
              "given",
              "include",
              "includes",
              "including",
              "collect",
              "capture",
              "ask",
              "asks",
              "add",
              "record",
              "need",
              "needs",
              "want",
              "make",
              "set",
              "list",
              "show",
              "require",
              "requires",
              "pick",
              "choose",
              "select",
              "field",
              "fields",
              "form",
              "please",
              "too",
              "only",
              "always",
              "never",
              "skipped",
              "skip",
              "if",
              "available",
              "wanted",
              "like",
              "up",
              "about",
              "into",
              "out",
              "text",
              "date",
              "drop-down",
              "dropdown",
              "choice",
              "options",
              "option",
              "type",
              "approve",
              "approves",
              "approved",
              "approval",
              "sign",
              "signs",
              "signed",
              "review",
              "reviews",
              "reviewed",
              "check",
              "checks",
              "first",
              "second",
              "third",
              "fourth",
              "final",
              "finally",
              "last",
              "lastly",
              "next",
              "afterwards",
              "after",
              "before",
              "anything",
              "requests",
              "request",
              "orders",
              "amounts",
              "over",
              "above",
              "under",
              "below",
              "more",
              "less",
              "greater",
              "exceeds",
              "least",
              "okays",
              "ok",
              "passes",
              "goes",
              "go",
              "sent",
              "send",
              "routed",
              "copy",
              "cc",
              "notify",
              "informed",
              "decide",
              "decides",
              "countersign",
              "jointly",
              "together",
              "whoever",
              "says",
              "yes",
              "hi",
              "hello",
              "thanks",
              "dear",
              "team"));

  private static final java.util.Set<String> ROLE_HEADS =
      java.util.Set.of(
          "manager",
          "director",
          "lead",
          "leader",
          "head",
          "team",
          "officer",
          "committee",
          "desk",
          "department",
          "controller",
          "owner",
          "supervisor",
          "board",
          "office",
          "group",
          "admin");

  private static List<Found> wholeNouns(
      String statement, List<String> words, int[] at, List<Found> spans) {
    List<Found> out = new ArrayList<>();
    for (Found f : split(spans)) {
      if (!List.of("field", "role", "option").contains(f.slot()) || hasCjk(f.text())) {
        out.add(f);
        continue;
      }
      int first = wordAt(at, f.start());
      int last = wordAt(at, f.start() + f.text().length() - 1);
      while (first > 0 && content(words.get(first - 1)) && !taken(spans, at[first - 1])) {
        first--;
      }
      if (first > 1
          && words.get(first - 1).equalsIgnoreCase("of")
          && content(words.get(first - 2))
          && !taken(spans, at[first - 2])) {
        first -= 2; // "number of people"
      }
      while (last + 1 < words.size()
          && content(words.get(last + 1))
          && !taken(spans, at[last + 1])
          && (!f.slot().equals("role")
              || ROLE_HEADS.contains(words.get(last + 1).toLowerCase(java.util.Locale.ROOT)))) {
        last++; // a role is followed by its verb: only a role's head word ("manager") joins it
      }
      int from = at[first];
      int to = at[last] + words.get(last).length();
      out.add(new Found(f.slot(), statement.substring(from, to), from));
    }
    return out;
  }

  /** "Sales manager OR regional director" marked as one role is two. */
  private static List<Found> split(List<Found> spans) {
    List<Found> out = new ArrayList<>();
    java.util.regex.Pattern or =
        java.util.regex.Pattern.compile("(?i)\\s+(?:or|and)\\s+|\\s*[/、]\\s*|或者|或");
    for (Found f : spans) {
      if (!f.slot().equals("role") && !f.slot().equals("option")) {
        out.add(f);
        continue;
      }
      java.util.regex.Matcher m = or.matcher(f.text());
      int from = 0;
      while (m.find()) {
        if (m.start() > from) {
          out.add(new Found(f.slot(), f.text().substring(from, m.start()), f.start() + from));
        }
        from = m.end();
      }
      if (from < f.text().length()) {
        out.add(new Found(f.slot(), f.text().substring(from), f.start() + from));
      }
    }
    return out;
  }

  private static int wordAt(int[] at, int offset) {
    int w = 0;
    for (int i = 0; i < at.length; i++) {
      if (at[i] <= offset) {
        w = i;
      }
    }
    return w;
  }

  private static boolean content(String word) {
    if (word.equals("IT")) {
      return true; // the department, not the pronoun
    }
    return word.chars().allMatch(Character::isLetter)
        && !GRAMMAR.contains(word.toLowerCase(java.util.Locale.ROOT))
        && !word.toLowerCase(java.util.Locale.ROOT).endsWith("ly");
  }

  private static boolean taken(List<Found> spans, int offset) {
    return spans.stream()
        .anyMatch(s -> offset >= s.start() && offset < s.start() + s.text().length());
  }

  private static boolean hasCjk(String s) {
    return s.codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }

  /** Where each word starts in the text. */
  private static int[] offsets(String text, List<String> words) {
    int[] at = new int[words.size()];
    int pos = 0;
    for (int i = 0; i < words.size(); i++) {
      int k = text.indexOf(words.get(i), pos);
      at[i] = k < 0 ? pos : k;
      pos = k < 0 ? pos : k + words.get(i).length();
    }
    return at;
  }
}
