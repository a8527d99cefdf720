package dev.scion.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JointModelTest {
  @TempDir Path dir;

  private List<Example> data(long seed, int n) throws Exception {
    Path file = dir.resolve("data-" + seed + ".txt");
    Files.writeString(file, SyntheticHotelData.generate(seed, n), StandardCharsets.UTF_8);
    return AgifFormat.read(file);
  }

  @Test
  void learnsMultipleIntentsAndSlotsFromExamples() throws Exception {
    long seed = Long.getLong("tests.seed", 11);
    System.out.println("[seed] nlu = " + seed);
    JointModel model = JointModel.train(data(seed, 600), JointModel.Options.DEFAULT, line -> {});
    Evaluation e = Evaluation.of(model, data(seed + 1, 200));
    System.out.println("held-out synthetic: " + e);
    assertTrue(e.intentAccuracy() > 0.95, e.toString());
    assertTrue(e.slotF1() > 0.95, e.toString());
    Prediction p =
        model.predict(
            List.of(
                "book a room in da nang for two adults on the 10th and also what is the cancellation policy"
                    .split(" ")));
    assertEquals(List.of("ask_policy", "book_hotel"), p.intents().stream().sorted().toList());
    assertTrue(p.slots().contains(new Span("city", 4, 6)), p.toString());
    assertTrue(p.slots().contains(new Span("check_in", 10, 12)), p.toString());
    // confidence: high for a held-out utterance like the examples, low for words none of them has
    double sure = model.predict(data(seed + 2, 1).getFirst().words()).confidence();
    double unsure = model.predict(List.of("zorp", "blick", "quandle")).confidence();
    assertTrue(sure > 0.3 && sure <= 1, "clear: " + sure);
    assertTrue(unsure >= 0 && unsure < sure, "nonsense: " + unsure + " against " + sure);
  }

  @Test
  void anEnsembleOfIntentPerceptronsLearnsTheExamples() throws Exception {
    long seed = Long.getLong("tests.seed", 13);
    System.out.println("[seed] intent ensemble = " + seed);
    JointModel model =
        JointModel.train(
            data(seed, 600), new JointModel.Options(5, 5, 7, null, 1, 5, false), line -> {});
    Evaluation e = Evaluation.of(model, data(seed + 1, 200));
    System.out.println("held-out synthetic, five intent perceptrons: " + e);
    assertTrue(e.overallAccuracy() >= 0.95, e.toString());
    assertThrows(NluException.class, () -> new JointModel.Options(10, 10, 7, null, 1, 0, false));
  }

  @Test
  void savedModelPredictsIdenticallyInAnotherProcess() throws Exception {
    List<Example> train = data(5, 300);
    List<Example> test = data(6, 100);
    JointModel model =
        JointModel.train(train, new JointModel.Options(5, 5, 7, "bge-small-en-v1.5"), line -> {});
    Path saved = dir.resolve("model");
    model.save(saved);
    List<String> here = new ArrayList<>();
    for (Example e : test) {
      here.add(model.predict(e.words()).toString());
    }
    Path input = dir.resolve("input.txt");
    Files.write(
        input,
        test.stream().map(e -> String.join(" ", e.words())).toList(),
        StandardCharsets.UTF_8);
    Path output = dir.resolve("output.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
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
  }

  @Test
  void malformedFilesNameTheFileLineAndReason() throws Exception {
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "book O\na B-x\nbook_hotel\n\nroom X-city\nbook_hotel\n");
    var e = assertThrows(NluException.class, () -> AgifFormat.read(bad));
    assertTrue(
        e.getMessage().endsWith("bad.txt:5: tag 'X-city' is not O, B-<slot> or I-<slot>"),
        e.getMessage());
    Path truncated = dir.resolve("truncated.txt");
    Files.writeString(truncated, "book O\nroom O\n");
    var t = assertThrows(NluException.class, () -> AgifFormat.read(truncated));
    assertTrue(
        t.getMessage().contains("truncated.txt:2: the file ends in the middle of an utterance"),
        t.getMessage());
    Path fields = dir.resolve("fields.txt");
    Files.writeString(fields, "book O extra\n");
    assertTrue(
        assertThrows(NluException.class, () -> AgifFormat.read(fields))
            .getMessage()
            .contains("fields.txt:1:"));
    assertThrows(NluException.class, () -> JointModel.load(dir.resolve("nothing-here")));
    assertThrows(NluException.class, () -> new JointModel.Options(10, 10, 7, null, 0));
  }

  @Test
  void aSaveThatDoesNotFinishLeavesAModelThatReadsAsUntrained() throws Exception {
    JointModel model = JointModel.train(data(3, 120), JointModel.Options.DEFAULT, line -> {});
    Path broken = dir.resolve("broken");
    Files.createDirectories(broken.resolve("weights.bin")); // the weights cannot be written
    assertThrows(NluException.class, () -> model.save(broken));
    assertTrue(!Files.exists(broken.resolve("model.json")), "no model.json before the weights");
    NluException untrained = assertThrows(NluException.class, () -> JointModel.load(broken));
    assertTrue(untrained.getMessage().contains("holds no trained model"), untrained.getMessage());

    Path saved = dir.resolve("saved");
    model.save(saved);
    Files.move(saved.resolve("model.json"), saved.resolve("model.json.tmp")); // a half-done save
    untrained = assertThrows(NluException.class, () -> JointModel.load(saved));
    assertTrue(untrained.getMessage().contains("did not finish"), untrained.getMessage());

    Path resaved = dir.resolve("resaved");
    model.save(resaved);
    Files.delete(resaved.resolve("weights.bin"));
    Files.createDirectories(resaved.resolve("weights.bin"));
    assertThrows(NluException.class, () -> model.save(resaved));
    assertTrue(
        !Files.exists(resaved.resolve("model.json")),
        "saving over a model removes its model.json first");
  }

  @Test
  void spansFollowConll() {
    assertEquals(
        List.of(new Span("city", 1, 3), new Span("day", 3, 4), new Span("city", 5, 6)),
        Span.of(List.of("O", "B-city", "I-city", "I-day", "O", "B-city")));
  }
}
