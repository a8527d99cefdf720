package dev.scion.nlu;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A trained multi-intent and slot model of any kind: the averaged perceptrons of {@link
 * JointModel}, or another kind found on the class path through {@link Loader}. Every kind saves
 * itself to a folder holding a {@code model.json} whose {@code kind} names it, and a loaded model
 * predicts exactly what the saved one did.
 */
public interface IntentSlotModel {

  /** Understands an utterance given as words. */
  Prediction predict(List<String> words);

  /** Saves the model to {@code dir}, {@code model.json} last. */
  void save(Path dir);

  /**
   * Writes a model's {@code model.json} into {@code dir}, under a temporary name moved into place:
   * called last by {@link #save}, so that a folder left by a save that did not finish holds no
   * model.json and reads as untrained.
   */
  static void writeModelJson(Path dir, com.fasterxml.jackson.databind.JsonNode meta)
      throws IOException {
    Path tmp = dir.resolve("model.json.tmp");
    Files.writeString(
        tmp, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(meta));
    Files.move(
        tmp,
        dir.resolve("model.json"),
        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Reads the models of one kind; implementations are found with {@link ServiceLoader}. */
  interface Loader {
    /** The {@code kind} written in the model.json of the models this loader reads. */
    String kind();

    IntentSlotModel load(Path dir);
  }

  /** Trains a model of one kind on examples; cross-validation calls it once per fold. */
  @FunctionalInterface
  interface Trainer {
    IntentSlotModel train(List<Example> data, TrainingProgress progress);
  }

  /** Loads the model saved in {@code dir}, whatever its kind. */
  static IntentSlotModel load(Path dir) {
    Path meta = dir.resolve("model.json");
    if (!Files.exists(meta)) {
      return JointModel.load(dir);
    }
    String kind;
    try {
      kind = new ObjectMapper().readTree(meta.toFile()).path("kind").asText(JointModel.KIND);
    } catch (IOException e) {
      throw new NluException("cannot read " + meta + ": " + e.getMessage(), e);
    }
    if (kind.equals(JointModel.KIND)) {
      return JointModel.load(dir);
    }
    for (Loader loader : ServiceLoader.load(Loader.class)) {
      if (loader.kind().equals(kind)) {
        return loader.load(dir);
      }
    }
    throw new NluException(
        dir
            + " holds a model of kind '"
            + kind
            + "' that this build cannot read; run it with the module of that kind on the class"
            + " path (scion-nlu-torch for neural models)");
  }
}
