package dev.scion.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Multi-label intents: one averaged perceptron per intent over utterance features. An intent is
 * predicted when its score is positive; when none is, the best-scoring one.
 */
final class IntentClassifier {
  static final int MAX_COUNT = 4;

  final List<String> intents;
  final float[] weights; // feature * K + intent
  final float[] countWeights; // feature * MAX_COUNT + (count - 1)
  private final int k;

  IntentClassifier(List<String> intents, float[] weights, float[] countWeights) {
    this.intents = List.copyOf(intents);
    this.k = intents.size();
    this.weights = weights;
    this.countWeights = countWeights;
  }

  /** How many intents the utterance has (1 to MAX_COUNT), by a multiclass perceptron. */
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

  float[] scores(int[] features) {
    float[] s = new float[k];
    for (int f : features) {
      int base = f * k;
      for (int j = 0; j < k; j++) {
        s[j] += weights[base + j];
      }
    }
    return s;
  }

  /** The intents: the {@link #count} best-scoring ones. */
  boolean[] predict(int[] features) {
    return top(scores(features), count(features));
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

  static IntentClassifier train(
      List<String> intents,
      int features,
      List<int[]> x,
      List<boolean[]> y,
      int epochs,
      long seed,
      TrainingProgress progress) {
    int k = intents.size();
    AveragedWeights w = new AveragedWeights(features * k);
    AveragedWeights cw = new AveragedWeights(features * MAX_COUNT);
    IntentClassifier current = new IntentClassifier(intents, w.w, cw.w);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < x.size(); i++) {
      order.add(i);
    }
    Random random = new Random(seed);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      java.util.Collections.shuffle(order, random);
      int wrong = 0;
      for (int s : order) {
        int[] feats = x.get(s);
        boolean[] gold = y.get(s);
        int goldCount = 0;
        for (boolean g : gold) {
          goldCount += g ? 1 : 0;
        }
        // Each intent's perceptron learns alone whether its intent is present; the count model
        // decides how many of the best scores to take.
        float[] scores = current.scores(feats);
        boolean mistake = false;
        for (int j = 0; j < k; j++) {
          if ((scores[j] > 0) != gold[j]) {
            mistake = true;
            float delta = gold[j] ? 1 : -1;
            for (int f : feats) {
              w.add(f * k + j, delta);
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
    return new IntentClassifier(intents, w.average(), cw.average());
  }
}
