package dev.scion.nlu;

import java.util.List;

/**
 * What the model understood of an utterance: its intents, a tag per word, the slot spans, and how
 * sure the model is of the intents ({@code confidence}, 0 to 1; NaN when the model does not say).
 */
public record Prediction(
    List<String> intents, List<String> tags, List<Span> slots, double confidence) {
  /** A prediction whose model does not say how sure it is. */
  public Prediction(List<String> intents, List<String> tags, List<Span> slots) {
    this(intents, tags, slots, Double.NaN);
  }
}
