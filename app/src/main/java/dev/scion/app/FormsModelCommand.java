package dev.scion.app;

import dev.scion.forms.StatementModel;
import dev.scion.nlu.Evaluation;
import dev.scion.nlu.Example;
import dev.scion.nlu.JointModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scion forms model}: the intake's statement model, its corpus and its scores. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = {
      "The plain-words intake's statement model: trains it on the office-approval pack's",
      "annotated statements (or loads it from its cache) and prints the corpus's size. With --cv K,",
      "scores training options by K-fold cross-validation, and by training on the generated",
      "statements and reading the hand-written ones."
    })
final class FormsModelCommand implements Callable<Integer> {
  @Option(names = "--cv", description = "Folds of cross-validation (0: none; default 0).")
  int folds;

  @Option(
      names = "--slot-models",
      description = "Perceptrons the slot tagger averages (default: the shipped setting).")
  Integer slotModels;

  @Option(names = "--epochs", description = "Training passes (default: the shipped setting).")
  Integer epochs;

  @Override
  public Integer call() {
    if (folds == 1 || folds < 0) {
      throw new ScionCommand.UsageException("--cv needs 2 folds or more (or 0 for none)");
    }
    Map<String, List<Example>> corpus = StatementModel.corpus();
    List<Example> all = new ArrayList<>();
    List<Example> generated = new ArrayList<>();
    List<Example> handwritten = new ArrayList<>();
    corpus.forEach(
        (name, data) -> {
          System.out.println(name + ": " + data.size() + " statements");
          all.addAll(data);
          (name.startsWith("handwritten") ? handwritten : generated).addAll(data);
        });
    long t0 = System.nanoTime();
    StatementModel.shared();
    System.out.printf(
        Locale.ROOT,
        "model ready in %.1f s (trained once per corpus, then loaded from the cache)%n",
        (System.nanoTime() - t0) / 1e9);
    if (folds == 0) {
      return 0;
    }
    JointModel.Options o = StatementModel.OPTIONS;
    JointModel.Options options =
        new JointModel.Options(
            epochs == null ? o.slotEpochs() : epochs,
            epochs == null ? o.intentEpochs() : epochs,
            o.seed(),
            o.encoder(),
            slotModels == null ? o.slotModels() : slotModels);
    System.err.println("scion: " + folds + "-fold cross-validation of " + options);
    print(folds + "-fold cross-validation", StatementModel.crossValidate(all, folds, options, 7));
    print(
        "generated -> hand-written", StatementModel.trainAndScore(generated, handwritten, options));
    return 0;
  }

  private static void print(String what, Evaluation e) {
    System.out.printf(
        Locale.ROOT,
        "%s: %d statements, kinds %.3f, span F1 %.3f, all right %.3f%n",
        what,
        e.n(),
        e.intentAccuracy(),
        e.slotF1(),
        e.overallAccuracy());
  }
}
