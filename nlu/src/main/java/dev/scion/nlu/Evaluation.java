package dev.scion.nlu;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores of a model on annotated data: intent accuracy (the whole set of intents right), slot F1
 * (CoNLL spans, micro-averaged) and overall accuracy (all intents and all slots right).
 */
public record Evaluation(int n, double overallAccuracy, double intentAccuracy, double slotF1) {

  public static Evaluation of(JointModel model, List<Example> data) {
    int intentsRight = 0;
    int allRight = 0;
    long tp = 0;
    long predicted = 0;
    long gold = 0;
    for (Example e : data) {
      Prediction p = model.predict(e.words());
      boolean intentOk = new HashSet<>(p.intents()).equals(new HashSet<>(e.intents()));
      Set<Span> goldSpans = new HashSet<>(Span.of(e.tags()));
      Set<Span> predSpans = new HashSet<>(p.slots());
      for (Span s : predSpans) {
        if (goldSpans.contains(s)) {
          tp++;
        }
      }
      predicted += predSpans.size();
      gold += goldSpans.size();
      if (intentOk) {
        intentsRight++;
        if (goldSpans.equals(predSpans)) {
          allRight++;
        }
      }
    }
    double precision = predicted == 0 ? 1 : (double) tp / predicted;
    double recall = gold == 0 ? 1 : (double) tp / gold;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new Evaluation(
        data.size(), (double) allRight / data.size(), (double) intentsRight / data.size(), f1);
  }
}
