package dev.scion.knowledge;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * Structure-aware chunking. A chunk never crosses a heading; paragraphs are packed into chunks of
 * at most {@code maxTokens}; a table stays whole when it fits (otherwise it is cut between rows,
 * each part repeating the header row); a paragraph too long for one chunk is cut between sentences.
 * Consecutive chunks of one section overlap by up to {@code overlapTokens} of whole sentences, so a
 * fact that straddles a cut is whole in one of them.
 */
public final class Chunker {
  private final int maxTokens;
  private final int overlapTokens;
  private final ToIntFunction<String> tokens;

  public Chunker(int maxTokens, int overlapTokens, ToIntFunction<String> tokens) {
    if (maxTokens < 16 || overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
      throw new KnowledgeException(
          "chunk size must be at least 16 tokens and overlap under half of it, not "
              + maxTokens
              + " and "
              + overlapTokens);
    }
    this.maxTokens = maxTokens;
    this.overlapTokens = overlapTokens;
    this.tokens = tokens;
  }

  /** A piece of text with its offsets, before packing. */
  private record Piece(String text, int start, int end, int tokens) {}

  public List<Chunk> chunks(Extracted doc) {
    List<Chunk> out = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    List<Integer> levels = new ArrayList<>();
    List<Piece> open = new ArrayList<>();
    for (Block b : doc.blocks()) {
      if (b.kind() == Block.Kind.HEADING) {
        close(doc, titles, open, out, false);
        while (!levels.isEmpty() && levels.getLast() >= b.level()) {
          levels.removeLast();
          titles.removeLast();
        }
        levels.add(b.level());
        titles.add(b.text());
        continue;
      }
      for (Piece p : pieces(doc, b)) {
        int used = open.stream().mapToInt(Piece::tokens).sum();
        if (!open.isEmpty() && used + p.tokens() > maxTokens) {
          close(doc, titles, open, out, true);
        }
        open.add(p);
      }
    }
    close(doc, titles, open, out, false);
    return out;
  }

  /** Emits the open pieces as a chunk; keeps a sentence overlap when the section goes on. */
  private void close(
      Extracted doc, List<String> titles, List<Piece> open, List<Chunk> out, boolean carry) {
    if (open.isEmpty()) {
      return;
    }
    int start = open.getFirst().start();
    int end = open.getLast().end();
    StringBuilder joined = new StringBuilder();
    int at = start;
    for (Piece p : open) { // a piece's own text: a table part carries its header row
      if (p.start() > at) {
        joined.append(doc.text(), at, p.start());
      }
      joined.append(p.text());
      at = Math.max(at, p.end());
    }
    String text = joined.toString();
    out.add(
        new Chunk(doc.source(), List.copyOf(titles), start, end, text, tokens.applyAsInt(text)));
    Piece last = open.getLast();
    open.clear();
    if (carry && overlapTokens > 0) {
      List<Piece> sentences = sentences(doc, last.start(), last.end());
      List<Piece> tail = new ArrayList<>();
      int used = 0;
      for (int i = sentences.size() - 1; i > 0; i--) { // never the whole last piece
        Piece s = sentences.get(i);
        if (used + s.tokens() > overlapTokens) {
          break;
        }
        tail.addFirst(s);
        used += s.tokens();
      }
      if (!tail.isEmpty()) {
        int s = tail.getFirst().start();
        open.add(new Piece(doc.text().substring(s, last.end()), s, last.end(), used));
      }
    }
  }

  /** A block as pieces that each fit in a chunk. */
  private List<Piece> pieces(Extracted doc, Block b) {
    int t = tokens.applyAsInt(b.text());
    if (t <= maxTokens) {
      return List.of(new Piece(b.text(), b.start(), b.end(), t));
    }
    List<Piece> units =
        b.kind() == Block.Kind.TABLE ? rows(doc, b) : sentences(doc, b.start(), b.end());
    List<Piece> out = new ArrayList<>();
    int start = -1;
    int end = -1;
    int used = 0;
    for (Piece u : units) {
      if (start >= 0 && used + u.tokens() > maxTokens) {
        out.add(piece(doc, start, end));
        start = -1;
        used = 0;
      }
      if (start < 0) {
        start = u.start();
      }
      end = u.end();
      used += u.tokens();
    }
    if (start >= 0) {
      out.add(piece(doc, start, end));
    }
    if (b.kind() == Block.Kind.TABLE && out.size() > 1) {
      String header = units.getFirst().text();
      List<Piece> withHeader = new ArrayList<>();
      withHeader.add(out.getFirst());
      for (Piece p : out.subList(1, out.size())) {
        String text = header + "\n" + p.text();
        withHeader.add(new Piece(text, p.start(), p.end(), tokens.applyAsInt(text)));
      }
      return withHeader;
    }
    return out;
  }

  private Piece piece(Extracted doc, int start, int end) {
    String text = doc.text().substring(start, end);
    return new Piece(text, start, end, tokens.applyAsInt(text));
  }

  private List<Piece> rows(Extracted doc, Block b) {
    List<Piece> out = new ArrayList<>();
    int at = b.start();
    for (String line : b.text().split("\n")) {
      int s = doc.text().indexOf(line, at);
      out.add(new Piece(line, s, s + line.length(), tokens.applyAsInt(line)));
      at = s + line.length();
    }
    return out;
  }

  private List<Piece> sentences(Extracted doc, int from, int to) {
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    String text = doc.text().substring(from, to);
    it.setText(text);
    List<Piece> out = new ArrayList<>();
    int s = it.first();
    for (int e = it.next(); e != BreakIterator.DONE; s = e, e = it.next()) {
      String sentence = text.substring(s, e).strip();
      if (sentence.isEmpty()) {
        continue;
      }
      int start = from + text.indexOf(sentence, s);
      int t = tokens.applyAsInt(sentence);
      if (t > maxTokens) { // a run-on "sentence": cut by words
        out.addAll(words(doc, start, start + sentence.length()));
      } else {
        out.add(new Piece(sentence, start, start + sentence.length(), t));
      }
    }
    return out;
  }

  private List<Piece> words(Extracted doc, int from, int to) {
    List<Piece> out = new ArrayList<>();
    int step =
        Math.max(
            1,
            (to - from)
                * maxTokens
                / Math.max(1, tokens.applyAsInt(doc.text().substring(from, to)))
                / 2);
    for (int s = from; s < to; s += step) {
      int e = Math.min(to, s + step);
      out.add(piece(doc, s, e));
    }
    return out;
  }
}
