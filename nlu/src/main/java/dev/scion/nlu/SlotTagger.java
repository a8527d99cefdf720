package dev.scion.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * BIO slot tagging by an averaged structured perceptron, decoded by Viterbi restricted to valid
 * sequences ({@code I-x} only after {@code B-x} or {@code I-x}). Each position is scored from its
 * sparse lexical features and, when the model has an encoder, from the encoder's state of the word.
 */
final class SlotTagger {
  final List<String> labels;
  final float[] emission; // feature * L + label
  final float[] transition; // (previous + 1) * L + label; previous -1 is the start
  final float[] dense; // label * D + d over word states; empty without an encoder
  private final boolean[] allowed; // same layout as transition
  private final int n;
  private final int dim;

  SlotTagger(List<String> labels, float[] emission, float[] transition, float[] dense) {
    this.labels = List.copyOf(labels);
    this.n = labels.size();
    this.emission = emission;
    this.transition = transition;
    this.dense = dense;
    this.dim = dense.length / n;
    this.allowed = new boolean[(n + 1) * n];
    for (int prev = -1; prev < n; prev++) {
      for (int cur = 0; cur < n; cur++) {
        allowed[(prev + 1) * n + cur] =
            isAllowed(prev < 0 ? "O" : labels.get(prev), labels.get(cur));
      }
    }
  }

  private static boolean isAllowed(String prev, String cur) {
    if (!cur.startsWith("I-")) {
      return true;
    }
    String slot = cur.substring(2);
    return prev.equals("B-" + slot) || prev.equals("I-" + slot);
  }

  /**
   * The score of each label at each position, before transitions; {@code states} may be null
   * without an encoder.
   */
  float[][] emissions(int[][] features, float[][] states) {
    float[][] score = new float[features.length][n];
    for (int i = 0; i < features.length; i++) {
      float[] e = score[i];
      for (int f : features[i]) {
        int base = f * n;
        for (int y = 0; y < n; y++) {
          e[y] += emission[base + y];
        }
      }
      if (dim > 0) {
        float[] h = states[i];
        for (int y = 0; y < n; y++) {
          float s = 0;
          int base = y * dim;
          for (int d = 0; d < dim; d++) {
            s += dense[base + d] * h[d];
          }
          e[y] += s;
        }
      }
    }
    return score;
  }

  /** The best label of each position (Viterbi); {@code states} may be null without an encoder. */
  int[] decode(int[][] features, float[][] states) {
    return decode(emissions(features, states), null);
  }

  /**
   * The best label sequence over {@link #emissions}, using at each position {@code i} only the
   * labels {@code usable[i]} marks (all where {@code usable} or {@code usable[i]} is null; {@code
   * O} always).
   */
  int[] decode(float[][] emissions, boolean[][] usable) {
    int t = emissions.length;
    if (t == 0) {
      return new int[0];
    }
    float[][] score = new float[t][];
    for (int i = 0; i < t; i++) {
      score[i] = emissions[i].clone();
      if (usable != null && usable[i] != null) {
        for (int y = 1; y < n; y++) {
          if (!usable[i][y]) {
            score[i][y] = Float.NEGATIVE_INFINITY;
          }
        }
      }
    }
    int[][] back = new int[t][n];
    for (int y = 0; y < n; y++) {
      score[0][y] = allowed[y] ? score[0][y] + transition[y] : Float.NEGATIVE_INFINITY;
    }
    for (int i = 1; i < t; i++) {
      for (int y = 0; y < n; y++) {
        float best = Float.NEGATIVE_INFINITY;
        int arg = 0;
        for (int p = 0; p < n; p++) {
          int k = (p + 1) * n + y;
          if (allowed[k]) {
            float s = score[i - 1][p] + transition[k];
            if (s > best) {
              best = s;
              arg = p;
            }
          }
        }
        score[i][y] += best;
        back[i][y] = arg;
      }
    }
    int[] path = new int[t];
    int best = 0;
    for (int y = 1; y < n; y++) {
      if (score[t - 1][y] > score[t - 1][best]) {
        best = y;
      }
    }
    path[t - 1] = best;
    for (int i = t - 1; i > 0; i--) {
      path[i - 1] = back[i][path[i]];
    }
    return path;
  }

  /**
   * The score of the labels {@code path} gives positions {@code [from, to)}, transitions included.
   */
  float score(float[][] e, int[] path, int from, int to) {
    float s = 0;
    for (int i = from; i < to; i++) {
      int prev = i == 0 ? -1 : path[i - 1];
      s += e[i][path[i]] + transition[(prev + 1) * n + path[i]];
    }
    return s;
  }

  /**
   * The share of a word's sparse features left out, anew at every training step, so that no single
   * feature (such as the word itself) decides alone and the others, context and the word's encoder
   * state among them, learn as well.
   */
  static final double FEATURE_DROPOUT = 0.2;

  private static int[][] dropout(int[][] features, Random random) {
    int[][] out = new int[features.length][];
    for (int i = 0; i < features.length; i++) {
      int[] kept = new int[features[i].length];
      int k = 0;
      for (int f : features[i]) {
        if (random.nextDouble() >= FEATURE_DROPOUT) {
          kept[k++] = f;
        }
      }
      out[i] = Arrays.copyOf(kept, k);
    }
    return out;
  }

  /**
   * An ensemble of {@code members} taggers, each trained as {@link #train} does with its own seed
   * (its own shuffling and dropout), as one tagger: the sum of their weights. Members train in
   * parallel. On the MixSNIPS dev set, overall accuracy went from 0.752 with one perceptron without
   * dropout to 0.758 with five, and to 0.775 with five and dropout.
   */
  static SlotTagger ensemble(
      int members, Sentences data, int epochs, long seed, TrainingProgress progress) {
    List<SlotTagger> trained =
        java.util.stream.IntStream.range(0, members)
            .parallel()
            .mapToObj(
                m ->
                    train(
                        data,
                        epochs,
                        seed + 1000L * m,
                        line ->
                            progress.report("slot model " + (m + 1) + "/" + members + ", " + line)))
            .toList();
    SlotTagger sum = trained.getFirst();
    for (SlotTagger one : trained.subList(1, members)) {
      addTo(sum.emission, one.emission);
      addTo(sum.transition, one.transition);
      addTo(sum.dense, one.dense);
    }
    return sum;
  }

  private static void addTo(float[] sum, float[] w) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += w[i];
    }
  }

  /**
   * Training sentences: the labels, the number of sparse features, each sentence's feature ids per
   * position, its word states per position ({@code states} null and {@code dim} 0 without an
   * encoder) and its gold label ids.
   */
  record Sentences(
      List<String> labels,
      int features,
      List<int[][]> x,
      List<float[][]> states,
      int dim,
      List<int[]> y) {}

  /** Trains one tagger for {@code epochs} passes over the sentences. */
  static SlotTagger train(Sentences data, int epochs, long seed, TrainingProgress progress) {
    List<String> labels = data.labels();
    List<int[][]> x = data.x();
    List<float[][]> states = data.states();
    List<int[]> y = data.y();
    int dim = data.dim();
    int n = labels.size();
    AveragedWeights em = new AveragedWeights(data.features() * n);
    AveragedWeights tr = new AveragedWeights((n + 1) * n);
    AveragedWeights de = new AveragedWeights(dim * n);
    SlotTagger current = new SlotTagger(labels, em.w, tr.w, de.w);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < x.size(); i++) {
      order.add(i);
    }
    Random random = new Random(seed);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      Collections.shuffle(order, random);
      int mistakes = 0;
      for (int s : order) {
        int[][] feats = dropout(x.get(s), random);
        float[][] h = states == null ? null : states.get(s);
        int[] gold = y.get(s);
        int[] pred = current.decode(feats, h);
        if (!Arrays.equals(pred, gold)) {
          mistakes++;
          for (int i = 0; i < gold.length; i++) {
            int gp = i == 0 ? -1 : gold[i - 1];
            int pp = i == 0 ? -1 : pred[i - 1];
            if (gold[i] != pred[i] || gp != pp) {
              tr.add((gp + 1) * n + gold[i], 1);
              tr.add((pp + 1) * n + pred[i], -1);
            }
            if (gold[i] != pred[i]) {
              for (int f : feats[i]) {
                em.add(f * n + gold[i], 1);
                em.add(f * n + pred[i], -1);
              }
              for (int d = 0; d < dim; d++) {
                de.add(gold[i] * dim + d, h[i][d]);
                de.add(pred[i] * dim + d, -h[i][d]);
              }
            }
          }
        }
        em.tick();
        tr.tick();
        de.tick();
      }
      progress.report(
          "slots epoch "
              + epoch
              + "/"
              + epochs
              + ": "
              + mistakes
              + " sentences wrong of "
              + x.size());
    }
    return new SlotTagger(labels, em.average(), tr.average(), de.average());
  }
}
