package dev.scion.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A knowledge base against questions written for it: each line of the question file is {@code
 * {"question":…,"source":…,"section":…}}, naming the document (by the end of its source name) and
 * optionally the heading that holds the answer. Reports how often that passage is among the first
 * {@code k}, and what the extractive answers cost in context tokens beside the whole base.
 */
public final class QuestionEval {
  private static final ObjectMapper JSON = new ObjectMapper();

  private QuestionEval() {}

  public static Map<String, Object> run(
      KnowledgeBase kb, Path questions, int k, int answerPassages) {
    List<JsonNode> qs = new ArrayList<>();
    try {
      int n = 0;
      for (String line : Files.readAllLines(questions, StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode q = JSON.readTree(line);
        if (!q.hasNonNull("question") || !q.hasNonNull("source")) {
          throw new KnowledgeException(
              questions + ":" + n + ": a question needs \"question\" and \"source\"");
        }
        qs.add(q);
      }
    } catch (IOException e) {
      throw new KnowledgeException("cannot read " + questions + ": " + e.getMessage(), e);
    }
    int hits = 0;
    long context = 0;
    List<String> missed = new ArrayList<>();
    Answerer answerer = new Answerer(kb, null);
    for (JsonNode q : qs) {
      String question = q.get("question").asText();
      String source = q.get("source").asText();
      String section = q.path("section").asText(null);
      boolean hit = false;
      for (KnowledgeBase.Passage p : kb.search(question, k, HybridIndex.Mode.HYBRID, null)) {
        if (p.chunk().source().endsWith(source)
            && (section == null || p.chunk().titles().contains(section))) {
          hit = true;
          break;
        }
      }
      if (hit) {
        hits++;
      } else {
        missed.add(question);
      }
      context += answerer.ask(question, answerPassages).contextTokens();
    }
    int n = Math.max(1, qs.size());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("questions", qs.size());
    out.put("hit@" + k, Math.round(10000.0 * hits / n) / 10000.0);
    out.put("mean_context_tokens", Math.round(10.0 * context / n) / 10.0);
    out.put("knowledge_base_tokens", kb.totalTokens());
    out.put(
        "times_fewer_tokens",
        Math.round(10.0 * kb.totalTokens() * n / Math.max(1, context)) / 10.0);
    out.put("missed", missed);
    return out;
  }
}
