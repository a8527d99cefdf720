package dev.scion.nlu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Multi-label intents: a multiclass perceptron decides how many intents an utterance has, and one
 * averaged perceptron per intent scores each intent; the best-scoring ones are taken. Trained as an
 * ensemble of perceptrons with feature dropout, kept as the mean of their weights. Scores read the
 * utterance's sparse features and, with an encoder, a dense summary of its clauses.
 */
final class IntentClassifier {
  static final int MAX_COUNT = 4;

  final List<String> intents;
  final float[] weights; // feature * K + intent
  final float[] countWeights; // feature * MAX_COUNT + (count - 1)
  final float[] dense; // intent * D + d; empty without an encoder
  private final int k;
  private final int dim;

  IntentClassifier(List<String> intents, float[] weights, float[] countWeights, float[] dense) {
    this.intents = List.copyOf(intents);
    this.k = intents.size();
    this.weights = weights;
    this.countWeights = countWeights;
    this.dense = dense;
    this.dim = dense.length / k;
  }

  /** How many intents the utterance has (1 to MAX_COUNT). */
  int count(int[] features) {
    float[] s = new float[MAX_COUNT];
    for (int f : features) {
      for (int c = 0; c < MAX_COUNT; c++) {
        s[c] += countWeights[f * MAX_COUNT + c];
      }
    }
    int best = 0;
    for (int c = 1; c < MAX_COUNT; c++) {
      if (s[c] > s[best]) {
        best = c;
      }
    }
    return best + 1;
  }

  float[] scores(int[] features, float[] summary) {
    float[] s = new float[k];
    for (int f : features) {
      int base = f * k;
      for (int j = 0; j < k; j++) {
        s[j] += weights[base + j];
      }
    }
    for (int j = 0; j < k && dim > 0; j++) {
      int base = j * dim;
      for (int d = 0; d < dim; d++) {
        s[j] += dense[base + d] * summary[d];
      }
    }
    return s;
  }

  /**
   * How far the intents' scores are from changing the decision {@code taken}: the smallest score of
   * a taken intent and the smallest negated score of the others, whichever is lower. Each intent's
   * perceptron learns alone whether its intent is there (score above 0), so a negative margin means
   * some perceptron disagrees with the decision.
   */
  static double margin(float[] s, boolean[] taken) {
    double m = Double.POSITIVE_INFINITY;
    for (int j = 0; j < s.length; j++) {
      m = Math.min(m, taken[j] ? s[j] : -s[j]);
    }
    return m;
  }

  /** Marks the {@code n} best scores. */
  boolean[] top(float[] s, int n) {
    boolean[] out = new boolean[k];
    n = Math.min(n, k);
    for (int taken = 0; taken < n; taken++) {
      int best = -1;
      for (int j = 0; j < k; j++) {
        if (!out[j] && (best < 0 || s[j] > s[best])) {
          best = j;
        }
      }
      out[best] = true;
    }
    return out;
  }

  /**
   * The share of an utterance's sparse features left out, anew at every training step, so that the
   * intents are not decided by a few words of the training clauses (most MixATIS clauses recur in
   * many utterances).
   */
  static final double FEATURE_DROPOUT = 0.2;

  /**
   * An ensemble of {@code members} classifiers, each trained with its own seed (shuffling) and,
   * when there are several, feature dropout, as one classifier: the mean of their weights. One
   * member trains exactly as a single perceptron without dropout.
   */
  static IntentClassifier train(
      List<String> intents,
      int features,
      List<int[]> x,
      List<float[]> summaries,
      int dim,
      List<boolean[]> y,
      int epochs,
      long seed,
      int members,
      TrainingProgress progress) {
    List<IntentClassifier> trained =
        java.util.stream.IntStream.range(0, members)
            .parallel()
            .mapToObj(
                m ->
                    trainOne(
                        intents,
                        features,
                        x,
                        summaries,
                        dim,
                        y,
                        epochs,
                        seed + 1000L * m,
                        members == 1 ? 0 : FEATURE_DROPOUT,
                        line ->
                            progress.report(
                                "intent model " + (m + 1) + "/" + members + ", " + line)))
            .toList();
    IntentClassifier mean = trained.getFirst();
    for (IntentClassifier one : trained.subList(1, members)) {
      addTo(mean.weights, one.weights);
      addTo(mean.countWeights, one.countWeights);
      addTo(mean.dense, one.dense);
    }
    for (float[] a : List.of(mean.weights, mean.countWeights, mean.dense)) {
      for (int i = 0; i < a.length; i++) {
        a[i] /= members;
      }
    }
    return mean;
  }

  private static void addTo(float[] sum, float[] w) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += w[i];
    }
  }

  private static int[] dropout(int[] features, Random random, double p) {
    if (p == 0) {
      return features;
    }
    int[] kept = new int[features.length];
    int n = 0;
    for (int f : features) {
      if (random.nextDouble() >= p) {
        kept[n++] = f;
      }
    }
    return java.util.Arrays.copyOf(kept, n);
  }

  private static IntentClassifier trainOne(
      List<String> intents,
      int features,
      List<int[]> x,
      List<float[]> summaries,
      int dim,
      List<boolean[]> y,
      int epochs,
      long seed,
      double drop,
      TrainingProgress progress) {
    int k = intents.size();
    AveragedWeights w = new AveragedWeights(features * k);
    AveragedWeights cw = new AveragedWeights(features * MAX_COUNT);
    AveragedWeights dw = new AveragedWeights(dim * k);
    IntentClassifier current = new IntentClassifier(intents, w.w, cw.w, dw.w);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < x.size(); i++) {
      order.add(i);
    }
    Random random = new Random(seed);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      Collections.shuffle(order, random);
      int wrong = 0;
      for (int s : order) {
        int[] feats = dropout(x.get(s), random, drop);
        float[] summary = summaries == null ? null : summaries.get(s);
        boolean[] gold = y.get(s);
        // Each intent's perceptron learns alone whether its intent is present; the count model
        // decides how many of the best scores to take.
        float[] scores = current.scores(feats, summary);
        boolean mistake = false;
        int goldCount = 0;
        for (int j = 0; j < k; j++) {
          goldCount += gold[j] ? 1 : 0;
          if ((scores[j] > 0) != gold[j]) {
            mistake = true;
            float delta = gold[j] ? 1 : -1;
            for (int f : feats) {
              w.add(f * k + j, delta);
            }
            for (int d = 0; d < dim; d++) {
              dw.add(j * dim + d, delta * summary[d]);
            }
          }
        }
        goldCount = Math.min(goldCount, MAX_COUNT);
        int predictedCount = current.count(feats);
        if (predictedCount != goldCount) {
          for (int f : feats) {
            cw.add(f * MAX_COUNT + goldCount - 1, 1);
            cw.add(f * MAX_COUNT + predictedCount - 1, -1);
          }
        }
        if (mistake) {
          wrong++;
        }
        w.tick();
        cw.tick();
        dw.tick();
      }
      progress.report(
          "intents epoch "
              + epoch
              + "/"
              + epochs
              + ": "
              + wrong
              + " utterances wrong of "
              + x.size());
    }
    return new IntentClassifier(intents, w.average(), cw.average(), dw.average());
  }
}
