package dev.scion.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scion.dialog.sgd.SgdEval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scion dialog ...}: dialogue measurements. */
@Command(
    name = "dialog",
    mixinStandardHelpOptions = true,
    description = "Dialogue measurements.",
    subcommands = {DialogCommand.EvalSgd.class})
final class DialogCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "eval-sgd",
      mixinStandardHelpOptions = true,
      description = {
        "Dialogue state tracking on Schema-Guided Dialogue hotel dialogues: train on --train,",
        "track --data, report joint goal accuracy over the user turns' Hotels_* frames and the",
        "accuracy on turns that correct a slot already set. With --cv instead of --data:",
        "leave-one-service-out cross-validation on --train (each hotel service in turn is held",
        "out, as a test split holds services never trained on); --schema is then --train's schema."
      })
  static final class EvalSgd implements Callable<Integer> {
    @Option(names = "--train", required = true, description = "Training dialogues (JSONL).")
    Path train;

    @Option(names = "--schema", required = true, description = "The schema of --data (JSON).")
    Path schema;

    @Option(names = "--data", description = "Dialogues to track (JSONL).")
    Path data;

    @Option(
        names = "--cv",
        description = "Cross-validate on --train, leaving one hotel service out at a time.")
    boolean cv;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (cv == (data != null)) {
        throw new ScionCommand.UsageException(
            "give either --data FILE (track it) or --cv (cross-validate on --train), not both");
      }
      for (Path p : cv ? List.of(train, schema) : List.of(train, schema, data)) {
        if (!Files.isRegularFile(p)) {
          throw new ScionCommand.UsageException(p + " does not exist");
        }
      }
      Map<String, Object> r =
          cv
              ? SgdEval.crossValidate(train, schema, System.err::println)
              : SgdEval.run(train, schema, data, System.err::println);
      ObjectMapper m = new ObjectMapper();
      System.out.println(
          json
              ? m.writeValueAsString(r)
              : m.writerWithDefaultPrettyPrinter().writeValueAsString(r));
      return 0;
    }
  }
}
