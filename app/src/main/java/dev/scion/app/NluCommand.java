package dev.scion.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.nlu.AgifFormat;
import dev.scion.nlu.CrossValidation;
import dev.scion.nlu.Evaluation;
import dev.scion.nlu.Example;
import dev.scion.nlu.IntentSlotModel;
import dev.scion.nlu.JointModel;
import dev.scion.nlu.PackFormat;
import dev.scion.nlu.WordStates;
import dev.scion.nlu.torch.NeuralJointModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scion nlu train|eval|cv}: multi-intent and slot models trained from examples. */
@Command(
    name = "nlu",
    mixinStandardHelpOptions = true,
    description = "Train and evaluate multi-intent + slot models.",
    subcommands = {NluCommand.Train.class, NluCommand.Eval.class, NluCommand.Cv.class})
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

    @Mixin ModelOptions modelOptions;

    @Override
    public Integer call() {
      List<Example> data = read(format, train);
      long t0 = System.nanoTime();
      IntentSlotModel model =
          modelOptions
              .trainer(modelOptions.statesCache == null ? null : modelOptions.states())
              .train(data, System.err::println);
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
      IntentSlotModel loaded = IntentSlotModel.load(model);
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

  /** The model to train and its settings, shared by train and cv. */
  static final class ModelOptions {
    @Option(
        names = "--model",
        defaultValue = "perceptron",
        description =
            "Model: perceptron (averaged perceptrons, fast) or neural (a BiLSTM over the"
                + " encoder's word states, trained with PyTorch) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
        names = "--epochs",
        description = "Training passes (default: 10 for perceptron, 12 for neural).")
    Integer epochs;

    @Option(
        names = "--seed",
        defaultValue = "7",
        description = "Seed of shuffling and initial weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--encoder",
        defaultValue = "bge-small-en-v1.5",
        description =
            "Encoder whose word states the model reads, or none for the perceptron"
                + " (default: ${DEFAULT-VALUE}).")
    String encoder;

    @Option(
        names = "--slot-models",
        defaultValue = "5",
        description =
            "Perceptrons in the slot tagger's ensemble; more is steadier and slower to train"
                + " (default: ${DEFAULT-VALUE}).")
    int slotModels;

    @Option(
        names = "--intent-models",
        defaultValue = "5",
        description =
            "Perceptrons in the intent classifier's ensemble, trained with feature dropout when"
                + " more than one (default: ${DEFAULT-VALUE}).")
    int intentModels;

    @Option(
        names = "--intents",
        defaultValue = "utterance",
        description =
            "How the perceptron finds intents: clause (each clause between joining words gets"
                + " one intent) or utterance (the whole utterance at once) (default:"
                + " ${DEFAULT-VALUE}).")
    String intents;

    @Option(
        names = "--states-cache",
        description =
            "File remembering the encoder's word states of the training utterances, so that a"
                + " later run on the same data skips the encoder (default: none).")
    Path statesCache;

    /** The word states to train with: remembered in --states-cache when given. */
    WordStates states() {
      if (encoderName() == null) {
        return null;
      }
      return statesCache == null
          ? WordStates.of(encoderName())
          : WordStates.of(encoderName(), statesCache);
    }

    String encoderName() {
      return encoder.equals("none") ? null : encoder;
    }

    /** A trainer of the chosen model reading word states from {@code cache} when given. */
    IntentSlotModel.Trainer trainer(WordStates cache) {
      System.err.println("model " + model + ", seed " + seed);
      return switch (model) {
        case "perceptron" -> {
          int e = epochs == null ? 10 : epochs;
          if (!intents.equals("clause") && !intents.equals("utterance")) {
            throw new ScionCommand.UsageException(
                "unknown --intents " + intents + "; supported: clause, utterance");
          }
          JointModel.Options o =
              new JointModel.Options(
                  e, e, seed, encoderName(), slotModels, intentModels, intents.equals("clause"));
          yield (data, progress) -> JointModel.train(data, o, cache, progress);
        }
        case "neural" -> {
          if (encoderName() == null) {
            throw new ScionCommand.UsageException(
                "the neural model reads an encoder's word states; give --encoder"
                    + " bge-small-en-v1.5, not none");
          }
          NeuralJointModel.Options o =
              NeuralJointModel.Options.DEFAULT.withSeed(seed).withEncoder(encoderName());
          NeuralJointModel.Options withEpochs = epochs == null ? o : o.withEpochs(epochs);
          yield (data, progress) ->
              cache == null
                  ? NeuralJointModel.train(data, withEpochs, progress)
                  : NeuralJointModel.train(data, withEpochs, cache, progress);
        }
        default ->
            throw new ScionCommand.UsageException(
                "unknown --model " + model + "; supported: perceptron, neural");
      };
    }
  }

  @Command(
      name = "cv",
      mixinStandardHelpOptions = true,
      description =
          "K-fold cross-validation on a training file, grouped by clause so that no test clause"
              + " is seen in training; prints each fold and the mean and standard deviation.")
  static final class Cv implements Callable<Integer> {
    @Option(
        names = "--format",
        required = true,
        description = "Data format: agif (MixATIS/MixSNIPS) or pack.")
    String format;

    @Option(names = "--train", required = true, description = "Training file to split.")
    Path train;

    @Option(
        names = "--folds",
        defaultValue = "5",
        description = "Number of folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(
        names = "--fold-seed",
        defaultValue = "7",
        description = "Seed of the split of clauses into folds (default: ${DEFAULT-VALUE}).")
    long foldSeed;

    @Option(
        names = "--first-fold",
        defaultValue = "1",
        description = "Start at this fold, 1 to --folds (default: ${DEFAULT-VALUE}).")
    int firstFold;

    @Option(
        names = "--max-folds",
        description =
            "Run only N folds, from --first-fold on (a quicker, rougher estimate; default: all).")
    Integer maxFolds;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Mixin ModelOptions modelOptions;

    @Override
    public Integer call() {
      List<Example> data = read(format, train);
      System.err.println(
          "cross-validation: "
              + data.size()
              + " utterances, "
              + folds
              + " folds grouped by clause, fold seed "
              + foldSeed);
      WordStates cache = modelOptions.states();
      if (cache != null) {
        cache.encodeAll(data, System.err::println);
      }
      long t0 = System.nanoTime();
      CrossValidation.Result r =
          CrossValidation.run(
              data,
              folds,
              foldSeed,
              firstFold - 1,
              maxFolds == null ? folds : maxFolds,
              modelOptions.trainer(cache),
              System.err::println);
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.err.printf(Locale.ROOT, "cross-validation took %.1f s%n", seconds);
      if (json) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode out = mapper.createObjectNode();
        out.put("model", modelOptions.model);
        out.put("folds", folds);
        out.put("fold_seed", foldSeed);
        out.put("seed", modelOptions.seed);
        out.put("n", data.size());
        ArrayNode per = out.putArray("per_fold");
        for (int i = 0; i < r.scores().size(); i++) {
          CrossValidation.Fold f = r.folds().get(i);
          ObjectNode o = scores(per.addObject(), r.scores().get(i));
          o.put("fold", f.index() + 1);
          o.put("train", f.train().size());
          o.put("test", f.test().size());
        }
        scores(out.putObject("mean"), r.mean());
        scores(out.putObject("std"), r.std());
        out.put("seconds", Math.round(seconds * 10) / 10.0);
        System.out.println(out);
      } else {
        System.out.printf(
            Locale.ROOT,
            "%d folds: overall %.4f ± %.4f, intents %.4f ± %.4f, slot F1 %.4f ± %.4f%n",
            r.scores().size(),
            r.mean().overallAccuracy(),
            r.std().overallAccuracy(),
            r.mean().intentAccuracy(),
            r.std().intentAccuracy(),
            r.mean().slotF1(),
            r.std().slotF1());
      }
      return 0;
    }

    private static ObjectNode scores(ObjectNode o, Evaluation e) {
      o.put("overall_acc", e.overallAccuracy());
      o.put("intent_acc", e.intentAccuracy());
      o.put("slot_f1", e.slotF1());
      return o;
    }
  }
}
