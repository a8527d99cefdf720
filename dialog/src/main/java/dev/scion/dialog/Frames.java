package dev.scion.dialog;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's values as its tools and templates see them: derived values recomputed, defaults added,
 * the next value to ask for, and the question that moves the active task on.
 */
final class Frames {
  private final PackSpec spec;
  private final Templates templates;
  private final ValueReader reader;

  Frames(PackSpec spec, Templates templates, ValueReader reader) {
    this.spec = spec;
    this.templates = templates;
    this.reader = reader;
  }

  /** Recomputes every derived slot from the given ones. */
  void derive(DialogState.Frame frame, LocalDate today) {
    for (String d : frame.derived) {
      frame.slots.remove(d);
    }
    frame.derived.clear();
    for (var e : spec.derive().entrySet()) {
      if (!frame.slots.containsKey(e.getKey())) {
        Object v = Expr.eval(e.getValue(), frame.slots, today);
        if (v != null) {
          frame.slots.put(e.getKey(), v instanceof LocalDate d ? d.toString() : v);
          frame.derived.add(e.getKey());
        }
      }
    }
  }

  /** The frame's values with the task's defaults and derivations, as a tool would see them. */
  Map<String, Object> withDefaults(DialogState.Frame frame, LocalDate today) {
    PackSpec.Task t = spec.tasks().get(frame.task);
    Map<String, Object> v = new LinkedHashMap<>(t.defaults());
    v.putAll(frame.slots);
    for (var e : spec.derive().entrySet()) {
      if (!v.containsKey(e.getKey()) || frame.derived.contains(e.getKey())) {
        Object x = Expr.eval(e.getValue(), v, today);
        if (x != null) {
          v.put(e.getKey(), x instanceof LocalDate d ? d.toString() : x);
        }
      }
    }
    return v;
  }

  String firstMissing(DialogState.Frame frame) {
    return firstMissing(spec, frame);
  }

  /** The slot the task's open question asks for: its first required slot without a value. */
  static String firstMissing(PackSpec spec, DialogState.Frame frame) {
    for (String r : spec.tasks().get(frame.task).requires()) {
      if (!frame.slots.containsKey(r)) {
        return r;
      }
    }
    return null;
  }

  String prompt(DialogState.Frame frame, String lang) {
    String m = firstMissing(frame);
    if (m == null) {
      return null;
    }
    return templates.render(lang, "ask." + m, Map.of());
  }

  void resumePrompt(DialogState s, Reply reply, LocalDate today) {
    DialogState.Frame f = s.active();
    if (f == null || reply.prompt != null) {
      return;
    }
    if (f.awaitingConfirmation) {
      reply.prompt =
          templates.render(
              reply.lang, f.task + ".confirm", reader.display(withDefaults(f, today), reply.lang));
    } else {
      reply.prompt = prompt(f, reply.lang);
    }
  }

  /** Hands the conversation to a person: the tasks under way end. */
  void handOff(DialogState s, Reply reply) {
    s.stack.clear();
    reply.add("handoff", Map.of());
  }
}
