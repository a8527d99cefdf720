package dev.scion.datakit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Document quality rules in the spirit of the Gopher (Rae et al. 2021), C4 (Raffel et al. 2020) and
 * FineWeb (Penedo et al. 2024) filters. A document is removed by the first rule it fails, named
 * {@code set.rule} in the report. Every threshold can be overridden by its name.
 */
public final class QualityFilter implements DocStep {
  /** The rule sets and their default thresholds. */
  public static final Map<String, Double> DEFAULTS = defaults();

  private static Map<String, Double> defaults() {
    Map<String, Double> d = new LinkedHashMap<>();
    d.put("gopher.min_words", 50.0);
    d.put("gopher.max_words", 100_000.0);
    d.put("gopher.min_mean_word_length", 3.0);
    d.put("gopher.max_mean_word_length", 10.0);
    d.put("gopher.max_symbol_word_ratio", 0.1);
    d.put("gopher.max_bullet_lines", 0.9);
    d.put("gopher.max_ellipsis_lines", 0.3);
    d.put("gopher.min_alpha_words", 0.8);
    d.put("gopher.min_stop_words", 2.0);
    d.put("gopher.max_duplicate_lines", 0.3);
    d.put("gopher.max_top_2gram", 0.2);
    d.put("gopher.max_top_3gram", 0.18);
    d.put("gopher.max_top_4gram", 0.16);
    d.put("gopher.max_duplicate_5gram", 0.15);
    d.put("c4.min_sentences", 3.0);
    d.put("c4.min_words_per_line", 5.0);
    d.put("fineweb.min_line_punct", 0.12);
    d.put("fineweb.max_short_lines", 0.67);
    d.put("fineweb.max_duplicate_line_chars", 0.1);
    d.put("fineweb.max_newline_word_ratio", 0.3);
    return Map.copyOf(d);
  }

  private static final Set<String> STOP_WORDS =
      Set.of("the", "be", "to", "of", "and", "that", "have", "with");
  private static final Set<String> TERMINAL = Set.of(".", "!", "?", "\"", "'", "”", "。", "！", "？");

  private record Rule(String name, Predicate<Stats> passes) {}

  private final List<Rule> rules = new ArrayList<>();
  private final String name;

  /**
   * A filter of the named rule sets ({@code gopher}, {@code c4}, {@code fineweb}) with thresholds
   * overridden by {@code overrides} (keys as in {@link #DEFAULTS}).
   */
  public QualityFilter(List<String> sets, Map<String, Double> overrides) {
    for (String key : overrides.keySet()) {
      if (!DEFAULTS.containsKey(key)) {
        throw new DataException(
            "unknown quality threshold '"
                + key
                + "'; known: "
                + String.join(", ", new java.util.TreeSet<>(DEFAULTS.keySet())));
      }
    }
    Map<String, Double> t = new HashMap<>(DEFAULTS);
    t.putAll(overrides);
    for (String set : sets) {
      switch (set) {
        case "gopher" -> gopher(t);
        case "c4" -> c4(t);
        case "fineweb" -> fineweb(t);
        default ->
            throw new DataException(
                "unknown quality rule set '" + set + "'; use gopher, c4 or fineweb");
      }
    }
    this.name = "quality(" + String.join(",", sets) + ")";
  }

  private void add(String name, Predicate<Stats> passes) {
    rules.add(new Rule(name, passes));
  }

  private void gopher(Map<String, Double> t) {
    add("gopher.min_words", s -> s.words.size() >= t.get("gopher.min_words"));
    add("gopher.max_words", s -> s.words.size() <= t.get("gopher.max_words"));
    add(
        "gopher.mean_word_length",
        s ->
            s.meanWordLength() >= t.get("gopher.min_mean_word_length")
                && s.meanWordLength() <= t.get("gopher.max_mean_word_length"));
    add(
        "gopher.symbol_word_ratio",
        s -> s.symbols <= t.get("gopher.max_symbol_word_ratio") * s.words.size());
    add("gopher.bullet_lines", s -> s.fraction(s.bulletLines) <= t.get("gopher.max_bullet_lines"));
    add(
        "gopher.ellipsis_lines",
        s -> s.fraction(s.ellipsisLines) <= t.get("gopher.max_ellipsis_lines"));
    add(
        "gopher.alpha_words",
        s -> s.alphaWords >= t.get("gopher.min_alpha_words") * s.words.size());
    add("gopher.stop_words", s -> s.stopWords >= t.get("gopher.min_stop_words"));
    add(
        "gopher.duplicate_lines",
        s -> s.fraction(s.duplicateLines) <= t.get("gopher.max_duplicate_lines"));
    for (int n = 2; n <= 4; n++) {
      int size = n;
      add(
          "gopher.top_" + n + "gram",
          s -> s.topNgramCharFraction(size) <= t.get("gopher.max_top_" + size + "gram"));
    }
    add(
        "gopher.duplicate_5gram",
        s -> s.duplicateNgramCharFraction(5) <= t.get("gopher.max_duplicate_5gram"));
  }

  private void c4(Map<String, Double> t) {
    add("c4.lorem_ipsum", s -> !s.lower.contains("lorem ipsum"));
    add("c4.curly_bracket", s -> s.lower.indexOf('{') < 0);
    add("c4.javascript", s -> !s.lower.contains("javascript"));
    add(
        "c4.sentences",
        s -> s.sentenceLines(t.get("c4.min_words_per_line")) >= t.get("c4.min_sentences"));
  }

  private void fineweb(Map<String, Double> t) {
    add("fineweb.line_punct", s -> s.fraction(s.punctLines) >= t.get("fineweb.min_line_punct"));
    add("fineweb.short_lines", s -> s.fraction(s.shortLines) <= t.get("fineweb.max_short_lines"));
    add(
        "fineweb.duplicate_line_chars",
        s ->
            s.duplicateLineChars
                <= t.get("fineweb.max_duplicate_line_chars") * Math.max(1, s.chars));
    add(
        "fineweb.newline_word_ratio",
        s -> s.lines.size() - 1 <= t.get("fineweb.max_newline_word_ratio") * s.words.size());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String apply(ObjectNode doc, String text) {
    return check(text);
  }

  /** The first rule {@code text} fails, or null when it passes them all. */
  public String check(String text) {
    Stats s = new Stats(text);
    for (Rule r : rules) {
      if (!r.passes.test(s)) {
        return r.name;
      }
    }
    return null;
  }

  /** Figures of a text that the rules read, computed once. */
  private static final class Stats {
    final String lower;
    final List<String> lines = new ArrayList<>();
    final List<String> words;
    final int chars;
    int symbols;
    int bulletLines;
    int ellipsisLines;
    int alphaWords;
    int stopWords;
    int duplicateLines;
    int duplicateLineChars;
    int punctLines;
    int shortLines;

    Stats(String text) {
      lower = text.toLowerCase(Locale.ROOT);
      chars = text.length();
      for (String line : text.split("\n", -1)) {
        String l = line.strip();
        if (!l.isEmpty()) {
          lines.add(l);
        }
      }
      words = Text.words(text);
      Set<String> seen = new HashSet<>();
      Set<String> stop = new HashSet<>();
      for (String w : words) {
        if (w.chars().anyMatch(Character::isLetter)) {
          alphaWords++;
        }
        if (STOP_WORDS.contains(w)) {
          stop.add(w);
        }
      }
      stopWords = stop.size();
      symbols = count(text, "#") + count(text, "...") + count(text, "…");
      for (String l : lines) {
        if (l.startsWith("•") || l.startsWith("-") || l.startsWith("*") || l.startsWith("·")) {
          bulletLines++;
        }
        if (l.endsWith("...") || l.endsWith("…")) {
          ellipsisLines++;
        }
        if (!seen.add(l)) {
          duplicateLines++;
          duplicateLineChars += l.length();
        }
        if (TERMINAL.contains(l.substring(l.length() - 1))) {
          punctLines++;
        }
        if (l.length() < 30) {
          shortLines++;
        }
      }
    }

    private static int count(String s, String what) {
      int n = 0;
      for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
        n++;
      }
      return n;
    }

    double fraction(int lineCount) {
      return lines.isEmpty() ? 0 : (double) lineCount / lines.size();
    }

    double meanWordLength() {
      return words.isEmpty()
          ? 0
          : words.stream().mapToInt(String::length).sum() / (double) words.size();
    }

    int sentenceLines(double minWords) {
      int n = 0;
      for (String l : lines) {
        if (TERMINAL.contains(l.substring(l.length() - 1)) && Text.words(l).size() >= minWords) {
          n++;
        }
      }
      return n;
    }

    private int wordChars() {
      return Math.max(1, words.stream().mapToInt(String::length).sum());
    }

    /** The characters covered by the most frequent n-gram, as a fraction of all word characters. */
    double topNgramCharFraction(int n) {
      if (words.size() < n) {
        return 0;
      }
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i + n <= words.size(); i++) {
        counts.merge(String.join(" ", words.subList(i, i + n)), 1, Integer::sum);
      }
      var top = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
      if (top.getValue() < 2) {
        return 0;
      }
      int len = top.getKey().length() - (n - 1);
      return (double) len * top.getValue() / wordChars();
    }

    /** The characters of words inside n-grams seen before, as a fraction of all word characters. */
    double duplicateNgramCharFraction(int n) {
      if (words.size() < n) {
        return 0;
      }
      Set<String> seenGrams = new HashSet<>();
      boolean[] dup = new boolean[words.size()];
      for (int i = 0; i + n <= words.size(); i++) {
        if (!seenGrams.add(String.join(" ", words.subList(i, i + n)))) {
          java.util.Arrays.fill(dup, i, i + n, true);
        }
      }
      int c = 0;
      for (int i = 0; i < dup.length; i++) {
        if (dup[i]) {
          c += words.get(i).length();
        }
      }
      return (double) c / wordChars();
    }
  }
}
