package dev.scion.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scion.nlu.Example;
import dev.scion.nlu.PackFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The act model learns the pack's acts from its examples: measured on a fifth of the ota-hotel
 * examples held out (lexical features only, so the test runs without an encoder), and kept whole
 * through save and load.
 */
class ActClassifierTest {
  static final List<String> ACTS = List.of("affirm", "deny", "stop", "select", "correct", "inform");

  static List<Example> examples() {
    return PackFormat.read(Path.of("..", "packs", "ota-hotel", "nlu", "en.md"));
  }

  @Test
  void heldOutActsAreRecognised() {
    long seed = 16;
    System.out.println("seed " + seed);
    List<Example> all = new ArrayList<>(examples());
    java.util.Collections.shuffle(all, new Random(seed));
    int cut = all.size() / 5;
    List<Example> test = all.subList(0, cut);
    ActClassifier c = ActClassifier.train(all.subList(cut, all.size()), ACTS, null, 8, seed);
    Map<String, Double> acc = c.accuracy(test, ACTS);
    System.out.println("held-out accuracy per act: " + acc);
    for (String act : List.of("affirm", "deny", "stop", "select", "other")) {
      assertTrue(acc.get(act) >= 0.6, act + ": " + acc);
    }
  }

  @Test
  void wordingsNotInTheExamplesAreRead() {
    ActClassifier c = ActClassifier.train(examples(), ACTS, null, 8, 7);
    assertEquals("affirm", c.guess(List.of("yes", "please", "confirm", "that")).act());
    assertEquals("deny", c.guess(List.of("no", "thanks", "not", "that")).act());
    assertEquals("stop", c.guess(List.of("forget", "about", "the", "whole", "thing")).act());
    assertEquals("other", c.guess(List.of("hotels", "in", "Hanoi", "tomorrow")).act());
  }

  @Test
  void aSavedModelGuessesAsTheTrainedOne(@TempDir Path dir) {
    ActClassifier c = ActClassifier.train(examples(), ACTS, null, 4, 7);
    c.save(dir);
    ActClassifier loaded = ActClassifier.load(dir, Map.of());
    assertNotNull(loaded);
    for (String m : List.of("yep go ahead", "never mind", "the second one", "Da Nang")) {
      List<String> words = dev.scion.nlu.Words.split(m);
      assertEquals(c.guess(words), loaded.guess(words), m);
    }
  }
}
