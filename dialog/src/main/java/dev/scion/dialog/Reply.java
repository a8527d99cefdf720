package dev.scion.dialog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The compose step: the reply being written, its parts in order, knowledge answers after them, and
 * the question that moves the task on always last.
 */
final class Reply {
  private final Templates templates;
  final String lang;
  final List<String> parts = new ArrayList<>();
  final List<String> knowledgeParts = new ArrayList<>();
  String prompt;
  String resumeTask;

  /**
   * What the turn came to, for the conversation log: {@code handoff}, {@code not_understood},
   * {@code unanswered} (a knowledge question without an answer), {@code completed:<task>}.
   */
  final List<String> outcome = new ArrayList<>();

  Reply(Templates templates, String lang) {
    this.templates = templates;
    this.lang = lang;
  }

  void add(String key, Map<String, ?> values) {
    parts.add(templates.render(lang, key, values));
    if (key.equals("handoff") || key.equals("not_understood")) {
      outcome.add(key);
    }
  }

  String text() {
    List<String> all = new ArrayList<>(parts);
    all.addAll(knowledgeParts);
    if (prompt != null) {
      if (!knowledgeParts.isEmpty() && resumeTask != null) {
        String label = templates.render(lang, "task." + resumeTask, Map.of());
        all.add(templates.render(lang, "resume", Map.of("task", label)) + " " + prompt);
      } else {
        all.add(prompt);
      }
    }
    if (all.isEmpty()) {
      all.add(templates.render(lang, "not_understood", Map.of()));
      outcome.add("not_understood");
    }
    return String.join("\n", all);
  }
}
