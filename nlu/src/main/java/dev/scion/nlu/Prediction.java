package dev.scion.nlu;

import java.util.List;

/** What the model understood of an utterance: its intents, a tag per word, and the slot spans. */
public record Prediction(List<String> intents, List<String> tags, List<Span> slots) {}
