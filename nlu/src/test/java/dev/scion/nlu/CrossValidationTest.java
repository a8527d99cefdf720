package dev.scion.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrossValidationTest {
  private static final long SEED = Long.getLong("tests.seed", 23);

  /** Utterances of one to three clauses drawn from a small pool, so clauses recur across them. */
  private static List<Example> clauseSharingData(long seed, int n) {
    Random r = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> words = new ArrayList<>();
      List<String> tags = new ArrayList<>();
      List<String> intents = new ArrayList<>();
      int clauses = 1 + r.nextInt(3);
      for (int c = 0; c < clauses; c++) {
        if (c > 0) {
          words.add("and");
          tags.add("O");
          if (r.nextBoolean()) {
            words.add("also");
            tags.add("O");
          }
        }
        int k = r.nextInt(40);
        String intent = "intent" + (k % 4);
        if (intents.contains(intent)) {
          intent = intent + "_again" + c;
        }
        intents.add(intent);
        words.addAll(List.of("please", "do", "thing" + k, "in"));
        tags.addAll(List.of("O", "O", "O", "O"));
        words.add("city" + (k % 7));
        tags.add("B-city");
      }
      out.add(new Example(words, tags, intents));
    }
    return out;
  }

  @Test
  void clausesSplitAtJoiningWordsOutsideSlots() {
    Example e =
        new Example(
            List.of("fly", "to", "rock", "and", "roll", "and", "also", "show", "fares"),
            List.of("O", "O", "B-x", "I-x", "I-x", "O", "O", "O", "O"),
            List.of("a", "b"));
    assertEquals(List.of("fly to rock and roll", "show fares"), CrossValidation.clauses(e));
  }

  @Test
  void utterancesSharingAClauseNeverFaceEachOtherAcrossTrainAndTest() {
    System.out.println("[seed] nlu cv = " + SEED);
    List<Example> data = clauseSharingData(SEED, 600);
    List<CrossValidation.Fold> folds = CrossValidation.folds(data, 5, SEED);
    assertEquals(5, folds.size());
    Map<Example, Integer> testedIn = new IdentityHashMap<>();
    for (CrossValidation.Fold fold : folds) {
      Set<String> trainClauses = new HashSet<>();
      fold.train().forEach(e -> trainClauses.addAll(CrossValidation.clauses(e)));
      assertTrue(!fold.test().isEmpty() && !fold.train().isEmpty(), "fold " + fold.index());
      for (Example e : fold.test()) {
        for (String c : CrossValidation.clauses(e)) {
          assertTrue(!trainClauses.contains(c), "test clause '" + c + "' is in training");
        }
        assertEquals(null, testedIn.put(e, fold.index()), "an utterance is tested once");
      }
      Set<Example> train = Collections.newSetFromMap(new IdentityHashMap<>());
      train.addAll(fold.train());
      assertTrue(fold.test().stream().noneMatch(train::contains));
    }
    assertTrue(testedIn.size() > data.size() / 5, testedIn.size() + " utterances tested");
  }

  @Test
  void testWeightsKeepTheDataProportionsOfIntentCounts() {
    List<Example> data = clauseSharingData(SEED + 1, 600);
    Map<Integer, Double> share = new HashMap<>();
    data.forEach(e -> share.merge(e.intents().size(), 1.0 / data.size(), Double::sum));
    for (CrossValidation.Fold fold : CrossValidation.folds(data, 4, SEED)) {
      double total = 0;
      Map<Integer, Double> weighted = new HashMap<>();
      for (int i = 0; i < fold.test().size(); i++) {
        total += fold.testWeights()[i];
        weighted.merge(fold.test().get(i).intents().size(), fold.testWeights()[i], Double::sum);
      }
      if (weighted.size() == share.size()) {
        for (int s : share.keySet()) {
          assertEquals(share.get(s), weighted.get(s) / total, 1e-9, "stratum " + s);
        }
      }
    }
  }

  @Test
  void runReportsEachFoldAndTheSpreadWithTheSameSplitForTheSameSeed() {
    List<Example> data = clauseSharingData(SEED + 2, 300);
    List<String> lines = new ArrayList<>();
    CrossValidation.Result r =
        CrossValidation.run(
            data,
            3,
            SEED,
            0,
            3,
            (train, progress) ->
                JointModel.train(train, new JointModel.Options(2, 2, 7, null, 1), progress),
            lines::add);
    assertEquals(3, r.scores().size());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("fold 3/3: overall")), lines.toString());
    assertTrue(r.std().overallAccuracy() >= 0 && r.mean().slotF1() > 0, r.toString());
    assertEquals(
        CrossValidation.folds(data, 3, SEED).get(1).test(),
        CrossValidation.folds(data, 3, SEED).get(1).test());
    assertThrows(NluException.class, () -> CrossValidation.folds(data, 1, SEED));
  }
}
