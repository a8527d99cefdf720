package dev.scion.nlu;

import java.util.ArrayList;
import java.util.List;

/** A slot span: its name and the words {@code [start, end)} it covers. */
public record Span(String slot, int start, int end) {

  /** The spans of a BIO tag sequence, read as CoNLL does (a stray I- starts a span). */
  public static List<Span> of(List<String> tags) {
    List<Span> out = new ArrayList<>();
    String slot = null;
    int start = -1;
    for (int i = 0; i <= tags.size(); i++) {
      String t = i < tags.size() ? tags.get(i) : "O";
      boolean continues = slot != null && t.equals("I-" + slot);
      if (!continues && slot != null) {
        out.add(new Span(slot, start, i));
        slot = null;
      }
      if (t.startsWith("B-") || (t.startsWith("I-") && !continues)) {
        slot = t.substring(2);
        start = i;
      }
    }
    return out;
  }
}
