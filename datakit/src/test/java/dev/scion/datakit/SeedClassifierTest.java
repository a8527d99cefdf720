package dev.scion.datakit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedClassifierTest {
  static final List<String> TEXTS =
      List.of(
          "I want to book a hotel room in Hanoi for two nights",
          "Is there a room with a sea view available next weekend?",
          "Please cancel my reservation for Friday",
          "Stir the sauce until it thickens, then add the basil",
          "Bake the bread for forty minutes at two hundred degrees",
          "Chop the onions finely and fry them in butter",
          "The striker scored twice in the second half",
          "The match ended in a draw after extra time",
          "She won the tennis final in three sets");
  static final List<String> LABELS =
      List.of(
          "travel", "travel", "travel", "cooking", "cooking", "cooking", "sport", "sport", "sport");
  static final List<String> NEW =
      List.of(
          "Can I change my booking to a double room?",
          "Whisk the eggs with sugar and a pinch of salt",
          "The goalkeeper saved a penalty in the last minute");

  @Test
  void centroidAndNeighboursLabelNewTexts() {
    for (String method : List.of("centroid", "knn")) {
      var o = new SeedClassifier.Options("bge-small-en-v1.5", method, 3, 0, List.of());
      try (SeedClassifier c = new SeedClassifier(TEXTS, LABELS, o)) {
        List<SeedClassifier.Label> got = c.classify(NEW);
        assertEquals(
            List.of("travel", "cooking", "sport"),
            got.stream().map(SeedClassifier.Label::label).toList(),
            method);
        for (SeedClassifier.Label l : got) {
          assertTrue(l.confidence() > 0.4 && l.confidence() <= 1, method + " " + l);
        }
      }
    }
  }

  @Test
  void needsTwoLabels() {
    var o = SeedClassifier.Options.defaults();
    assertThrows(
        DataException.class, () -> new SeedClassifier(List.of("a", "b"), List.of("x", "x"), o));
    assertThrows(
        DataException.class,
        () -> new SeedClassifier.Options("bge-small-en-v1.5", "svm", 3, 0, List.of()));
  }
}
