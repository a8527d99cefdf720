package dev.scion.nlu;

import dev.scion.models.OnnxEncoder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The encoder's state of each word of an utterance, unit length, remembered per utterance so that
 * training several models on the same words (the folds of a cross-validation, the epochs of a
 * neural model) runs the encoder once per utterance.
 */
public final class WordStates {
  private final OnnxEncoder encoder;
  private final Map<List<String>, float[][]> cache = new ConcurrentHashMap<>();

  private WordStates(OnnxEncoder encoder) {
    this.encoder = encoder;
  }

  /** States of the named encoder (one of {@link OnnxEncoder#AVAILABLE}). */
  public static WordStates of(String encoderName) {
    return new WordStates(OnnxEncoder.load(encoderName, 1, 0));
  }

  /** States of an encoder already loaded. */
  public static WordStates of(OnnxEncoder encoder) {
    return new WordStates(encoder);
  }

  public OnnxEncoder encoder() {
    return encoder;
  }

  public int dimension() {
    return encoder.dimension();
  }

  /** The unit-length states of the words, computed now (not remembered). */
  public static float[][] compute(OnnxEncoder encoder, List<String> words) {
    float[][] states = encoder.wordStates(words);
    for (float[] h : states) {
      OnnxEncoder.normalize(h);
    }
    return states;
  }

  /** The states of the words, remembered. */
  public float[][] get(List<String> words) {
    return cache.computeIfAbsent(List.copyOf(words), w -> compute(encoder, w));
  }

  /** Computes the states of every utterance not seen yet, in parallel, with progress lines. */
  public void encodeAll(List<Example> data, TrainingProgress progress) {
    List<Example> todo = data.stream().filter(e -> !cache.containsKey(e.words())).toList();
    if (todo.isEmpty()) {
      return;
    }
    progress.report("encoding the words of " + todo.size() + " utterances with " + encoder.name());
    AtomicInteger done = new AtomicInteger();
    int step = Math.max(1000, todo.size() / 10);
    todo.parallelStream()
        .forEach(
            e -> {
              get(e.words());
              int d = done.incrementAndGet();
              if (d % step == 0) {
                progress.report("  encoded " + d + "/" + todo.size());
              }
            });
  }
}
