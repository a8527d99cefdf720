package dev.scion.app;

import dev.scion.dialog.Pack;
import dev.scion.dialog.PackCheck;
import dev.scion.dialog.stories.Story;
import dev.scion.dialog.stories.StoryEval;
import dev.scion.dialog.tools.BusinessDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scion pack ...}: writing and checking dialogue packs. */
@Command(
    name = "pack",
    mixinStandardHelpOptions = true,
    description = {
      "Write a new dialogue pack, or check one (docs/packs.md); train, list, promote and roll",
      "back a tenant's versions of a pack's model on a running server (docs/platform.md)."
    },
    subcommands = {
      PackCommand.New.class,
      PackCommand.Check.class,
      PackVersionsCommand.Train.class,
      PackVersionsCommand.Versions.class,
      PackVersionsCommand.Promote.class,
      PackVersionsCommand.Rollback.class
    })
final class PackCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The files of the pack {@code pack new} writes, under resources/pack-skeleton. */
  static final List<String> SKELETON =
      List.of(
          "pack.yaml",
          "database/schema.sql",
          "database/seed.sql",
          "database/tools.yaml",
          "templates/en.yaml",
          "nlu/en.md",
          "knowledge/returns.md",
          "stories/basics.yaml");

  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = {
        "Write a small working pack to edit (an order desk: place, check and cancel orders,",
        "answer a returns question) into packs/NAME; then: scion pack check NAME."
      })
  static final class New implements Callable<Integer> {
    @Parameters(
        paramLabel = "NAME",
        description = "The pack's name: lower-case letters, digits, -.")
    String name;

    @Override
    public Integer call() throws IOException {
      if (!name.matches("[a-z][a-z0-9-]{0,39}")) {
        throw new ScionCommand.UsageException(
            "pack name '" + name + "' must be lower-case letters, digits and -, like my-shop");
      }
      Path dir = Pack.packsFolder().resolve(name);
      if (Files.exists(dir)) {
        throw new ScionCommand.UsageException(
            dir + " exists already; choose another name or remove it first");
      }
      for (String file : SKELETON) {
        try (InputStream in = PackCommand.class.getResourceAsStream("/pack-skeleton/" + file)) {
          if (in == null) {
            throw new IllegalStateException("the application lacks pack-skeleton/" + file);
          }
          Path target = dir.resolve(file);
          Files.createDirectories(target.getParent());
          Files.writeString(
              target,
              new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("NAME", name),
              StandardCharsets.UTF_8);
        }
      }
      System.out.println("Wrote the pack " + name + " in " + dir + ". Next:");
      System.out.println("  ./scion pack check " + name);
      System.out.println("  ./scion chat --pack " + name);
      return 0;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Check a pack as CI does: pack.yaml, every template in every language, every task's",
        "tools and every tool's SQL on a fresh H2 database, every slot kind; then train it and",
        "run its stories (stories/*.yaml) against stories_floor. One line per problem: the file",
        "(and line), what is wrong and the fix. Exit status 1 when there is any."
      })
  static final class Check implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The pack, a folder of packs/.")
    String name;

    @Option(names = "--no-stories", description = "Check the files only: no training, no stories.")
    boolean noStories;

    @Option(
        names = "--data",
        description = "Where the trained models are kept (default: a new temporary folder).")
    Path data;

    @Override
    public Integer call() throws IOException {
      Path dir = Pack.packsFolder().resolve(name);
      if (!Files.exists(dir.resolve("pack.yaml"))) {
        throw new ScionCommand.UsageException(
            "no pack '" + name + "' in " + Pack.packsFolder() + " (no pack.yaml); see: ls packs");
      }
      Path home = data != null ? data : Files.createTempDirectory("scion-pack-check");
      List<String> problems = new ArrayList<>();
      try (BusinessDatabase db = BusinessDatabase.embedded(home.resolve("check-database"))) {
        PackCheck.check(dir, db).forEach(p -> problems.add(p.toString()));
      }
      if (problems.isEmpty() && !noStories) {
        problems.addAll(stories(dir, home));
      }
      problems.forEach(System.out::println);
      System.out.println(
          problems.isEmpty()
              ? "pack " + name + ": ok"
              : "pack " + name + ": " + problems.size() + " problem(s)");
      return problems.isEmpty() ? 0 : 1;
    }

    /** The pack's stories against its floor: a problem when they fall below it. */
    private List<String> stories(Path dir, Path home) throws IOException {
      Path folder = dir.resolve("stories");
      if (!Files.isDirectory(folder)) {
        return List.of();
      }
      List<Story> stories = ChatEvalCommand.readStories(ChatEvalCommand.packStoryFiles(dir));
      double floor = PackCheck.storiesFloor(dir);
      try (Pack pack = Pack.open(dir, home, line -> System.err.println(line))) {
        StoryEval.Report r = StoryEval.run(pack, stories, LocalDate.now(java.time.ZoneOffset.UTC));
        String figure =
            String.format(
                Locale.ROOT,
                "%d stories, %d of %d turns right (%.3f; floor %.2f)",
                stories.size(),
                r.turnsRight(),
                r.turns(),
                r.turnAccuracy(),
                floor);
        System.err.println(name + ": " + figure);
        if (r.turnAccuracy() < floor) {
          return List.of(
              folder
                  + ": "
                  + figure
                  + "; see the failing turns with: scion chat eval --pack "
                  + name
                  + " --stories "
                  + folder
                  + "/*.yaml");
        }
        return List.of();
      }
    }
  }
}
