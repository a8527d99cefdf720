package dev.scion.dialog;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The act step that moves the active task on: its guard first, then its rules, then the value it
 * still needs, then its preparing query, confirmation and tool.
 */
final class TaskRunner {
  private final PackSpec spec;
  private final Templates templates;
  private final ValueReader reader;
  private final Frames frames;
  private final Execution execution;

  TaskRunner(
      PackSpec spec, Templates templates, ValueReader reader, Frames frames, Execution execution) {
    this.spec = spec;
    this.templates = templates;
    this.reader = reader;
    this.frames = frames;
    this.execution = execution;
  }

  /**
   * Checks the guard and the rules, asks for what is missing, or runs the task's tools (after
   * confirmation when the task writes).
   */
  void progress(
      DialogState s, DialogState.Frame frame, Reply reply, LocalDate today, boolean changed) {
    PackSpec.Task t = spec.tasks().get(frame.task);
    if (!guarded(s, frame, reply, today)) {
      return; // identity first: even a request that goes to a person is heard once it has passed
    }
    Map<String, Object> v = frames.withDefaults(frame, today);
    if (!rulesHold(s, frame, v, reply, today)) {
      return;
    }
    String missing = frames.firstMissing(frame);
    if (missing != null) {
      String lister = spec.offering(frame.task);
      if (lister != null
          && spec.offers().fills().contains(missing)
          && v.keySet().containsAll(spec.tasks().get(lister).requires())) {
        execution.offer(s, lister, v, reply); // show what can be picked
        if (pinned(s, frame)) {
          progress(s, frame, reply, today, true);
          return;
        }
      }
      reply.prompt = frames.prompt(frame, reply.lang);
      return;
    }
    if (!changed && (t.offersFor() != null || frame.answered)) {
      return; // a listing shown already is not shown again
    }
    if (t.prepareTool() != null) {
      if (!execution.prepare(s, frame, t, v, reply, today)
          || !rulesHold(s, frame, frames.withDefaults(frame, today), reply, today)) {
        return;
      }
    }
    if (t.confirm()) {
      frame.awaitingConfirmation = true;
      reply.prompt =
          templates.render(
              reply.lang,
              frame.task + ".confirm",
              reader.display(frames.withDefaults(frame, today), reply.lang));
      return;
    }
    execution.execute(s, frame, reply, today);
  }

  /**
   * The one item offered, when the user's own words already named it ("the Amazon charge"): its
   * values fill the task's. Returns whether it filled any.
   */
  private boolean pinned(DialogState s, DialogState.Frame frame) {
    if (s.offered.size() != 1
        || spec.offers().fills().stream().noneMatch(frame.slots::containsKey)) {
      return false;
    }
    boolean filled = false;
    for (String f : spec.offers().fills()) {
      Object value = s.offered.getFirst().get(f);
      if (value != null && !frame.slots.containsKey(f)) {
        frame.slots.put(f, value);
        filled = true;
      }
    }
    return filled;
  }

  /**
   * Whether the task's guard ({@code after:}) has passed in this conversation. If not, the task
   * stays the active one and asks for the guard's values first; once they are known the guard's
   * tool runs: a row passes it, no row is said and asked again, and when the guard has used up its
   * attempts the conversation goes to a person.
   */
  private boolean guarded(DialogState s, DialogState.Frame frame, Reply reply, LocalDate today) {
    String guard = spec.tasks().get(frame.task).after();
    if (guard == null || s.passed.contains(guard)) {
      return true;
    }
    if (s.refused.contains(guard)) {
      frames.handOff(s, reply);
      return false;
    }
    PackSpec.Task g = spec.tasks().get(guard);
    for (String r : g.requires()) {
      if (!frame.slots.containsKey(r)) {
        reply.prompt = templates.render(reply.lang, "ask." + r, Map.of());
        return false;
      }
    }
    return execution.passGuard(s, frame, g, reply, today);
  }

  /**
   * Whether every rule whose values are known holds; the first that fails is said and the values it
   * reads asked again, or, for a rule with {@code handoff}, the task goes to a person.
   */
  private boolean rulesHold(
      DialogState s, DialogState.Frame frame, Map<String, Object> v, Reply reply, LocalDate today) {
    for (PackSpec.Rule r : spec.rules()) {
      if (!r.appliesTo(frame.task)
          || !Expr.names(r.check()).stream().allMatch(v::containsKey)
          || !Boolean.FALSE.equals(Expr.eval(r.check(), v, today))) {
        continue;
      }
      Map<String, Object> vars = new HashMap<>(reader.display(v, reply.lang));
      r.vars().forEach((name, expr) -> vars.put(name, Expr.eval(expr, v, today)));
      reply.add(r.message(), vars);
      if (r.handoff()) {
        s.stack.remove(frame);
        reply.add("handoff", Map.of());
        return false;
      }
      if (r.slot() != null) {
        frame.slots.remove(r.slot());
      }
      frames.derive(frame, today);
      if (r.slot() == null
          || Boolean.FALSE.equals(Expr.eval(r.check(), frames.withDefaults(frame, today), today))) {
        // the failing value was given, not derived from the slot removed ("0 nights"): ask again
        // for every value the rule reads
        Expr.names(r.check()).forEach(frame.slots::remove);
        frames.derive(frame, today);
      }
      reply.prompt = frames.prompt(frame, reply.lang);
      return false;
    }
    return true;
  }
}
