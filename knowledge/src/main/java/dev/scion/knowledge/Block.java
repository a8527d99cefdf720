package dev.scion.knowledge;

/**
 * A structural unit of an extracted document: a heading (with its level, 1 = top), a paragraph or
 * list item, or a whole table (rows on lines, cells separated by {@code " | "}). {@code start} and
 * {@code end} are character offsets into the document's extracted text.
 */
public record Block(Kind kind, int level, String text, int start, int end) {
  public enum Kind {
    HEADING,
    PARAGRAPH,
    TABLE
  }
}
