package dev.scion.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sparse lexical features, as strings: the word at each position and its neighbours, shapes,
 * affixes and bigrams for slots; words and bigrams of the whole utterance for intents.
 */
final class Features {
  /** Words after which a new clause (and often a new intent) may start. */
  private static final java.util.Set<String> CLAUSE_JOINERS =
      java.util.Set.of("<s>", "and", "also", "then", ",", "plus", "并且", "还有", "然后");

  /**
   * The length each clause adds to the summary: large enough to weigh against the sparse features
   * (chosen on the MixATIS dev set among 1, 4, 8 and 16).
   */
  private static final double SUMMARY_SCALE = 8;

  private Features() {}

  static String norm(String w) {
    String lower = w.toLowerCase(Locale.ROOT);
    return lower.chars().allMatch(Character::isDigit)
        ? "<num" + Math.min(lower.length(), 4) + ">"
        : lower;
  }

  static String shape(String w) {
    StringBuilder s = new StringBuilder();
    char last = 0;
    for (char c : w.toCharArray()) {
      char k =
          Character.isUpperCase(c)
              ? 'X'
              : Character.isLowerCase(c) ? 'x' : Character.isDigit(c) ? 'd' : c;
      if (k != last) {
        s.append(k);
      }
      last = k;
    }
    return s.toString();
  }

  /** Features of each position of {@code words}. */
  static List<List<String>> tokens(List<String> words) {
    int n = words.size();
    String[] w = new String[n];
    for (int i = 0; i < n; i++) {
      w[i] = norm(words.get(i));
    }
    List<List<String>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<String> f = new ArrayList<>(24);
      f.add("b");
      f.add("w=" + w[i]);
      f.add("sh=" + shape(words.get(i)));
      if (w[i].length() > 3) {
        f.add("p3=" + w[i].substring(0, 3));
        f.add("s3=" + w[i].substring(w[i].length() - 3));
      }
      for (int d = 1; d <= 2; d++) {
        f.add("w-" + d + "=" + (i - d >= 0 ? w[i - d] : "<s>"));
        f.add("w+" + d + "=" + (i + d < n ? w[i + d] : "</s>"));
      }
      f.add("b-1=" + (i > 0 ? w[i - 1] : "<s>") + "_" + w[i]);
      f.add("b+1=" + w[i] + "_" + (i + 1 < n ? w[i + 1] : "</s>"));
      f.add("t-2=" + (i > 1 ? w[i - 2] : "<s>") + "_" + (i > 0 ? w[i - 1] : "<s>"));
      f.add("t+2=" + (i + 1 < n ? w[i + 1] : "</s>") + "_" + (i + 2 < n ? w[i + 2] : "</s>"));
      out.add(f);
    }
    return out;
  }

  /** Whether word {@code i} may start a clause: the first word, or one after a joiner. */
  static boolean startsClause(List<String> words, int i) {
    return i == 0 || CLAUSE_JOINERS.contains(norm(words.get(i - 1)));
  }

  /**
   * A dense summary of an utterance for intents: the sum over its clauses of each clause's mean
   * word state, each mean scaled to unit length, so every clause counts once whatever its length.
   */
  static float[] clauseSummary(List<String> words, float[][] states) {
    int dim = states.length == 0 ? 0 : states[0].length;
    float[] sum = new float[dim];
    float[] clause = new float[dim];
    int members = 0;
    for (int i = 0; i <= words.size(); i++) {
      boolean end = i == words.size() || (i > 0 && startsClause(words, i));
      if (end && members > 0) {
        addUnit(sum, clause);
        java.util.Arrays.fill(clause, 0);
        members = 0;
      }
      if (i < words.size() && !CLAUSE_JOINERS.contains(norm(words.get(i)))) {
        for (int d = 0; d < dim; d++) {
          clause[d] += states[i][d];
        }
        members++;
      }
    }
    return sum;
  }

  private static void addUnit(float[] sum, float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm > 0) {
      float inv = (float) (SUMMARY_SCALE / Math.sqrt(norm));
      for (int d = 0; d < v.length; d++) {
        sum[d] += v[d] * inv;
      }
    }
  }

  /** Features of a whole utterance and of the slots found in it. */
  static List<String> utterance(List<String> words, List<Span> slots) {
    List<String> f = new ArrayList<>();
    f.add("bias");
    String prev = "<s>";
    for (String word : words) {
      String w = norm(word);
      f.add("u=" + w);
      f.add("bg=" + prev + "_" + w);
      prev = w;
    }
    f.add("bg=" + prev + "_</s>");
    String clause = "";
    for (int i = 0; i < words.size(); i++) {
      String before = i == 0 ? "<s>" : norm(words.get(i - 1));
      String w = norm(words.get(i));
      if (CLAUSE_JOINERS.contains(before)) {
        String next = i + 1 < words.size() ? norm(words.get(i + 1)) : "</s>";
        f.add("cs=" + w + "_" + next);
        clause = w + "_" + next;
      } else {
        f.add("cw=" + clause + "=" + w);
      }
    }
    for (Span slot : slots) {
      f.add("slot=" + slot.slot());
    }
    return f;
  }
}
