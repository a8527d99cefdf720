package dev.scion.nlu;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores of a model on annotated data: intent accuracy (the whole set of intents right), slot F1
 * (CoNLL spans, micro-averaged) and overall accuracy (all intents and all slots right).
 */
public record Evaluation(int n, double overallAccuracy, double intentAccuracy, double slotF1) {

  public static Evaluation of(IntentSlotModel model, List<Example> data) {
    return of(model, data, null);
  }

  /**
   * Scores with a weight per example (null: all 1): accuracies are weighted means and the slot
   * counts behind F1 are weighted sums, so that a sample can stand for a population with other
   * proportions.
   */
  public static Evaluation of(IntentSlotModel model, List<Example> data, double[] weights) {
    double intentsRight = 0;
    double allRight = 0;
    double total = 0;
    double tp = 0;
    double predicted = 0;
    double gold = 0;
    for (int i = 0; i < data.size(); i++) {
      Example e = data.get(i);
      double w = weights == null ? 1 : weights[i];
      Prediction p = model.predict(e.words());
      boolean intentOk = new HashSet<>(p.intents()).equals(new HashSet<>(e.intents()));
      Set<Span> goldSpans = new HashSet<>(Span.of(e.tags()));
      Set<Span> predSpans = new HashSet<>(p.slots());
      for (Span s : predSpans) {
        if (goldSpans.contains(s)) {
          tp += w;
        }
      }
      predicted += w * predSpans.size();
      gold += w * goldSpans.size();
      total += w;
      if (intentOk) {
        intentsRight += w;
        if (goldSpans.equals(predSpans)) {
          allRight += w;
        }
      }
    }
    double precision = predicted == 0 ? 1 : tp / predicted;
    double recall = gold == 0 ? 1 : tp / gold;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new Evaluation(data.size(), allRight / total, intentsRight / total, f1);
  }
}
