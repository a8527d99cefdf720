package dev.scion.dialog;

import dev.scion.knowledge.Answerer;
import dev.scion.knowledge.KnowledgeBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Answers knowledge questions from the pack's knowledge base, grounded in what the conversation is
 * about.
 */
final class Answers {
  private final PackSpec spec;
  private final Templates templates;
  private final Map<String, KnowledgeBase> knowledge;

  Answers(PackSpec spec, Templates templates, Map<String, KnowledgeBase> knowledge) {
    this.spec = spec;
    this.templates = templates;
    this.knowledge = knowledge;
  }

  private static final Pattern CLAUSES =
      Pattern.compile("(?i)\\b(?:and also|and|also|then|plus)\\b|[,;，；。？?！!]|还有|另外|顺便问一下");

  private static final Pattern QUESTION =
      Pattern.compile(
          "(?i)\\b(what|how|can|could|is|are|do|does|when|where|which|will|may)\\b|吗|什么|怎么|几|多少|能|可以|政策");

  /** The part of a message that asks the knowledge question: its last clause that is a question. */
  static String questionPart(String text) {
    String best = null;
    for (String clause : CLAUSES.split(text)) {
      if (QUESTION.matcher(clause).find() && clause.strip().length() > 3) {
        best = clause.strip();
      }
    }
    return best == null ? text : best;
  }

  /**
   * Answers from the knowledge base of the reply's language (the English one when there is none): a
   * conversation about one entity (a product, a branch) reads its page and the general documents,
   * any other conversation the general documents only; an answer that scores too low is no answer.
   */
  void answer(DialogState s, String question, Reply reply) {
    KnowledgeBase kb = knowledge.getOrDefault(reply.lang, knowledge.get("en"));
    if (kb == null) {
      reply.knowledgeParts.add(templates.render(reply.lang, "knowledge.none", Map.of()));
      reply.outcome.add("unanswered");
      return;
    }
    PackSpec.Answers how = spec.answers();
    String about = about(s);
    double minScore = how.minScore().getOrDefault(reply.lang, Double.NEGATIVE_INFINITY);
    java.util.function.Predicate<String> sources =
        source ->
            how.folder() == null || !isPage(source) || about != null && isPageOf(source, about);
    Answerer.Answer a = new Answerer(kb, null).ask(questionPart(question), 3, sources, minScore);
    List<Answerer.Citation> shown = new ArrayList<>();
    String page = pageOf(kb, about);
    if (page != null) {
      Answerer.Answer onPage =
          new Answerer(kb, null).askIn(questionPart(question), 3, page, minScore);
      if (!onPage.citations().isEmpty()
          && (a.citations().isEmpty()
              || onPage.citations().getFirst().score()
                  >= a.citations().getFirst().score() - PAGE_FIRST)) {
        shown.add(onPage.citations().getFirst()); // the hotel's own terms first
      }
    }
    if (!a.citations().isEmpty()
        && (shown.isEmpty()
            || !shown.getFirst().source().equals(a.citations().getFirst().source()))) {
      shown.add(a.citations().getFirst()); // and the general ones beside them
    }
    if (shown.isEmpty()) {
      reply.knowledgeParts.add(templates.render(reply.lang, "knowledge.none", Map.of()));
      reply.outcome.add("unanswered");
      return;
    }
    reply.outcome.add("cited:" + shown.getFirst().source());
    for (Answerer.Citation c : shown) {
      reply.knowledgeParts.add(
          templates.render(
              reply.lang, "knowledge", Map.of("answer", c.text(), "source", c.source())));
    }
  }

  /** The knowledge page of the entity the conversation is about, or null when there is none. */
  private String pageOf(KnowledgeBase kb, String about) {
    if (spec.answers().folder() == null || about == null) {
      return null;
    }
    return kb.sources().stream()
        .map(KnowledgeBase.Source::name)
        .filter(n -> isPage(n) && isPageOf(n, about))
        .findFirst()
        .orElse(null);
  }

  /**
   * How much less a sentence of the page of what the conversation is about may match the question
   * than the best general one and still be shown, before the general one: the entity's own terms
   * come first ("the cancellation policy of that one").
   */
  static final double PAGE_FIRST = 0.15;

  /** What the conversation is about: the entity slot of the active task, or of what was said. */
  private String about(DialogState s) {
    String slot = spec.answers().slot();
    if (slot == null) {
      return null;
    }
    Object v = s.active() != null ? s.active().slots.get(slot) : null;
    if (v == null) {
      v = s.context.get(slot);
    }
    return v == null ? null : v.toString();
  }

  private boolean isPage(String source) {
    return ("/" + source).contains("/" + spec.answers().folder() + "/");
  }

  /** Whether a page is the entity's own: its file is named after it ("green-teapot.md"). */
  static boolean isPageOf(String source, String entity) {
    String file = source.substring(source.lastIndexOf('/') + 1).replaceFirst("\\.[^.]+$", "");
    return file.equals(slug(entity));
  }

  /** A name as a file name: "Jing'an Garden Hotel" is "jingan-garden-hotel". */
  static String slug(String name) {
    return name.toLowerCase(Locale.ROOT)
        .replaceAll("['’]", "")
        .replaceAll("[^\\p{L}\\p{Nd}]+", "-")
        .replaceAll("^-|-$", "");
  }
}
