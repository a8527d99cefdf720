package dev.scion.dialog;

import dev.scion.dialog.tools.LookupLimitException;
import dev.scion.dialog.tools.ToolException;
import dev.scion.dialog.tools.Tools;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The act step that calls a pack's tools: listings offered to pick from, a task's preparing query,
 * the task's own tool and what its result leaves in the conversation.
 */
final class Execution {
  private final PackSpec spec;
  private final Templates templates;
  private final ValueReader reader;
  private final Tools tools;
  private final Frames frames;

  Execution(PackSpec spec, Templates templates, ValueReader reader, Tools tools, Frames frames) {
    this.spec = spec;
    this.templates = templates;
    this.reader = reader;
    this.tools = tools;
    this.frames = frames;
  }

  /** Runs the listing task that offers the items a task still needs one of. */
  void offer(DialogState s, String lister, Map<String, Object> v, Reply reply) {
    List<Map<String, Object>> rows;
    try {
      rows = call(s, spec.tasks().get(lister).tool(), v);
    } catch (ToolException e) {
      failed(lister, e, v, reply);
      return;
    }
    showOffers(s, lister, v, rows, reply);
  }

  /** Shows a listing's rows (three distinct items at most) and keeps them as the offers. */
  private void showOffers(
      DialogState s,
      String task,
      Map<String, Object> v,
      List<Map<String, Object>> rows,
      Reply reply) {
    s.offered.clear();
    Map<String, Object> vars = reader.display(v, reply.lang);
    if (rows.isEmpty()) {
      reply.add(task + ".none", vars);
      return;
    }
    reply.add(task + ".result", vars);
    List<String> seen = new ArrayList<>();
    String key = spec.offers().fillsFrom();
    for (Map<String, Object> row : rows) {
      if (seen.contains(String.valueOf(row.get(key))) || seen.size() == spec.offers().max()) {
        continue;
      }
      seen.add(String.valueOf(row.get(key)));
      s.offered.add(row);
      Map<String, Object> r = reader.display(row, reply.lang);
      r.put("n", seen.size());
      reply.add(task + ".row", r);
    }
  }

  boolean prepare(
      DialogState s,
      DialogState.Frame frame,
      PackSpec.Task t,
      Map<String, Object> v,
      Reply reply,
      LocalDate today) {
    List<Map<String, Object>> rows;
    try {
      rows = call(s, t.prepareTool(), v);
    } catch (ToolException e) {
      failed(frame.task, e, v, reply);
      return false;
    }
    for (Map<String, Object> row : rows) {
      boolean ok = true;
      for (var w : t.prepareWhere().entrySet()) {
        Object want = w.getValue().equals("true") ? Boolean.TRUE : v.get(w.getValue());
        if (want != null
            && !String.valueOf(want).equalsIgnoreCase(String.valueOf(row.get(w.getKey())))) {
          ok = false;
        }
      }
      if (ok && t.prepareCheck() != null) {
        Map<String, Object> both = new HashMap<>(v);
        both.putAll(row);
        ok = !Boolean.FALSE.equals(Expr.eval(t.prepareCheck(), both, today));
      }
      if (ok) {
        for (String f : t.prepareFill()) {
          if (frame.slots.containsKey(f) && !frame.derived.contains(f)) {
            continue; // the user chose it
          }
          Object x = row.get(f);
          frame.slots.put(f, x instanceof BigDecimal b ? b.setScale(2, RoundingMode.HALF_UP) : x);
          frame.derived.add(f);
        }
        return true;
      }
    }
    reply.add(frame.task + ".none", reader.display(v, reply.lang));
    return false;
  }

  /** Calls the task's tool and reports the outcome; a finished task leaves the stack. */
  void execute(DialogState s, DialogState.Frame frame, Reply reply, LocalDate today) {
    PackSpec.Task t = spec.tasks().get(frame.task);
    Map<String, Object> v = frames.withDefaults(frame, today);
    v.put(
        "request_id",
        DialogEngine.digest(s.conversation, s.owner, s.history, frame.task, "" + s.turn));
    String key = frame.task;
    List<Map<String, Object>> rows;
    try {
      rows = call(s, t.tool(), v);
    } catch (ToolException e) {
      failed(key, e, v, reply);
      return;
    }
    if (t.offersFor() != null) {
      showOffers(s, key, v, rows, reply);
      if (s.stack.size() == 1) {
        if (!rows.isEmpty()) {
          reply.outcome.add("completed:" + key); // answered; it stays for its items to be picked
        }
        return;
      }
    } else if (rows.isEmpty() && t.attempts() > 0) {
      missed(s, frame, t, v, reply);
      return;
    } else if (rows.isEmpty()) {
      reply.add(key + ".none", reader.display(v, reply.lang));
    } else if (t.showRows()) {
      for (Map<String, Object> row : rows) {
        reply.add(key + ".row", shown(key, v, row, reply.lang));
      }
    } else {
      reply.add(key + ".done", shown(key, v, rows.getFirst(), reply.lang));
    }
    frame.answered = !t.rerunsOn().isEmpty() && !rows.isEmpty() && s.stack.size() == 1;
    if (!frame.answered) {
      s.stack.remove(frame); // a task with reruns_on stays the topic once answered
    }
    if (!rows.isEmpty()) {
      finished(s, frame, rows.getFirst());
      reply.outcome.add("completed:" + key);
    }
    frames.resumePrompt(s, reply, today);
  }

  /**
   * Runs the guard {@code g} of the task in {@code frame} on the values the frame holds; returns
   * whether it passed (its row's identifiers then join the task and the conversation).
   */
  boolean passGuard(
      DialogState s, DialogState.Frame frame, PackSpec.Task g, Reply reply, LocalDate today) {
    Map<String, Object> v = frames.withDefaults(frame, today);
    List<Map<String, Object>> rows;
    try {
      rows = call(s, g.tool(), v);
    } catch (ToolException e) {
      failed(g.name(), e, v, reply);
      return false;
    }
    if (rows.isEmpty()) {
      missed(s, frame, g, v, reply);
      return false;
    }
    s.passed.add(g.name());
    frame.tried.clear();
    keep(s, frame, rows.getFirst());
    if (templates.has(reply.lang, g.name() + ".done")) { // "Thank you, you are verified."
      reply.add(g.name() + ".done", shown(g.name(), v, rows.getFirst(), reply.lang));
    }
    return true;
  }

  /**
   * A run of task {@code t} (the frame's own, or its guard) that found nothing: said, its values
   * asked again, or, once its attempts are used up, the conversation goes to a person.
   */
  private void missed(
      DialogState s, DialogState.Frame frame, PackSpec.Task t, Map<String, Object> v, Reply reply) {
    int misses = s.misses.merge(t.name(), 1, Integer::sum);
    reply.add(t.name() + ".none", reader.display(v, reply.lang));
    if (misses >= t.attempts()) {
      s.refused.add(t.name());
      frames.handOff(s, reply);
      return;
    }
    frame.tried.clear();
    for (String r : t.requires()) {
      if (frame.slots.containsKey(r)) {
        frame.tried.put(r, frame.slots.remove(r));
      }
    }
    reply.prompt = templates.render(reply.lang, "ask." + t.requires().getFirst(), Map.of());
  }

  /**
   * What a task that found its row leaves behind: it has passed, and the identifiers its row gives
   * (record codes, records) go into the conversation and the task below it.
   */
  private void finished(DialogState s, DialogState.Frame frame, Map<String, Object> row) {
    s.passed.add(frame.task);
    keep(s, frame, row);
    if (s.active() != null) {
      keep(s, s.active(), row);
    }
  }

  /**
   * The identifiers of a result row (code and record slots) into the frame and the conversation.
   */
  private void keep(DialogState s, DialogState.Frame frame, Map<String, Object> row) {
    for (var e : row.entrySet()) {
      String kind = reader.kind(e.getKey());
      if (spec.slots().containsKey(e.getKey())
          && e.getValue() != null
          && (kind.equals("code") || kind.equals("record"))) {
        s.context.put(e.getKey(), e.getValue());
        frame.slots.put(e.getKey(), e.getValue());
      }
    }
  }

  /**
   * A result row as a template shows it, with the task's values: each true or false column as the
   * task's words for it ({@code <task>.<column>.true} / {@code .false}) when it has them.
   */
  private Map<String, Object> shown(
      String task, Map<String, Object> v, Map<String, Object> row, String lang) {
    Map<String, Object> r = reader.display(v, lang);
    r.putAll(reader.display(row, lang));
    for (var e : row.entrySet()) {
      if (e.getValue() instanceof Boolean b) {
        String k = task + "." + e.getKey() + "." + b;
        if (templates.has(lang, k)) {
          r.put(e.getKey(), templates.render(lang, k, Map.of()));
        }
      }
    }
    return r;
  }

  /** Reports a tool that failed: the task's failure template, or the look-up limit's. */
  private void failed(String task, ToolException e, Map<String, Object> v, Reply reply) {
    Map<String, Object> r = reader.display(v, reply.lang);
    r.put("error", e.getMessage());
    if (e instanceof LookupLimitException && templates.has(reply.lang, "lookup.limited")) {
      reply.add("lookup.limited", r);
    } else {
      reply.add(
          templates.has(reply.lang, task + ".failed") ? task + ".failed" : "not_understood", r);
    }
  }

  private List<Map<String, Object>> call(DialogState s, String tool, Map<String, Object> v) {
    Map<String, Object> args = new HashMap<>();
    for (String p : tools.params(tool)) {
      args.put(p, v.get(p));
    }
    return tools.call(tool, args, s.owner);
  }
}
