package dev.scion.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scion.nlu.AgifFormat;
import dev.scion.nlu.Evaluation;
import dev.scion.nlu.Example;
import dev.scion.nlu.JointModel;
import dev.scion.nlu.PackFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scion nlu train|eval}: multi-intent and slot models trained from examples. */
@Command(
    name = "nlu",
    mixinStandardHelpOptions = true,
    description = "Train and evaluate multi-intent + slot models.",
    subcommands = {NluCommand.Train.class, NluCommand.Eval.class})
final class NluCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static List<Example> read(String format, Path file) {
    if (!format.equals("agif") && !format.equals("pack")) {
      throw new ScionCommand.UsageException(
          "unknown --format " + format + "; supported: agif, pack");
    }
    if (!Files.isRegularFile(file)) {
      throw new ScionCommand.UsageException("data file " + file + " does not exist");
    }
    return format.equals("agif") ? AgifFormat.read(file) : PackFormat.read(file);
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = "Train a model and save it to a folder.")
  static final class Train implements Callable<Integer> {
    @Option(
        names = "--format",
        required = true,
        description =
            "Training data format: agif (MixATIS/MixSNIPS) or pack (hand-written examples).")
    String format;

    @Option(names = "--train", required = true, description = "Training file.")
    Path train;

    @Option(
        names = "--dev",
        description = "Development file: scores are reported on it after training.")
    Path dev;

    @Option(names = "--out", required = true, description = "Folder to save the model to.")
    Path out;

    @Option(
        names = "--epochs",
        defaultValue = "10",
        description = "Training passes (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
        names = "--seed",
        defaultValue = "7",
        description = "Shuffling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--encoder",
        defaultValue = "bge-small-en-v1.5",
        description =
            "Encoder whose word states the slot tagger reads, or none (default: ${DEFAULT-VALUE}).")
    String encoder;

    @Option(
        names = "--slot-models",
        defaultValue = "5",
        description =
            "Perceptrons in the slot tagger's ensemble; more is steadier and slower to train"
                + " (default: ${DEFAULT-VALUE}).")
    int slotModels;

    @Override
    public Integer call() {
      List<Example> data = read(format, train);
      long t0 = System.nanoTime();
      JointModel model =
          JointModel.train(
              data,
              new JointModel.Options(
                  epochs, epochs, seed, encoder.equals("none") ? null : encoder, slotModels),
              System.err::println);
      System.err.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      model.save(out);
      if (dev != null) {
        Evaluation e = Evaluation.of(model, read(format, dev));
        System.err.printf(
            Locale.ROOT,
            "dev: overall %.4f, intents %.4f, slot F1 %.4f (%d utterances)%n",
            e.overallAccuracy(),
            e.intentAccuracy(),
            e.slotF1(),
            e.n());
      }
      System.out.println("model saved to " + out);
      return 0;
    }
  }

  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description = "Score a saved model on annotated data.")
  static final class Eval implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Folder of a saved model.")
    Path model;

    @Option(names = "--format", required = true, description = "Data format: agif or pack.")
    String format;

    @Option(names = "--data", required = true, description = "Annotated file to score on.")
    Path data;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      JointModel loaded = JointModel.load(model);
      List<Example> examples = read(format, data);
      Evaluation e = Evaluation.of(loaded, examples);
      long[] nanos = new long[examples.size()];
      for (int i = 0; i < nanos.length; i++) {
        long t0 = System.nanoTime();
        loaded.predict(examples.get(i).words());
        nanos[i] = System.nanoTime() - t0;
      }
      java.util.Arrays.sort(nanos);
      System.err.printf(
          Locale.ROOT,
          "latency per utterance: p50 %.3f ms, p99 %.3f ms%n",
          nanos[nanos.length / 2] / 1e6,
          nanos[(int) (nanos.length * 0.99)] / 1e6);
      if (json) {
        var out = new ObjectMapper().createObjectNode();
        out.put("n", e.n());
        out.put("overall_acc", e.overallAccuracy());
        out.put("intent_acc", e.intentAccuracy());
        out.put("slot_f1", e.slotF1());
        System.out.println(out);
      } else {
        System.out.printf(
            Locale.ROOT,
            "%d utterances: overall %.4f, intents %.4f, slot F1 %.4f%n",
            e.n(),
            e.overallAccuracy(),
            e.intentAccuracy(),
            e.slotF1());
      }
      return 0;
    }
  }
}
