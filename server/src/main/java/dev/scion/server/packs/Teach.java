package dev.scion.server.packs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scion.dialog.Pack;
import dev.scion.nlu.Example;
import dev.scion.nlu.Words;
import dev.scion.server.ApiException;
import dev.scion.server.tenancy.ReviewedExamples;
import dev.scion.server.tenancy.ReviewedExamples.SlotSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A reviewed example as a request gives it ({@code {"text", "intents", "slots":[{"start", "end",
 * "slot"}], "lang"}}), checked against the pack, and as the understanding model learns it (words
 * with BIO tags).
 */
final class Teach {
  /** Longest example text, in characters: as much as a chat turn reads. */
  static final int MAX_TEXT = dev.scion.dialog.DialogEngine.MAX_MESSAGE;

  private Teach() {}

  /** The checked parts of a request's example. */
  record Checked(String lang, String text, List<String> intents, List<SlotSpan> slots) {}

  /** Checks a request's example against the pack; a 400 naming what is wrong otherwise. */
  static Checked check(Pack pack, JsonNode body) {
    JsonNode t = body.get("text");
    if (t == null || !t.isTextual() || t.asText().isBlank()) {
      throw ApiException.badRequest(
          "text must be the message, a non-empty string, like {\"text\":\"...\",\"intents\":[...]}");
    }
    String text = t.asText();
    if (text.length() > MAX_TEXT) {
      throw ApiException.badRequest(
          "text is " + text.length() + " characters; give a message of at most " + MAX_TEXT);
    }
    String lang = lang(pack, body.get("lang"), text);
    List<String> intents = intents(pack, lang, body.get("intents"));
    List<SlotSpan> slots = slots(pack, lang, text, body.get("slots"));
    return new Checked(lang, text, intents, slots);
  }

  private static String lang(Pack pack, JsonNode given, String text) {
    if (given == null || given.isNull()) {
      boolean han =
          text.codePoints()
              .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
      return han && pack.languages().contains("zh") ? "zh" : "en";
    }
    if (!given.isTextual() || !pack.languages().contains(given.asText())) {
      throw ApiException.badRequest(
          "lang '"
              + (given.isTextual() ? given.asText() : given.toString())
              + "' is not a language of the pack "
              + pack.name()
              + "; use one of "
              + pack.languages()
              + " or leave it out");
    }
    return given.asText();
  }

  private static List<String> intents(Pack pack, String lang, JsonNode given) {
    if (given == null || !given.isArray() || given.isEmpty()) {
      throw ApiException.badRequest(
          "intents must be a non-empty array of the pack's intent names, like [\""
              + pack.intents(lang).iterator().next()
              + "\"]");
    }
    java.util.Set<String> known = pack.intents(lang);
    List<String> out = new ArrayList<>();
    for (JsonNode i : given) {
      if (!i.isTextual() || !known.contains(i.asText())) {
        throw ApiException.badRequest(
            "unknown intent "
                + i
                + " for the pack "
                + pack.name()
                + " ("
                + lang
                + "); use one of "
                + String.join(", ", known));
      }
      if (!out.contains(i.asText())) {
        out.add(i.asText());
      }
    }
    return out;
  }

  private static List<SlotSpan> slots(Pack pack, String lang, String text, JsonNode given) {
    if (given == null || given.isNull()) {
      return List.of();
    }
    if (!given.isArray()) {
      throw ApiException.badRequest(
          "slots must be an array of {\"start\", \"end\", \"slot\"} (character offsets); omit it"
              + " when the message has none");
    }
    java.util.Set<String> known = pack.slots(lang);
    List<SlotSpan> out = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      JsonNode s = given.get(i);
      String where = "slots[" + i + "]";
      if (!s.isObject()
          || !s.path("start").canConvertToInt()
          || !s.path("end").canConvertToInt()
          || !s.path("start").isIntegralNumber()
          || !s.path("end").isIntegralNumber()
          || !s.path("slot").isTextual()) {
        throw ApiException.badRequest(
            where + " must be {\"start\": N, \"end\": M, \"slot\": NAME} with whole numbers");
      }
      int start = s.get("start").intValue();
      int end = s.get("end").intValue();
      String slot = s.get("slot").asText();
      if (start < 0 || end > text.length() || start >= end) {
        throw ApiException.badRequest(
            where
                + " ("
                + start
                + ".."
                + end
                + ") lies outside the text; give 0 <= start < end <= "
                + text.length()
                + " (character offsets, end excluded)");
      }
      if (!known.contains(slot)) {
        throw ApiException.badRequest(
            where
                + ": unknown slot '"
                + slot
                + "' for the pack "
                + pack.name()
                + "; use one of "
                + String.join(", ", known));
      }
      out.add(new SlotSpan(start, end, slot));
    }
    out.sort(Comparator.comparingInt(SlotSpan::start));
    for (int i = 1; i < out.size(); i++) {
      if (out.get(i).start() < out.get(i - 1).end()) {
        throw ApiException.badRequest(
            "the slots "
                + out.get(i - 1).slot()
                + " and "
                + out.get(i).slot()
                + " overlap; mark each word for one slot at most");
      }
    }
    checkWordBoundaries(text, out);
    return List.copyOf(out);
  }

  /**
   * Refuses a span that cuts a word, or marks no word: the words of the text cut at the spans'
   * edges must be the words of the whole text.
   */
  private static void checkWordBoundaries(String text, List<SlotSpan> spans) {
    List<String> whole = Words.split(text);
    List<String> pieces = new ArrayList<>();
    int at = 0;
    for (SlotSpan s : spans) {
      pieces.addAll(Words.split(text.substring(at, s.start())));
      List<String> marked = Words.split(text.substring(s.start(), s.end()));
      if (marked.isEmpty()) {
        throw ApiException.badRequest(
            "the slot " + s.slot() + " marks no word (" + s.start() + ".." + s.end() + ")");
      }
      pieces.addAll(marked);
      at = s.end();
    }
    pieces.addAll(Words.split(text.substring(at)));
    if (!pieces.equals(whole)) {
      for (SlotSpan s : spans) {
        if (!cutsNoWord(text, s)) {
          throw ApiException.badRequest(
              "the slot "
                  + s.slot()
                  + " ("
                  + s.start()
                  + ".."
                  + s.end()
                  + ", '"
                  + text.substring(s.start(), s.end())
                  + "') does not begin and end on word boundaries; mark whole words");
        }
      }
      throw ApiException.badRequest("the slots do not begin and end on word boundaries");
    }
  }

  private static boolean cutsNoWord(String text, SlotSpan s) {
    return Words.split(text.substring(0, s.start())).size()
            + Words.split(text.substring(s.start(), s.end())).size()
            + Words.split(text.substring(s.end())).size()
        == Words.split(text).size();
  }

  /** A reviewed example as the model learns it: its words, one BIO tag each, its intents. */
  static Example example(ReviewedExamples.Reviewed r) {
    String text = r.text();
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    int at = 0;
    for (SlotSpan s : r.slots()) {
      for (String w : Words.split(text.substring(at, s.start()))) {
        words.add(w);
        tags.add("O");
      }
      List<String> marked = Words.split(text.substring(s.start(), s.end()));
      for (int k = 0; k < marked.size(); k++) {
        words.add(marked.get(k));
        tags.add((k == 0 ? "B-" : "I-") + s.slot());
      }
      at = s.end();
    }
    for (String w : Words.split(text.substring(at))) {
      words.add(w);
      tags.add("O");
    }
    return new Example(words, tags, r.intents());
  }
}
