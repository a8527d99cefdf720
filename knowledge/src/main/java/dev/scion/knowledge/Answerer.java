package dev.scion.knowledge;

import dev.scion.models.ChatClient;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Answers a question from a knowledge base, citing the passages used. Extractive by default: the
 * sentences of the best passages that share most terms with the question, each with its source.
 * With a chat model: a grounded answer written only from the numbered passages, citing them as [n],
 * which says so when they do not hold the answer.
 */
public final class Answerer {
  /** A cited passage: its number in the answer, where it is from, and the text sent or shown. */
  public record Citation(
      int n, String source, List<String> titles, int start, int end, String text) {}

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
    List<KnowledgeBase.Passage> found =
        kb.search(question, passages, HybridIndex.Mode.HYBRID, null);
    Answer a = llm == null ? extractive(question, found) : grounded(question, found);
    kb.account(a.contextTokens());
    return a;
  }

  private Answer extractive(String question, List<KnowledgeBase.Passage> found) {
    Set<String> q = new HashSet<>(kb.index().terms(question));
    List<Citation> citations = new ArrayList<>();
    StringBuilder answer = new StringBuilder();
    int tokens = 0;
    for (KnowledgeBase.Passage p : found) {
      String best = bestSentences(p.chunk().text(), q);
      int n = citations.size() + 1;
      Chunk c = p.chunk();
      citations.add(new Citation(n, c.source(), c.titles(), c.start(), c.end(), best));
      tokens += kb.index().encoder().countTokens(best);
      if (!answer.isEmpty()) {
        answer.append('\n');
      }
      answer.append(best).append(" [").append(n).append("]");
    }
    return new Answer(
        question,
        found.isEmpty() ? NOT_FOUND : answer.toString(),
        "extractive",
        citations,
        tokens,
        kb.totalTokens());
  }

  /** Up to two sentences, in passage order, sharing most question terms (the first two if none). */
  String bestSentences(String text, Set<String> question) {
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    it.setText(text);
    List<String> sentences = new ArrayList<>();
    for (int s = it.first(), e = it.next(); e != BreakIterator.DONE; s = e, e = it.next()) {
      String t = text.substring(s, e).strip();
      if (!t.isEmpty()) {
        sentences.add(t);
      }
    }
    if (sentences.size() <= 2) {
      return String.join(" ", sentences);
    }
    int[] score = new int[sentences.size()];
    for (int i = 0; i < score.length; i++) {
      for (String term : new HashSet<>(kb.index().terms(sentences.get(i)))) {
        score[i] += question.contains(term) ? 1 : 0;
      }
    }
    int best = 0;
    for (int i = 1; i < score.length; i++) {
      if (score[i] > score[best]) {
        best = i;
      }
    }
    if (score[best] == 0) {
      return sentences.get(0) + " " + sentences.get(1);
    }
    int second = -1;
    for (int i = 0; i < score.length; i++) {
      if (i != best && score[i] > 0 && (second < 0 || score[i] > score[second])) {
        second = i;
      }
    }
    if (second < 0) { // the next sentence often finishes the thought
      second = best + 1 < sentences.size() ? best + 1 : best - 1;
    }
    return sentences.get(Math.min(best, second)) + " " + sentences.get(Math.max(best, second));
  }

  private Answer grounded(String question, List<KnowledgeBase.Passage> found) {
    StringBuilder context = new StringBuilder();
    List<Citation> citations = new ArrayList<>();
    int tokens = 0;
    for (KnowledgeBase.Passage p : found) {
      Chunk c = p.chunk();
      int n = citations.size() + 1;
      citations.add(new Citation(n, c.source(), c.titles(), c.start(), c.end(), c.text()));
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
