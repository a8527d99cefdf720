package dev.scion.knowledge;

import dev.scion.models.ChatClient;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Answers a question from a knowledge base, citing the passages used. Extractive by default: every
 * sentence of the retrieved passages, read under its headings, is re-ranked by the encoder's cosine
 * with the question; the best sentence and those within 0.03 of it are shown (at most two per
 * passage), each with its source, so an answer holds what was asked and little else. With a chat
 * model: a grounded answer written only from the numbered passages, citing them as [n], which says
 * so when they do not hold the answer.
 */
public final class Answerer {
  /**
   * A cited passage: its number in the answer, where it is from, the text sent or shown, and how
   * well its best sentence matches the question (the encoder's cosine; NaN when a model answered).
   */
  public record Citation(
      int n, String source, List<String> titles, int start, int end, String text, double score) {}

  /**
   * An answer, its citations, and its cost: the context tokens it used beside the tokens of the
   * whole knowledge base (what a prompt holding every document would cost).
   */
  public record Answer(
      String question,
      String answer,
      String mode,
      List<Citation> citations,
      int contextTokens,
      long knowledgeBaseTokens) {
    /** How many times fewer tokens the answer used than the whole base. */
    public double savings() {
      return contextTokens == 0 ? 0 : (double) knowledgeBaseTokens / contextTokens;
    }
  }

  static final String NOT_FOUND = "The knowledge base does not say.";

  private static final String SYSTEM =
      "You answer questions for a business using only the numbered passages given. Cite every"
          + " fact with the passage number in brackets, like [1]. If the passages do not contain"
          + " the answer, reply exactly: "
          + NOT_FOUND;

  private final KnowledgeBase kb;
  private final ChatClient llm;

  /** {@code llm} may be null: answers are then extractive. */
  public Answerer(KnowledgeBase kb, ChatClient llm) {
    this.kb = kb;
    this.llm = llm;
  }

  public Answer ask(String question, int passages) {
    return ask(question, passages, source -> true, Double.NEGATIVE_INFINITY);
  }

  /** How many more passages are retrieved than kept, for a question whose sources are narrowed. */
  private static final int WIDER = 8;

  /**
   * Answers from the passages of the sources {@code sources} accepts only (a conversation about one
   * hotel reads that hotel's page and the general documents, never another hotel's page). An
   * extractive answer whose best sentence scores below {@code minScore} (the encoder's cosine with
   * the question) is no answer: the knowledge base does not say.
   */
  public Answer ask(
      String question,
      int passages,
      java.util.function.Predicate<String> sources,
      double minScore) {
    List<KnowledgeBase.Passage> found =
        kb.search(question, passages * WIDER, HybridIndex.Mode.HYBRID, null).stream()
            .filter(p -> sources.test(p.chunk().source()))
            .limit(passages)
            .toList();
    Answer a = llm == null ? extractive(question, found, minScore) : grounded(question, found);
    kb.account(a.contextTokens());
    return a;
  }

  /** Answers from the passages of one source only (a product's own page). */
  public Answer askIn(String question, int passages, String source, double minScore) {
    List<KnowledgeBase.Passage> found =
        kb.search(question, passages, HybridIndex.Mode.HYBRID, source);
    Answer a = llm == null ? extractive(question, found, minScore) : grounded(question, found);
    kb.account(a.contextTokens());
    return a;
  }

  /** Sentences within this cosine of the best one are shown too. */
  private static final double CLOSE = 0.03;

  private Answer extractive(String question, List<KnowledgeBase.Passage> found, double minScore) {
    float[] q = kb.index().embedQuery(question);
    // every sentence of every passage, read under its headings, scored against the question
    List<List<String>> sentences = new ArrayList<>();
    List<String> units = new ArrayList<>();
    for (KnowledgeBase.Passage p : found) {
      List<String> s = sentences(p.chunk().text());
      sentences.add(s);
      String head = String.join(" > ", p.chunk().titles());
      s.forEach(x -> units.add(head.isEmpty() ? x : head + ": " + x));
    }
    float[][] v = kb.index().embed(units);
    List<double[]> scores = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    int u = 0;
    for (List<String> s : sentences) {
      double[] sc = new double[s.size()];
      for (int i = 0; i < sc.length; i++) {
        sc[i] = dot(q, v[u++]);
        best = Math.max(best, sc[i]);
      }
      scores.add(sc);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < found.size() && best >= minScore; i++) {
      order.add(i);
    }
    order.sort((a, b) -> Double.compare(max(scores.get(b)), max(scores.get(a))));
    List<Citation> citations = new ArrayList<>();
    StringBuilder answer = new StringBuilder();
    int tokens = 0;
    for (int i : order) {
      double[] sc = scores.get(i);
      if (sc.length == 0 || max(sc) < best - CLOSE) {
        continue;
      }
      StringBuilder shown = new StringBuilder();
      double top = max(sc);
      for (int k = 0, taken = 0; k < sc.length && taken < 2; k++) {
        if (sc[k] >= top - CLOSE) {
          shown.append(shown.isEmpty() ? "" : " ").append(sentences.get(i).get(k));
          taken++;
        }
      }
      Chunk c = found.get(i).chunk();
      int n = citations.size() + 1;
      String text = shown.toString();
      citations.add(new Citation(n, c.source(), c.titles(), c.start(), c.end(), text, top));
      tokens += kb.index().encoder().countTokens(text);
      answer.append(answer.isEmpty() ? "" : "\n").append(text).append(" [").append(n).append("]");
    }
    return new Answer(
        question,
        citations.isEmpty() ? NOT_FOUND : answer.toString(),
        "extractive",
        citations,
        tokens,
        kb.totalTokens());
  }

  private static double max(double[] a) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : a) {
      m = Math.max(m, x);
    }
    return m;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static List<String> sentences(String text) {
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    it.setText(text);
    List<String> out = new ArrayList<>();
    for (int s = it.first(), e = it.next(); e != BreakIterator.DONE; s = e, e = it.next()) {
      String t = text.substring(s, e).strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private Answer grounded(String question, List<KnowledgeBase.Passage> found) {
    StringBuilder context = new StringBuilder();
    List<Citation> citations = new ArrayList<>();
    int tokens = 0;
    for (KnowledgeBase.Passage p : found) {
      Chunk c = p.chunk();
      int n = citations.size() + 1;
      citations.add(
          new Citation(n, c.source(), c.titles(), c.start(), c.end(), c.text(), Double.NaN));
      context.append('[').append(n).append("] (").append(c.citation()).append(")\n");
      context.append(c.text()).append("\n\n");
      tokens += c.tokens();
    }
    ChatClient.Reply reply =
        llm.complete(
            List.of(
                new ChatClient.Message("system", SYSTEM),
                new ChatClient.Message(
                    "user", "Passages:\n\n" + context + "Question: " + question)));
    int used = reply.promptTokens() > 0 ? reply.promptTokens() : tokens;
    return new Answer(question, reply.content().strip(), "llm", citations, used, kb.totalTokens());
  }
}
