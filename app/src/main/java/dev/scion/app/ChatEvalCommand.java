package dev.scion.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scion.dialog.DialogException;
import dev.scion.dialog.Pack;
import dev.scion.dialog.stories.Story;
import dev.scion.dialog.stories.StoryEval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scion chat eval}: how many turns of conversation stories a pack gets right. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Run conversation stories through a pack, each in a conversation of its own, and score every",
      "turn: its intents, dialogue-state slots, active task and reply patterns must all hold.",
      "The stories format is in docs/dialog.md. Prints turn accuracy and each failing turn; with",
      "--json: {\\\"stories\\\", \\\"turns\\\", \\\"turn_accuracy\\\", \\\"languages\\\", \\\"failures\\\"}."
    })
final class ChatEvalCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--pack", required = true, description = "The pack, e.g. ota-hotel.")
  String pack;

  @Option(
      names = "--stories",
      required = true,
      arity = "1..*",
      description = "Stories files (YAML), e.g. packs/ota-hotel/stories/*.yaml.")
  List<Path> files;

  @Option(
      names = "--today",
      description = "The date for stories that give none (YYYY-MM-DD; default: today in UTC).")
  String today;

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Option(
      names = "--min-turn-accuracy",
      description = "Exit with 1 when the turn accuracy is below this fraction (0..1).")
  Double floor;

  @Option(
      names = "--data",
      defaultValue = "${env:SCION_DATA:-scion-data}",
      description =
          "Where the pack's models, database and knowledge base are kept (default: ${DEFAULT-VALUE}).")
  Path data;

  @Override
  public Integer call() throws Exception {
    if (floor != null && (floor < 0 || floor > 1)) {
      throw new ScionCommand.UsageException(
          "--min-turn-accuracy " + floor + " is not a fraction; give a number from 0 to 1");
    }
    List<Story> stories = readStories(files);
    StoryEval.Report report;
    try (Pack p = ChatCommand.open(pack, data)) {
      report = StoryEval.run(p, stories, ChatCommand.today(today));
    }
    if (json) {
      System.out.println(JSON.writeValueAsString(report.toJson()));
    } else {
      print(report);
    }
    return floor != null && report.turnAccuracy() < floor ? 1 : 0;
  }

  /** The stories of {@code files}; a missing or malformed file is a usage error naming it. */
  /** The stories files of a pack (its stories/*.yaml, by name); a usage error when it has none. */
  static List<Path> packStoryFiles(Path pack) {
    Path dir = pack.resolve("stories");
    if (!Files.isDirectory(dir)) {
      throw new ScionCommand.UsageException(
          "the pack " + pack.getFileName() + " has no stories folder (" + dir + ")");
    }
    try (var s = Files.list(dir)) {
      return s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (java.io.IOException e) {
      throw new ScionCommand.UsageException("cannot list " + dir + ": " + e.getMessage());
    }
  }

  static List<Story> readStories(List<Path> files) {
    List<Story> stories = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new ScionCommand.UsageException("stories file " + f + " does not exist");
      }
      try {
        stories.addAll(Story.read(f));
      } catch (DialogException e) {
        throw new ScionCommand.UsageException(e.getMessage());
      }
    }
    return stories;
  }

  private static void print(StoryEval.Report r) {
    for (StoryEval.Failure f : r.failures()) {
      System.out.println(
          f.story().file().getFileName()
              + " | "
              + f.story().title()
              + " | turn "
              + f.turn()
              + ": "
              + f.user());
      f.why().forEach(w -> System.out.println("    " + w));
      System.out.println("    reply: " + f.reply().replace('\n', ' '));
    }
    r.byLanguage()
        .forEach(
            (lang, n) ->
                System.out.printf(
                    Locale.ROOT,
                    "%s: %d turns, %.3f right%n",
                    lang,
                    n[0],
                    n[0] == 0 ? 0.0 : (double) n[1] / n[0]));
    System.out.printf(
        Locale.ROOT,
        "%d stories (%d all right), %d turns, turn accuracy %.3f%n",
        r.stories(),
        r.storiesRight(),
        r.turns(),
        r.turnAccuracy());
  }
}
