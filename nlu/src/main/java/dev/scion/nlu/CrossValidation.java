package dev.scion.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * K-fold cross-validation grouped by clause, for multi-intent data where an utterance is clauses
 * joined by "and" or a comma and the same clause recurs in many utterances (MixATIS builds about
 * 13,000 utterances from about 4,500 ATIS sentences).
 *
 * <p>Plain k-fold would score a model on clauses it was trained on. Here each distinct clause is
 * given to one fold (seeded shuffle); fold k tests the utterances whose every clause is in fold k
 * and trains on the utterances that have no clause in fold k, so no test clause is ever seen in
 * training. Utterances whose clauses straddle folds are trained on where they can be and tested in
 * no fold. Because an utterance of one clause lands whole in a fold more often than one of three,
 * each test utterance is weighted so that the test folds keep the data's proportions of utterances
 * with one, two and three or more intents.
 */
public final class CrossValidation {
  private CrossValidation() {}

  /** Words that join clauses when they are outside every slot. */
  private static final Set<String> JOINERS = Set.of("and", ",", "also", "then", "&");

  /** One fold: what to train on, what to test on, and the weight of each test utterance. */
  public record Fold(int index, List<Example> train, List<Example> test, double[] testWeights) {}

  /** The scores of each fold, their mean and their standard deviation. */
  public record Result(
      long seed, List<Fold> folds, List<Evaluation> scores, Evaluation mean, Evaluation std) {}

  /** The clauses of an utterance: its words split at joining words tagged O. */
  public static List<String> clauses(Example e) {
    List<String> out = new ArrayList<>();
    StringBuilder clause = new StringBuilder();
    for (int i = 0; i < e.words().size(); i++) {
      String w = e.words().get(i).toLowerCase(Locale.ROOT);
      if (e.tags().get(i).equals("O") && JOINERS.contains(w)) {
        if (!clause.isEmpty()) {
          out.add(clause.toString());
          clause.setLength(0);
        }
        continue;
      }
      if (!clause.isEmpty()) {
        clause.append(' ');
      }
      clause.append(w);
    }
    if (!clause.isEmpty() || out.isEmpty()) {
      out.add(clause.toString());
    }
    return out;
  }

  /** Splits the data into {@code k} clause-grouped folds. */
  public static List<Fold> folds(List<Example> data, int k, long seed) {
    if (k < 2) {
      throw new NluException(
          "cross-validation needs at least 2 folds (--folds 2 or more), not " + k);
    }
    List<List<String>> clausesOf = data.stream().map(CrossValidation::clauses).toList();
    List<String> distinct =
        new ArrayList<>(new TreeSet<>(clausesOf.stream().flatMap(List::stream).toList()));
    java.util.Collections.shuffle(distinct, new Random(seed));
    Map<String, Integer> foldOf = new HashMap<>();
    for (int i = 0; i < distinct.size(); i++) {
      foldOf.put(distinct.get(i), i % k);
    }
    Map<Integer, Double> share = stratumShares(data);
    List<Fold> folds = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      List<Example> train = new ArrayList<>();
      List<Example> test = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) {
        int fold = f;
        List<String> cs = clausesOf.get(i);
        if (cs.stream().allMatch(c -> foldOf.get(c) == fold)) {
          test.add(data.get(i));
        } else if (cs.stream().noneMatch(c -> foldOf.get(c) == fold)) {
          train.add(data.get(i));
        }
      }
      folds.add(new Fold(f, train, test, weights(test, share)));
    }
    return folds;
  }

  /** The stratum of an utterance: its number of intents, three or more counted as three. */
  private static int stratum(Example e) {
    return Math.min(3, e.intents().size());
  }

  private static Map<Integer, Double> stratumShares(List<Example> data) {
    Map<Integer, Double> share = new HashMap<>();
    for (Example e : data) {
      share.merge(stratum(e), 1.0 / data.size(), Double::sum);
    }
    return share;
  }

  /** Weights that give the test utterances of each stratum the stratum's share of all the data. */
  private static double[] weights(List<Example> test, Map<Integer, Double> share) {
    Map<Integer, Double> inTest = stratumShares(test);
    double present = inTest.keySet().stream().mapToDouble(share::get).sum();
    double[] w = new double[test.size()];
    for (int i = 0; i < w.length; i++) {
      int s = stratum(test.get(i));
      w[i] = share.get(s) / present / inTest.get(s);
    }
    return w;
  }

  /**
   * Trains and scores a model on {@code runFolds} of the {@code k} folds, from fold {@code
   * firstFold} (0-based); reports progress a line at a time.
   */
  public static Result run(
      List<Example> data,
      int k,
      long seed,
      int firstFold,
      int runFolds,
      IntentSlotModel.Trainer trainer,
      TrainingProgress progress) {
    if (firstFold < 0 || firstFold >= k) {
      throw new NluException(
          "fold " + (firstFold + 1) + " does not exist; give --first-fold 1 to " + k);
    }
    List<Fold> folds =
        folds(data, k, seed)
            .subList(firstFold, Math.max(firstFold + 1, Math.min(k, firstFold + runFolds)));
    List<Evaluation> scores = new ArrayList<>();
    for (Fold fold : folds) {
      progress.report(
          String.format(
              Locale.ROOT,
              "fold %d/%d: training on %d utterances, testing on %d (seed %d)",
              fold.index() + 1,
              k,
              fold.train().size(),
              fold.test().size(),
              seed));
      IntentSlotModel model = trainer.train(fold.train(), line -> progress.report("  " + line));
      Evaluation e = Evaluation.of(model, fold.test(), fold.testWeights());
      progress.report(
          String.format(
              Locale.ROOT,
              "fold %d/%d: overall %.4f, intents %.4f, slot F1 %.4f",
              fold.index() + 1,
              k,
              e.overallAccuracy(),
              e.intentAccuracy(),
              e.slotF1()));
      scores.add(e);
    }
    return new Result(seed, folds, scores, mean(scores), std(scores));
  }

  private static Evaluation mean(List<Evaluation> s) {
    return new Evaluation(
        s.stream().mapToInt(Evaluation::n).sum(),
        s.stream().mapToDouble(Evaluation::overallAccuracy).average().orElse(0),
        s.stream().mapToDouble(Evaluation::intentAccuracy).average().orElse(0),
        s.stream().mapToDouble(Evaluation::slotF1).average().orElse(0));
  }

  /** Sample standard deviation across folds. */
  private static Evaluation std(List<Evaluation> s) {
    Evaluation m = mean(s);
    return new Evaluation(
        s.size(),
        sd(s.stream().mapToDouble(Evaluation::overallAccuracy).toArray(), m.overallAccuracy()),
        sd(s.stream().mapToDouble(Evaluation::intentAccuracy).toArray(), m.intentAccuracy()),
        sd(s.stream().mapToDouble(Evaluation::slotF1).toArray(), m.slotF1()));
  }

  private static double sd(double[] v, double mean) {
    if (v.length < 2) {
      return 0;
    }
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / (v.length - 1));
  }
}
