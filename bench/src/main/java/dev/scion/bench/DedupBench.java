package dev.scion.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.datakit.Doc;
import dev.scion.datakit.MinHashDedup;
import dev.scion.datakit.Progress;
import dev.scion.datakit.SimilarPairs;
import dev.scion.datakit.Text;
import dev.scion.datakit.UnionFind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deduplication benchmarks, each side by side with the usual way in one run:
 *
 * <ul>
 *   <li>semantic: pairs of text vectors above a cosine threshold, found within k-means parts,
 *       against exact all-pairs cosine over the same vectors (same kernels, same threads);
 *   <li>MinHash: documents/s on one core against a straightforward reference implementation, and
 *       pair precision and recall on a labelled near-duplicate set made from real text (WordNet
 *       glosses) with known edits.
 * </ul>
 */
public final class DedupBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DedupBench() {}

  /** Semantic dedup of the first {@code n} vectors of {@code fvecs} against all pairs. */
  public static Map<String, Object> semantic(Path fvecs, int n, double threshold, PrintStream log)
      throws IOException {
    float[][] rows = Dataset.readFvecs(fvecs);
    n = Math.min(n, rows.length);
    int dim = rows[0].length;
    float[] v = new float[n * dim];
    for (int i = 0; i < n; i++) {
      float[] r = rows[i].clone();
      dev.scion.models.OnnxEncoder.normalize(r);
      System.arraycopy(r, 0, v, i * dim, dim);
    }
    rows = null;
    float t = (float) threshold;
    log.printf(
        Locale.ROOT, "semantic: %,d vectors of %d dimensions, cosine >= %s%n", n, dim, threshold);
    long t0 = System.nanoTime();
    SimilarPairs.Collector parts = new SimilarPairs.Collector();
    SimilarPairs.partitioned(v, n, dim, t, 0, 2, 1, parts);
    double scion = (System.nanoTime() - t0) / 1e9;
    long[] found = parts.keys();
    log.printf(Locale.ROOT, "  scion (k-means parts): %.1f s, %,d pairs%n", scion, found.length);
    t0 = System.nanoTime();
    SimilarPairs.Collector all = new SimilarPairs.Collector();
    SimilarPairs.allPairs(v, n, dim, t, all);
    double baseline = (System.nanoTime() - t0) / 1e9;
    long[] exact = all.keys();
    int hit = 0;
    for (long k : found) {
      hit += Arrays.binarySearch(exact, k) >= 0 ? 1 : 0;
    }
    double recall = exact.length == 0 ? 1 : (double) hit / exact.length;
    log.printf(
        Locale.ROOT,
        "  baseline (all pairs): %.1f s, %,d pairs; speed-up %.1fx, pair recall %.4f%n",
        baseline,
        exact.length,
        baseline / scion,
        recall);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vectors", fvecs.toString());
    m.put("n", n);
    m.put("dim", dim);
    m.put("threshold", threshold);
    m.put("threads", Runtime.getRuntime().availableProcessors());
    m.put("scion_seconds", round(scion));
    m.put("baseline_seconds", round(baseline));
    m.put("speedup", round(baseline / scion));
    m.put("baseline_pairs", exact.length);
    m.put("scion_pairs", found.length);
    m.put("pair_recall", round(recall));
    return m;
  }

  // ---- MinHash ----

  /** A labelled near-duplicate set: documents, and every pair of one family with its Jaccard. */
  public record LabelledSet(List<String> texts, List<long[]> familyPairs, List<Double> jaccard) {}

  /**
   * Documents of about 60-120 words, each made of consecutive WordNet glosses; about a third get
   * one to three copies with random word edits (substitute, delete, insert, swap) at a rate between
   * 0 and 15%. Each pair within a family is labelled with its exact Jaccard similarity of word
   * 5-gram sets. Documents are shuffled.
   */
  public static LabelledSet labelledSet(List<String> glosses, int bases, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> vocabulary = new ArrayList<>();
    List<List<String>> families = new ArrayList<>();
    int g = 0;
    for (int b = 0; b < bases && g < glosses.size(); b++) {
      List<String> words = new ArrayList<>();
      int target = random.nextInt(60, 121);
      while (words.size() < target && g < glosses.size()) {
        words.addAll(Arrays.asList(glosses.get(g++).split("\\s+")));
      }
      if (vocabulary.size() < 50_000) {
        vocabulary.addAll(words);
      }
      List<String> family = new ArrayList<>();
      family.add(String.join(" ", words));
      if (random.nextInt(3) == 0) {
        int copies = random.nextInt(1, 4);
        for (int c = 0; c < copies; c++) {
          family.add(edit(words, random.nextDouble() * 0.15, vocabulary, random));
        }
      }
      families.add(family);
    }
    List<String> texts = new ArrayList<>();
    List<Integer> familyOf = new ArrayList<>();
    for (int f = 0; f < families.size(); f++) {
      for (String t : families.get(f)) {
        texts.add(t);
        familyOf.add(f);
      }
    }
    Integer[] order = new Integer[texts.size()];
    Arrays.setAll(order, i -> i);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    List<String> shuffled = new ArrayList<>();
    Map<Integer, List<Integer>> members = new HashMap<>();
    for (int pos = 0; pos < order.length; pos++) {
      shuffled.add(texts.get(order[pos]));
      members.computeIfAbsent(familyOf.get(order[pos]), f -> new ArrayList<>()).add(pos);
    }
    List<long[]> pairs = new ArrayList<>();
    List<Double> jaccard = new ArrayList<>();
    for (List<Integer> m : members.values()) {
      for (int a = 0; a < m.size(); a++) {
        for (int b = a + 1; b < m.size(); b++) {
          int i = Math.min(m.get(a), m.get(b));
          int j = Math.max(m.get(a), m.get(b));
          pairs.add(new long[] {i, j});
          jaccard.add(exactJaccard(shuffled.get(i), shuffled.get(j), 5));
        }
      }
    }
    return new LabelledSet(shuffled, pairs, jaccard);
  }

  private static String edit(
      List<String> words, double rate, List<String> vocab, SplittableRandom r) {
    List<String> out = new ArrayList<>(words);
    int edits = (int) Math.round(rate * words.size());
    for (int e = 0; e < edits && out.size() > 2; e++) {
      int at = r.nextInt(out.size());
      switch (r.nextInt(4)) {
        case 0 -> out.set(at, vocab.get(r.nextInt(vocab.size())));
        case 1 -> out.remove(at);
        case 2 -> out.add(at, vocab.get(r.nextInt(vocab.size())));
        default -> {
          int other = Math.min(out.size() - 1, at + 1);
          String tmp = out.get(at);
          out.set(at, out.get(other));
          out.set(other, tmp);
        }
      }
    }
    return String.join(" ", out);
  }

  /** The Jaccard similarity of the sets of word n-grams (as strings) of two texts. */
  static double exactJaccard(String a, String b, int n) {
    Set<String> x = grams(a, n);
    Set<String> y = grams(b, n);
    int common = 0;
    for (String s : x) {
      common += y.contains(s) ? 1 : 0;
    }
    int union = x.size() + y.size() - common;
    return union == 0 ? 1 : (double) common / union;
  }

  private static Set<String> grams(String text, int n) {
    List<String> w = Text.words(text);
    Set<String> out = new HashSet<>();
    if (w.isEmpty()) {
      return out;
    }
    for (int i = 0; i + n <= Math.max(n, w.size()); i++) {
      out.add(String.join(" ", w.subList(i, Math.min(w.size(), i + n))));
    }
    return out;
  }

  /** MinHash on a labelled set: throughput beside the reference, pair precision and recall. */
  public static Map<String, Object> minhash(
      List<String> glosses, int bases, double threshold, long seed, Path writeSet, PrintStream log)
      throws IOException {
    LabelledSet set = labelledSet(glosses, bases, seed);
    Set<Long> positives = new HashSet<>();
    for (int p = 0; p < set.familyPairs().size(); p++) {
      if (set.jaccard().get(p) >= threshold) {
        long[] ij = set.familyPairs().get(p);
        positives.add(ij[0] << 32 | ij[1]);
      }
    }
    log.printf(
        Locale.ROOT,
        "minhash: %,d documents, %,d labelled pairs, %,d with Jaccard >= %s (seed %d)%n",
        set.texts().size(),
        set.familyPairs().size(),
        positives.size(),
        threshold,
        seed);
    if (writeSet != null) {
      write(set, writeSet);
      log.println("  labelled set written to " + writeSet);
    }
    MinHashDedup.Options options = MinHashDedup.Options.DEFAULT.withThreshold(threshold);
    UnionFind groups;
    double scionSeconds;
    try (MinHashDedup d = new MinHashDedup(options)) {
      long t0 = System.nanoTime();
      groups = cluster(d, set.texts());
      scionSeconds = (System.nanoTime() - t0) / 1e9;
      log.printf(
          Locale.ROOT,
          "  scion: %d bands x %d rows, %,.0f docs/s on one core%n",
          d.bands(),
          d.rows(),
          set.texts().size() / scionSeconds);
    }
    long t0 = System.nanoTime();
    UnionFind reference = ReferenceMinHash.run(set.texts(), 5, 128, threshold, seed);
    double referenceSeconds = (System.nanoTime() - t0) / 1e9;
    log.printf(
        Locale.ROOT,
        "  reference: %,.0f docs/s on one core; scion is %.1fx faster%n",
        set.texts().size() / referenceSeconds,
        referenceSeconds / scionSeconds);
    Map<String, Object> scores = score(groups, set, positives, threshold);
    Map<String, Object> singleScores;
    try (MinHashDedup d = new MinHashDedup(options.withMajority(false))) {
      singleScores = score(cluster(d, set.texts()), set, positives, threshold);
    }
    Map<String, Object> refScores = score(reference, set, positives, threshold);
    log.printf(
        Locale.ROOT,
        "  pairs: scion precision %s recall %s; single linkage %s and %s; reference %s and %s%n",
        scores.get("precision"),
        scores.get("recall"),
        singleScores.get("precision"),
        singleScores.get("recall"),
        refScores.get("precision"),
        refScores.get("recall"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("documents", set.texts().size());
    m.put("threshold", threshold);
    m.put("seed", seed);
    m.put("positive_pairs", positives.size());
    m.put("scion_docs_per_second", Math.round(set.texts().size() / scionSeconds));
    m.put("reference_docs_per_second", Math.round(set.texts().size() / referenceSeconds));
    m.put("speedup", round(referenceSeconds / scionSeconds));
    m.put("scion", scores);
    m.put("scion_single_linkage", singleScores);
    m.put("reference", refScores);
    return m;
  }

  /** Feeds the texts to a deduplicator in order and returns its groups. */
  private static UnionFind cluster(MinHashDedup d, List<String> texts) {
    for (int i = 0; i < texts.size(); i++) {
      ObjectNode o = JSON.createObjectNode();
      o.put("text", texts.get(i));
      d.add(new Doc(i, i + 1, o));
    }
    return d.finish(Progress.silent());
  }

  /** Pair precision and recall of clusters: a predicted pair is right when its Jaccard passes. */
  private static Map<String, Object> score(
      UnionFind groups, LabelledSet set, Set<Long> positives, double threshold) {
    int n = set.texts().size();
    groups.grow(n);
    Map<Integer, List<Integer>> clusters = new HashMap<>();
    for (int i = 0; i < n; i++) {
      clusters.computeIfAbsent(groups.find(i), r -> new ArrayList<>()).add(i);
    }
    long predicted = 0;
    long correct = 0;
    long foundPositives = 0;
    for (List<Integer> c : clusters.values()) {
      for (int a = 0; a < c.size(); a++) {
        for (int b = a + 1; b < c.size(); b++) {
          long key = (long) c.get(a) << 32 | c.get(b);
          predicted++;
          if (positives.contains(key)) {
            correct++;
            foundPositives++;
          } else if (exactJaccard(set.texts().get(c.get(a)), set.texts().get(c.get(b)), 5)
              >= threshold) {
            correct++;
          }
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("predicted_pairs", predicted);
    m.put("precision", round(predicted == 0 ? 1 : (double) correct / predicted));
    m.put("recall", round(positives.isEmpty() ? 1 : (double) foundPositives / positives.size()));
    return m;
  }

  private static void write(LabelledSet set, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < set.texts().size(); i++) {
      ObjectNode o = JSON.createObjectNode();
      o.put("id", i);
      o.put("text", set.texts().get(i));
      docs.add(o.toString());
    }
    Files.write(dir.resolve("docs.jsonl"), docs);
    List<String> pairs = new ArrayList<>();
    for (int p = 0; p < set.familyPairs().size(); p++) {
      ObjectNode o = JSON.createObjectNode();
      o.put("a", set.familyPairs().get(p)[0]);
      o.put("b", set.familyPairs().get(p)[1]);
      o.put("jaccard", round(set.jaccard().get(p)));
      pairs.add(o.toString());
    }
    Files.write(dir.resolve("pairs.jsonl"), pairs);
  }

  static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }
}
