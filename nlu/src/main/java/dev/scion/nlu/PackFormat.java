package dev.scion.nlu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pack format, written by hand by a business analyst: a heading names the intents, and each
 * example under it marks its slots inline.
 *
 * <pre>
 * ## intent: book_hotel
 * - book a room in [Da Nang](city) for [the 10th](check_in)
 * ## intents: book_hotel, ask_policy
 * - a room in [Hanoi](city) and what is the cancellation policy
 * </pre>
 *
 * Lines starting with {@code #} (but not {@code ##}) and blank lines are ignored. Words are split
 * on spaces and punctuation; Chinese characters are one word each.
 */
public final class PackFormat {
  private PackFormat() {}

  public static List<Example> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new NluException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<Example> out = new ArrayList<>();
    List<String> intents = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      int number = i + 1;
      if (line.isEmpty() || (line.startsWith("#") && !line.startsWith("##"))) {
        continue;
      }
      if (line.startsWith("##")) {
        String heading = line.substring(2).strip();
        int colon = heading.indexOf(':');
        String kind = colon < 0 ? "" : heading.substring(0, colon).strip();
        if (!kind.equals("intent") && !kind.equals("intents")) {
          throw error(file, number, 1, "a heading must be '## intent: NAME' or '## intents: A, B'");
        }
        intents =
            Arrays.stream(heading.substring(colon + 1).split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        if (intents.isEmpty()) {
          throw error(file, number, colon + 4, "the heading names no intent");
        }
        continue;
      }
      if (!line.startsWith("-")) {
        throw error(
            file, number, 1, "an example line starts with '- '; headings start with '## intent:'");
      }
      if (intents == null) {
        throw error(file, number, 1, "this example comes before any '## intent:' heading");
      }
      String body = line.substring(1).strip();
      out.add(example(body, intents, file, number, lines.get(i).indexOf(body) + 1));
    }
    if (out.isEmpty()) {
      throw new NluException(
          file + " holds no examples; write '## intent: NAME' and then lines '- example'");
    }
    return out;
  }

  /** Parses one annotated example: words with {@code [text](slot)} spans. */
  static Example example(String text, List<String> intents, Path file, int line, int column) {
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('[', i);
      int end = open < 0 ? text.length() : open;
      for (String w : Words.split(text.substring(i, end))) {
        words.add(w);
        tags.add("O");
      }
      if (open < 0) {
        break;
      }
      int close = text.indexOf(']', open);
      if (close < 0) {
        throw error(file, line, column + open, "'[' is never closed; mark a slot as [text](slot)");
      }
      if (close + 1 >= text.length() || text.charAt(close + 1) != '(') {
        throw error(file, line, column + close + 1, "']' must be followed by (slot_name)");
      }
      int paren = text.indexOf(')', close);
      if (paren < 0) {
        throw error(
            file, line, column + close + 1, "'(' is never closed; mark a slot as [text](slot)");
      }
      String slot = text.substring(close + 2, paren).strip();
      if (!slot.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw error(
            file,
            line,
            column + close + 2,
            "slot name '" + slot + "' must be letters, digits and '_'");
      }
      List<String> value = Words.split(text.substring(open + 1, close));
      if (value.isEmpty()) {
        throw error(file, line, column + open, "the slot " + slot + " marks no words");
      }
      for (int k = 0; k < value.size(); k++) {
        words.add(value.get(k));
        tags.add((k == 0 ? "B-" : "I-") + slot);
      }
      i = paren + 1;
    }
    if (words.isEmpty()) {
      throw error(file, line, column, "the example has no words");
    }
    return new Example(words, tags, intents);
  }

  private static NluException error(Path file, int line, int column, String reason) {
    return new NluException(file + ":" + line + ":" + column + ": " + reason);
  }
}
