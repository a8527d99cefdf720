package dev.scion.server.tenancy;

import dev.scion.models.OnnxEncoder;
import dev.scion.vector.Distance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Questions grouped by meaning: each distinct text is embedded with the encoder the knowledge bases
 * use for its language (bge-small, English or Chinese), and groups are merged by average linkage
 * over the vector engine's cosine similarity while the closest two are on average at least {@link
 * #SIMILARITY} alike. A group is shown by its most central question, the number of questions in it
 * and up to three other wordings. At most {@link #MAX_TEXTS} questions are grouped (the caller
 * keeps the latest), so that the cost stays bounded.
 */
public final class QuestionClusters {
  /** The most questions grouped at once. */
  public static final int MAX_TEXTS = 500;

  /**
   * The least average cosine similarity (bge-small) of two groups' questions for them to merge.
   * bge-small scores unrelated questions of one domain at about 0.5 to 0.65.
   */
  public static final float SIMILARITY = 0.65f;

  /** The most other wordings shown for a group. */
  public static final int EXAMPLES = 3;

  /** A group: its most central question, how many questions it holds, other wordings. */
  public record Cluster(String text, int count, List<String> examples) {}

  private final Function<String, OnnxEncoder> encoders;

  /**
   * @param encoders the process's encoders by name ({@link OnnxEncoder#BGE_SMALL_EN_V15}, {@link
   *     OnnxEncoder#BGE_SMALL_ZH_V15}); null groups only the same text (lower-cased) together
   */
  public QuestionClusters(Function<String, OnnxEncoder> encoders) {
    this.encoders = encoders;
  }

  /** The groups of {@code texts} (the last {@link #MAX_TEXTS} of them), largest first. */
  public List<Cluster> cluster(List<String> texts) {
    Map<String, Integer> counts =
        distinct(texts.subList(Math.max(0, texts.size() - MAX_TEXTS), texts.size()));
    List<Cluster> out = new ArrayList<>();
    if (encoders == null) {
      counts.forEach((t, n) -> out.add(new Cluster(t, n, List.of())));
    } else {
      Map<Boolean, List<String>> byLanguage = new LinkedHashMap<>();
      for (String t : counts.keySet()) {
        byLanguage.computeIfAbsent(chinese(t), k -> new ArrayList<>()).add(t);
      }
      byLanguage.forEach(
          (zh, group) ->
              out.addAll(
                  groups(
                      group,
                      counts,
                      encoders.apply(
                          zh ? OnnxEncoder.BGE_SMALL_ZH_V15 : OnnxEncoder.BGE_SMALL_EN_V15))));
    }
    out.sort(Comparator.comparingInt(Cluster::count).reversed());
    return out;
  }

  /**
   * The distinct texts, stripped and lower-cased, with how often each came, most frequent first.
   */
  private static Map<String, Integer> distinct(List<String> texts) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String t : texts) {
      String key = t.strip().toLowerCase(Locale.ROOT);
      if (!key.isEmpty()) {
        counts.merge(key, 1, Integer::sum);
      }
    }
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
    Map<String, Integer> out = new LinkedHashMap<>();
    sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static boolean chinese(String text) {
    return text.codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }

  /**
   * Average-linkage grouping: the two groups whose questions are closest on average (cosine
   * similarity by the vector engine) are merged, again and again, while that average is at least
   * {@link #SIMILARITY}.
   */
  private static List<Cluster> groups(
      List<String> texts, Map<String, Integer> counts, OnnxEncoder encoder) {
    float[][] vectors = encoder.embed(texts);
    int n = texts.size();
    float[][] pair = new float[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        pair[i][j] = pair[j][i] = Distance.COSINE.score(vectors[i], vectors[j]);
      }
    }
    float[][] link = new float[n][];
    List<List<Integer>> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      link[i] = pair[i].clone();
      members.add(new ArrayList<>(List.of(i)));
    }
    boolean[] gone = new boolean[n];
    while (true) {
      int a = -1;
      int b = -1;
      float best = SIMILARITY;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n && !gone[i]; j++) {
          if (!gone[j] && link[i][j] >= best) {
            best = link[i][j];
            a = i;
            b = j;
          }
        }
      }
      if (a < 0) {
        break;
      }
      merge(a, b, link, members, gone);
    }
    List<Cluster> out = new ArrayList<>();
    for (int g = 0; g < n; g++) {
      if (!gone[g]) {
        out.add(summary(members.get(g), pair, texts, counts));
      }
    }
    return out;
  }

  /** Merges group {@code b} into {@code a}, their links to the others averaged by size. */
  private static void merge(
      int a, int b, float[][] link, List<List<Integer>> members, boolean[] gone) {
    int na = members.get(a).size();
    int nb = members.get(b).size();
    for (int k = 0; k < link.length; k++) {
      if (!gone[k] && k != a && k != b) {
        link[a][k] = link[k][a] = (na * link[a][k] + nb * link[b][k]) / (na + nb);
      }
    }
    members.get(a).addAll(members.get(b));
    members.get(a).sort(null); // most asked first, as the texts are
    gone[b] = true;
  }

  /** A group shown by its question closest to the others on average, its size, other wordings. */
  private static Cluster summary(
      List<Integer> group, float[][] pair, List<String> texts, Map<String, Integer> counts) {
    int central = group.getFirst();
    float best = Float.NEGATIVE_INFINITY;
    int count = 0;
    for (int i : group) {
      count += counts.get(texts.get(i));
      float sum = 0;
      for (int j : group) {
        sum += pair[i][j];
      }
      if (sum > best) {
        best = sum;
        central = i;
      }
    }
    int shown = central;
    List<String> examples =
        group.stream().filter(i -> i != shown).limit(EXAMPLES).map(texts::get).toList();
    return new Cluster(texts.get(central), count, examples);
  }
}
