package dev.scion.nlu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The AGIF format of MixATIS and MixSNIPS: one {@code word TAG} pair per line, then a line with the
 * intents joined by {@code #}, then a blank line.
 */
public final class AgifFormat {
  private AgifFormat() {}

  public static List<Example> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new NluException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<Example> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        if (!words.isEmpty()) {
          throw error(
              file,
              i + 1,
              "the utterance ends without an intent line; add a line like intent_a#intent_b");
        }
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length == 2) {
        String tag = parts[1];
        if (!tag.equals("O") && !tag.startsWith("B-") && !tag.startsWith("I-")) {
          throw error(file, i + 1, "tag '" + tag + "' is not O, B-<slot> or I-<slot>");
        }
        words.add(parts[0]);
        tags.add(tag);
      } else if (parts.length == 1) {
        if (words.isEmpty()) {
          throw error(file, i + 1, "intent line '" + line + "' comes before any word");
        }
        out.add(new Example(words, tags, Arrays.asList(parts[0].split("#"))));
        words.clear();
        tags.clear();
      } else {
        throw error(
            file, i + 1, "expected 'word TAG' or an intent line, got " + parts.length + " fields");
      }
    }
    if (!words.isEmpty()) {
      throw error(
          file, lines.size(), "the file ends in the middle of an utterance (no intent line)");
    }
    if (out.isEmpty()) {
      throw new NluException(file + " holds no utterances");
    }
    return out;
  }

  private static NluException error(Path file, int line, String reason) {
    return new NluException(file + ":" + line + ": " + reason);
  }
}
