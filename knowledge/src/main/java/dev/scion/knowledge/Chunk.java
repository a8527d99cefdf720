package dev.scion.knowledge;

import java.util.List;

/**
 * A retrievable passage: its source file, the headings above it ({@code titles}, outermost first),
 * its character offsets in the source's extracted text, its text and its size in encoder tokens.
 */
public record Chunk(
    String source, List<String> titles, int start, int end, String text, int tokens) {

  /** Where the passage comes from, for a citation: {@code source § Heading > Subheading}. */
  public String citation() {
    return titles.isEmpty() ? source : source + " § " + String.join(" > ", titles);
  }

  /** The text that is embedded and indexed: the headings, then the passage. */
  public String indexedText() {
    return titles.isEmpty() ? text : String.join(" > ", titles) + "\n" + text;
  }
}
