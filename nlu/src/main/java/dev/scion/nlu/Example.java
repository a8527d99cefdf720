package dev.scion.nlu;

import java.util.List;

/**
 * One annotated utterance: its words, one BIO tag per word ({@code O}, {@code B-city}, {@code
 * I-city}) and its set of intents.
 */
public record Example(List<String> words, List<String> tags, List<String> intents) {
  public Example {
    words = List.copyOf(words);
    tags = List.copyOf(tags);
    intents = List.copyOf(intents);
    if (words.size() != tags.size()) {
      throw new NluException(words.size() + " words but " + tags.size() + " tags");
    }
  }
}
