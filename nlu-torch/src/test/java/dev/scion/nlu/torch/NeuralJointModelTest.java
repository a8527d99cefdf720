package dev.scion.nlu.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scion.nlu.Evaluation;
import dev.scion.nlu.Example;
import dev.scion.nlu.IntentSlotModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeuralJointModelTest {
  private static final long SEED = Long.getLong("tests.seed", 17);
  private static NeuralJointModel model;
  private static List<Example> heldOut;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    System.out.println("[seed] nlu-torch = " + SEED);
    List<Example> train = GeneratedBookings.generate(SEED, 400);
    heldOut = GeneratedBookings.generate(SEED + 1, 150);
    model =
        NeuralJointModel.train(
            train,
            NeuralJointModel.Options.DEFAULT.withSeed(SEED).withEpochs(8),
            System.out::println);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void learnsAGeneratedMultiIntentSet() {
    Evaluation e = Evaluation.of(model, heldOut);
    System.out.println("held-out generated: " + e);
    assertTrue(e.overallAccuracy() >= 0.95, e.toString());
    assertTrue(heldOut.stream().anyMatch(x -> x.intents().size() == 3), "three-intent examples");
  }

  @Test
  void savedModelPredictsIdenticallyInAFreshProcess() throws Exception {
    Path saved = dir.resolve("model");
    model.save(saved);
    List<String> here = new ArrayList<>();
    for (Example e : heldOut) {
      here.add(model.predict(e.words()).toString());
    }
    Path input = dir.resolve("input.txt");
    Files.write(
        input,
        heldOut.stream().map(e -> String.join(" ", e.words())).toList(),
        StandardCharsets.UTF_8);
    Path output = dir.resolve("output.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                PredictMain.class.getName(),
                saved.toString(),
                input.toString(),
                output.toString())
            .inheritIO()
            .start();
    assertEquals(0, p.waitFor());
    assertEquals(here, Files.readAllLines(output, StandardCharsets.UTF_8));
    assertEquals(
        here.getFirst(),
        IntentSlotModel.load(saved).predict(heldOut.getFirst().words()).toString(),
        "loaded in this process through the kind in model.json");
  }
}
