package dev.scion.dialog.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scion.dialog.DialogException;
import dev.scion.dialog.Pack;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StoryEvalTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

  @TempDir static Path data;
  static Pack pack;

  @BeforeAll
  static void open() {
    pack = Pack.open(Path.of("..", "packs", "ota-hotel"), data, line -> {});
  }

  @AfterAll
  static void close() {
    pack.close();
  }

  private static Path write(Path dir, String yaml) throws IOException {
    Path f = dir.resolve("stories.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void aTurnIsRightOnlyWhenEveryExpectationHolds(@TempDir Path dir) throws Exception {
    List<Story> stories =
        Story.read(
            write(
                dir,
                """
                - story: search then ask
                  today: 2026-12-01
                  language: en
                  turns:
                    - user: "hotels in Da Nang for the 10th for 2 nights"
                      intents: [search_hotel]
                      slots: {city: da nang, check_in: 2026-12-10, nights: 2, check_out: 2026-12-12, budget_max: null}
                      reply: ["(?i)da nang"]
                - story: the same turn with wrong expectations
                  today: 2026-12-01
                  turns:
                    - user: "hotels in Da Nang for the 10th for 2 nights"
                      intents: [book_hotel]
                      slots: {city: Hanoi, nights: 3, budget_max: 100}
                      active_task: cancel_booking
                      reply: ["Tokyo"]
                """));
    StoryEval.Report r = StoryEval.run(pack, stories, TODAY);
    assertEquals(2, r.turns());
    assertEquals(1, r.turnsRight(), r.toJson().toString());
    assertEquals(1, r.storiesRight());
    StoryEval.Failure f = r.failures().getFirst();
    assertEquals("the same turn with wrong expectations", f.story().title());
    String why = String.join("; ", f.why());
    for (String part :
        List.of(
            "intents [search_hotel], expected [book_hotel]",
            "slot city Da Nang, expected Hanoi",
            "slot nights 2, expected 3",
            "slot budget_max empty, expected 100",
            "active_task search_hotel, expected cancel_booking",
            "reply lacks /Tokyo/")) {
      assertTrue(why.contains(part), part + " in " + why);
    }
    JsonNode json = r.toJson();
    assertEquals(0.5, json.get("turn_accuracy").asDouble());
    assertEquals(1, json.get("languages").get("en").get("turns").asInt());
    assertEquals(1, json.get("languages").get("?").get("turns").asInt());
    assertEquals(1, json.get("failures").get(0).get("turn").asInt());
  }

  @Test
  void aMalformedStoriesFileIsRefusedNamingTheStoryAndTheField(@TempDir Path dir) throws Exception {
    String[][] cases = {
      {"story: not a list", "must be a YAML list of stories"},
      {"- story: a\n  turns: []", "story 1 ('a'): turns must be a non-empty list"},
      {"- story: a\n  today: 12/01\n  turns: [{user: hi}]", "today '12/01' is not a date"},
      {"- story: a\n  turns: [{user: hi, intent: [greet]}]", "turn 1: unknown field 'intent'"},
      {"- story: a\n  turns: [{user: hi, reply: ['(']}]", "is not a regular expression"},
      {"- story: a\n  turns: [{user: 3}]", "user must be the customer's message"},
    };
    for (String[] c : cases) {
      Path f = write(dir, c[0]);
      DialogException e = assertThrows(DialogException.class, () -> Story.read(f), c[0]);
      assertTrue(e.getMessage().contains(c[1]), c[1] + " in " + e.getMessage());
      assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }
  }

  static List<Path> packsWithStories() throws IOException {
    try (var dirs = Files.list(Path.of("..", "packs"))) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("stories"))).sorted().toList();
    }
  }

  /**
   * Every pack keeps its stories (written apart from its training examples) at or above its {@code
   * stories_floor}; raise the floor as the pack learns (docs/benchmarks.md has the figures).
   */
  @ParameterizedTest
  @MethodSource("packsWithStories")
  void everyPackStaysAboveItsFloorOnItsStories(Path dir, @TempDir Path own) throws Exception {
    List<Story> stories = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve("stories"), "*.yaml")) {
      for (Path f : files) {
        stories.addAll(Story.read(f));
      }
    }
    double floor = dev.scion.dialog.PackCheck.storiesFloor(dir);
    assertTrue(floor > 0, dir + ": pack.yaml gives no stories_floor");
    assertTrue(stories.size() >= 50, stories.size() + " stories");
    boolean shared = dir.getFileName().toString().equals(pack.name());
    Pack p = shared ? pack : Pack.open(dir, own, line -> {});
    try {
      StoryEval.Report r = StoryEval.run(p, stories, TODAY);
      System.out.printf(
          java.util.Locale.ROOT,
          "%s stories: %d stories, %d turns, turn accuracy %.3f (floor %.2f)%n",
          p.name(),
          r.stories(),
          r.turns(),
          r.turnAccuracy(),
          floor);
      assertTrue(
          r.turnAccuracy() >= floor,
          p.name() + ": turn accuracy " + r.turnAccuracy() + " fell below " + floor);
    } finally {
      if (!shared) {
        p.close();
      }
    }
  }
}
