package dev.scion.dialog;

import dev.scion.dialog.tools.Tools;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The act step: carries out a message's commands in order (confirmations, stops, hand-offs, new
 * tasks, values), then moves the active task on and answers knowledge questions.
 */
final class Acting {
  private final PackSpec spec;
  private final Templates templates;
  private final Tools tools;
  private final Frames frames;
  private final TaskRunner tasks;
  private final Execution execution;
  private final Answers answers;

  Acting(
      PackSpec spec,
      Templates templates,
      Tools tools,
      Frames frames,
      TaskRunner tasks,
      Execution execution,
      Answers answers) {
    this.spec = spec;
    this.templates = templates;
    this.tools = tools;
    this.frames = frames;
    this.tasks = tasks;
    this.execution = execution;
    this.answers = answers;
  }

  /** Carries out the commands in order, then moves the active task on. */
  void act(DialogState s, List<Command> commands, Reply reply, LocalDate today) {
    boolean moved = false;
    boolean knowledgeAsked = false;
    String question = null;
    List<Command.SetSlot> sets = new ArrayList<>();
    for (Command c : commands) {
      switch (c) {
        case Command.Confirm k -> {
          DialogState.Frame f = s.active();
          f.awaitingConfirmation = false;
          if (k.yes()) {
            execution.execute(s, f, reply, today);
          } else {
            s.stack.removeLast();
            reply.add("declined", Map.of());
            frames.resumePrompt(s, reply, today);
          }
          return;
        }
        case Command.CancelTask x -> {
          DialogState.Frame f = s.stack.removeLast();
          reply.add(
              "stopped", Map.of("task", templates.render(reply.lang, "task." + f.task, Map.of())));
          frames.resumePrompt(s, reply, today);
          return;
        }
        case Command.Social x -> reply.add(x.kind(), Map.of());
        case Command.Handoff x -> {
          reply.add("handoff", Map.of());
          return;
        }
        case Command.StartTask x -> moved |= route(s, x.task());
        case Command.SetSlot x -> sets.add(x);
        case Command.Unreadable x ->
            reply.add(
                templates.has(reply.lang, x.problem()) ? x.problem() : "unknown.value",
                Map.of("value", x.text(), "slot", x.slot()));
        case Command.AskKnowledge x -> knowledgeAsked = true;
        case Command.Clarify x -> reply.add("not_understood", Map.of());
        case Command.CheckAct x -> {
          if (!x.act().equals("select")) {
            reply.prompt = checkAct(s, x, reply.lang);
            return;
          }
          question = checkAct(s, x, reply.lang); // asked once the values are in
        }
      }
    }
    if (commands.stream().allMatch(c -> c instanceof Command.Social)
        && commands.stream().anyMatch(c -> spec.closing().contains(((Command.Social) c).kind()))) {
      return; // a goodbye is not answered with the task's open question
    }
    DialogState.Frame frame = s.active();
    if (frame != null && frame.awaitingConfirmation && !sets.isEmpty()) {
      frame.awaitingConfirmation = false; // new values: the summary is asked again
    }
    boolean changed = apply(s, frame, sets, reply, today);
    if (frame != null && frame.answered) { // answered again only when a value it reads changed
      List<String> reruns = spec.tasks().get(frame.task).rerunsOn();
      changed &= sets.stream().anyMatch(x -> reruns.contains(x.slot()));
    }
    moved |= changed;
    if (frame != null) {
      tasks.progress(s, frame, reply, today, moved);
    }
    if (question != null) {
      reply.prompt = question;
    }
    for (Command c : commands) {
      if (c instanceof Command.AskKnowledge q) {
        answers.answer(s, q.question(), reply);
      }
    }
    if (knowledgeAsked && s.active() != null) {
      frames.resumePrompt(s, reply, today);
      reply.resumeTask = s.active().task;
    }
  }

  /** Makes {@code task} the active task; returns whether a task started. */
  private boolean route(DialogState s, String task) {
    if (!spec.tasks().containsKey(task)) {
      return false;
    }
    DialogState.Frame active = s.active();
    if (active != null && active.task.equals(task)) {
      return false;
    }
    if (active != null && task.equals(spec.offering(active.task))) {
      return false; // a listing inside the task it lists for offers items to pick
    }
    DialogState.Frame f = new DialogState.Frame(task);
    if (active != null && (spec.tasks().get(active.task).offersFor() != null || active.answered)) {
      s.stack.removeLast(); // the listing becomes the next task, keeping what is known
      f.slots.putAll(active.slots);
    } else if (active != null) {
      f.slots.putAll(active.slots);
    }
    for (String c : spec.carries()) {
      if (s.context.containsKey(c)) {
        f.slots.putIfAbsent(c, s.context.get(c));
      }
    }
    f.derived.clear();
    s.stack.add(f);
    return true;
  }

  /** Asks one short question about an act the model is not sure of. */
  private String checkAct(DialogState s, Command.CheckAct x, String lang) {
    DialogState.Frame f = s.active();
    Map<String, Object> vars = new HashMap<>();
    vars.put("task", f == null ? "" : templates.render(lang, "task." + f.task, Map.of()));
    vars.put("n", s.offered.size());
    String key = "clarify." + x.act();
    return templates.render(lang, templates.has(lang, key) ? key : "not_understood", vars);
  }

  /** Sets values on the frame (or the context); returns whether any value changed. */
  private boolean apply(
      DialogState s,
      DialogState.Frame frame,
      List<Command.SetSlot> sets,
      Reply reply,
      LocalDate today) {
    boolean changed = false;
    for (Command.SetSlot h : sets) {
      s.context.put(h.slot(), h.value());
      if (frame == null) {
        changed = true;
        continue;
      }
      Object old = frame.slots.get(h.slot());
      frame.slots.put(h.slot(), h.value());
      boolean wasDerived = frame.derived.remove(h.slot());
      if (wasDerived && h.value().equals(old)) {
        staleCounterparts(
            frame, h.slot(), sets); // "2 nights from jan 30": the stay, not the old end
      }
      if (!h.value().equals(old)) {
        changed = true;
        staleCounterparts(frame, h.slot(), sets);
        if (old != null) {
          for (String dependent : spec.clears().getOrDefault(h.slot(), List.of())) {
            if (sets.stream().noneMatch(x -> x.slot().equals(dependent))) {
              frame.slots.remove(dependent);
            }
          }
        }
        if (h.correction()) {
          reply.add(
              "corrected",
              Map.of(
                  "slot_label",
                  templates.render(reply.lang, "slot." + h.slot(), Map.of()),
                  "value",
                  h.value()));
        }
      }
    }
    if (frame != null && sets.stream().anyMatch(x -> frame.tried.containsKey(x.slot()))) {
      frame.tried.forEach(frame.slots::putIfAbsent); // "sorry, the card is 7315": the rest stays
      frame.tried.clear();
    }
    if (frame != null) {
      implied(s, frame, sets);
      frames.derive(frame, today);
    }
    return changed;
  }

  /**
   * Drops the values derived from {@code slot} that {@code slot} is also derived from ({@code
   * derive: {a: b + c, b: a - c}}), unless the same message gave them too: the value just given
   * replaces the earlier one it contradicts, which is then derived again from it.
   */
  private void staleCounterparts(DialogState.Frame frame, String slot, List<Command.SetSlot> sets) {
    String own = spec.derive().get(slot);
    if (own == null) {
      return;
    }
    for (String other : Expr.names(own)) {
      String back = spec.derive().get(other);
      if (back != null
          && Expr.names(back).contains(slot)
          && sets.stream().noneMatch(x -> x.slot().equals(other))) {
        frame.slots.remove(other);
        frame.derived.remove(other);
      }
    }
  }

  /**
   * The values a value given implies, looked up in the business database ({@code implies:} in
   * pack.yaml: the region of a branch); a value the same message gave stays.
   */
  private void implied(DialogState s, DialogState.Frame frame, List<Command.SetSlot> sets) {
    for (var e : spec.implies().entrySet()) {
      PackSpec.Implies how = e.getValue();
      Object value = frame.slots.get(e.getKey());
      if (value == null || sets.stream().noneMatch(x -> x.slot().equals(e.getKey()))) {
        continue;
      }
      for (Map<String, Object> row : tools.call(how.tool(), Map.of())) {
        if (value.equals(row.get(how.key()))) {
          for (String f : how.fill()) {
            if (row.get(f) != null && sets.stream().noneMatch(x -> x.slot().equals(f))) {
              frame.slots.put(f, row.get(f));
              s.context.put(f, row.get(f));
            }
          }
        }
      }
    }
  }
}
