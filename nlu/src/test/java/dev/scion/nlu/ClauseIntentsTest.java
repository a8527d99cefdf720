package dev.scion.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intents found clause by clause: a generated set of one to three clauses joined by "and", "and
 * also" or a comma, where one kind of clause holds an "and" of its own ("hotels in hue and hanoi")
 * that must not split it.
 */
class ClauseIntentsTest {
  @TempDir Path dir;

  private static final String[] CITIES = {"hanoi", "da nang", "hue", "paris", "new york", "rome"};
  private static final String[] DAYS = {"friday", "the 10th", "tomorrow", "december 24"};

  /**
   * Seeded utterances of one to three distinct intents; the label lists them in a shuffled order.
   */
  static List<Example> generate(long seed, int n) {
    Random r = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int clauses = 1 + r.nextInt(3);
      List<String> words = new ArrayList<>();
      List<String> tags = new ArrayList<>();
      List<String> intents = new ArrayList<>();
      for (int c = 0; c < clauses; c++) {
        if (c > 0) {
          String joiner = List.of("and", "and also", ", and", ",").get(r.nextInt(4));
          add(words, tags, joiner, "O");
        }
        String intent;
        do {
          intent =
              List.of("book_hotel", "ask_policy", "compare_hotels", "ask_price").get(r.nextInt(4));
        } while (intents.contains(intent));
        intents.add(intent);
        switch (intent) {
          case "book_hotel" -> {
            add(words, tags, "book a room in", "O");
            add(words, tags, city(r), "city");
            add(words, tags, "on", "O");
            add(words, tags, DAYS[r.nextInt(DAYS.length)], "check_in");
          }
          case "ask_policy" ->
              add(
                  words,
                  tags,
                  r.nextBoolean() ? "what is the cancellation policy" : "can i bring my pet",
                  "O");
          case "compare_hotels" -> {
            add(words, tags, "compare hotels in", "O");
            add(words, tags, city(r), "city");
            add(words, tags, "and", "O");
            add(words, tags, city(r), "city");
          }
          default -> {
            add(words, tags, "how much is a night in", "O");
            add(words, tags, city(r), "city");
          }
        }
      }
      java.util.Collections.shuffle(intents, r);
      out.add(new Example(words, tags, intents));
    }
    return out;
  }

  private static String city(Random r) {
    return CITIES[r.nextInt(CITIES.length)];
  }

  private static void add(List<String> words, List<String> tags, String text, String slot) {
    String[] ws = text.split(" ");
    for (int i = 0; i < ws.length; i++) {
      words.add(ws[i]);
      tags.add(slot.equals("O") ? "O" : (i == 0 ? "B-" : "I-") + slot);
    }
  }

  @Test
  void learnsIntentsClauseByClause() {
    long seed = Long.getLong("tests.seed", 23);
    System.out.println("[seed] clause intents = " + seed);
    JointModel.Options options = new JointModel.Options(5, 5, 7, null, 1, 5, true);
    JointModel model = JointModel.train(generate(seed, 600), options, line -> {});
    Evaluation e = Evaluation.of(model, generate(seed + 1, 300));
    System.out.println("held-out generated, clause by clause: " + e);
    assertTrue(e.overallAccuracy() >= 0.95, e.toString());
    Prediction p =
        model.predict(
            List.of(
                "compare hotels in hue and rome and also book a room in paris on friday"
                    .split(" ")));
    assertEquals(List.of("book_hotel", "compare_hotels"), p.intents());
  }

  @Test
  void savedModelPredictsIdenticallyInAnotherProcess() throws Exception {
    JointModel model =
        JointModel.train(
            generate(3, 300), new JointModel.Options(3, 3, 7, null, 1, 5, true), line -> {});
    Path saved = dir.resolve("model");
    model.save(saved);
    List<Example> test = generate(4, 100);
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
  void jointsAreJoiningWordsOutsideSlotsBetweenWords() {
    List<String> words = List.of("rock", "and", "roll", "and", ",", "and", "jazz", "and");
    List<String> tags = List.of("B-genre", "I-genre", "I-genre", "O", "O", "O", "B-genre", "O");
    assertEquals(List.of(new ClauseIntents.Joint(3, 6)), ClauseIntents.joints(words, tags));
  }
}
