package dev.scion.dialog;

import dev.scion.nlu.JointModel;
import dev.scion.nlu.Prediction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The understand step: what a message asks (intents, the dialogue act, slot values) turned into the
 * commands that the act step carries out, in order.
 */
final class Understanding {
  private final PackSpec spec;
  private final Map<String, JointModel> nlu;
  private final Map<String, ActClassifier> acts;
  private final Hearing hearing;

  Understanding(
      PackSpec spec,
      Map<String, JointModel> nlu,
      Map<String, ActClassifier> acts,
      Hearing hearing) {
    this.spec = spec;
    this.nlu = nlu;
    this.acts = acts;
    this.hearing = hearing;
  }

  /** Below this probability a message is not taken as the act at all. */
  static final double POSSIBLE = 0.3;

  /** What a message was read as, beside its commands: its intents and the model's confidence. */
  static final class Read {
    final List<String> intents = new ArrayList<>();
    double confidence = Double.NaN;
  }

  /** The commands of a message, in the order they are carried out; {@code read} gets the rest. */
  List<Command> understand(DialogState s, String text, String lang, LocalDate today, Read read) {
    List<String> intentsOut = read.intents;
    List<Command> out = new ArrayList<>();
    if (text.isEmpty()) {
      out.add(new Command.Clarify());
      return out;
    }
    List<String> words = DialogEngine.words(text);
    Prediction p = nlu.get(lang).predict(words);
    read.confidence = p.confidence();
    ActClassifier.Guess guess = guessAct(lang, words);
    String act = guess == null ? null : spec.acts().get(guess.act());
    List<String> intents = new ArrayList<>(p.intents());
    intents.removeIf(spec.acts()::containsKey);
    intentsOut.addAll(intents);
    DialogState.Frame frame = s.active();
    List<Hearing.Heard> heard = hearing.heard(words, p, lang, today, text, s, act);
    boolean taskAsked =
        intents.stream()
            .anyMatch(i -> spec.tasks().containsKey(i) && (frame == null || !frame.task.equals(i)));
    boolean bare = heard.isEmpty() && !taskAsked;
    String pending = s.pendingAct;
    s.pendingAct = null;
    if (pending != null && frame != null && bare && ("affirm".equals(act) || "deny".equals(act))) {
      if (act.equals("affirm") && pending.equals("stop")) {
        out.add(new Command.CancelTask());
      }
      return out; // a no: the task goes on with its open question
    }
    if (frame != null && frame.awaitingConfirmation && bare) {
      if ("affirm".equals(act) || "deny".equals(act)) {
        out.add(
            guess.probability() >= spec.actsSure()
                ? new Command.Confirm(act.equals("affirm"))
                : new Command.CheckAct(act, guess.probability()));
        return out;
      }
      if (intents.contains(frame.task) && !"stop".equals(act)) {
        intentsOut.remove(frame.task); // a yes, not a new request
        out.add(new Command.Confirm(true)); // asking for the very task that waits: "book it"
        return out;
      }
    }
    if (frame != null && bare && "stop".equals(act)) {
      if (guess.probability() >= spec.actsSure()) {
        out.add(new Command.CancelTask());
      } else {
        s.pendingAct = "stop";
        out.add(new Command.CheckAct(act, guess.probability()));
      }
      return out;
    }
    for (String i : intents) {
      if (spec.social().contains(i) || spec.closing().contains(i)) {
        out.add(new Command.Social(i));
      }
    }
    if (intents.stream().anyMatch(spec.handoff()::contains)
        && (!taskAsked || intents.contains("handoff"))) {
      out.add(new Command.Handoff());
      return out;
    }
    String task = mainTask(intents);
    if (task == null && intents.isEmpty()) {
      task = unasked(s, p, act, heard);
    }
    if (task != null) {
      out.add(new Command.StartTask(task));
    }
    boolean correcting = "correct".equals(act);
    for (Hearing.Heard h : heard) {
      if (h.problem() != null) {
        out.add(new Command.Unreadable(h.slot(), h.text(), h.problem()));
      } else {
        Object old = frame == null ? null : frame.slots.get(h.slot());
        boolean given = old != null && !frame.derived.contains(h.slot());
        out.add(
            new Command.SetSlot(
                h.slot(), h.value(), correcting && given && !h.value().equals(old)));
      }
    }
    if ("select".equals(act)
        && !s.offered.isEmpty()
        && heard.stream().noneMatch(h -> spec.offers().fills().contains(h.slot()))) {
      out.add(new Command.CheckAct(act, guess.probability()));
    }
    if (intents.stream().anyMatch(spec.knowledge()::contains)) {
      out.add(new Command.AskKnowledge(Answers.questionPart(text)));
    }
    if (out.isEmpty() && frame != null && ("affirm".equals(act) || "deny".equals(act))) {
      return out; // a yes or a no to no question: the task's open question is asked again
    }
    if (out.isEmpty()) {
      out.add(new Command.Clarify());
    }
    return out;
  }

  /** The dialogue act of the message, or null when the language has no act model. */
  private ActClassifier.Guess guessAct(String lang, List<String> words) {
    ActClassifier c = acts.get(lang);
    if (c == null) {
      return null;
    }
    ActClassifier.Guess g = c.guess(words);
    return g.probability() < POSSIBLE ? new ActClassifier.Guess(ActClassifier.OTHER, 0) : g;
  }

  /**
   * The task a message asks for without naming one: with no task open, the one its act asks for on
   * the conversation's record ("cancel it"), else the one its values fit; while a listing is shown,
   * the task the listing serves when the message gives that task's values ("name's Priya Nair").
   */
  private String unasked(DialogState s, Prediction p, String act, List<Hearing.Heard> heard) {
    DialogState.Frame frame = s.active();
    if (frame != null) {
      return onward(frame, heard) ? spec.tasks().get(frame.task).offersFor() : null;
    }
    String said = // the act the intent model reads when the act model reads none ("cancel it")
        act != null
            ? act
            : p.intents().stream()
                .filter(spec.acts()::containsKey)
                .map(spec.acts()::get)
                .findFirst()
                .orElse(null);
    String task = onRecord(s, said);
    return task != null || answersAsk(act) ? task : taskOfValues(heard);
  }

  /**
   * The task an act asks for when no task is open and the conversation holds the record it works on
   * ("cancel it" after booking), as the pack's {@code on_record} says; null otherwise.
   */
  private String onRecord(DialogState s, String act) {
    String task = act == null ? null : spec.onRecord().get(act);
    if (task == null) {
      return null;
    }
    boolean known =
        spec.tasks().get(task).requires().stream()
            .anyMatch(r -> PackSpec.isRecord(spec.slots().get(r)) && s.context.get(r) != null);
    return known ? task : null;
  }

  /** Whether the message gives values only the task the active listing lists for takes. */
  private boolean onward(DialogState.Frame frame, List<Hearing.Heard> heard) {
    List<String> onward = spec.onwardSlots(frame.task);
    return heard.stream().anyMatch(h -> h.problem() == null && onward.contains(h.slot()));
  }

  private static boolean answersAsk(String act) {
    return act != null && List.of("affirm", "deny", "stop", "select").contains(act);
  }

  /**
   * The task a message names no task for but gives the values of ("两个大人一个小孩 芽庄 12月27号 住3晚"): the
   * one that requires most of them, at least two; of equals, the last in the pack's priority (the
   * one that commits to least). Null when no task requires two of them.
   */
  private String taskOfValues(List<Hearing.Heard> heard) {
    String best = null;
    long most = 1;
    for (String t : spec.priority()) {
      List<String> requires = spec.tasks().get(t).requires();
      long n =
          heard.stream()
              .filter(h -> h.problem() == null && requires.contains(h.slot()))
              .map(Hearing.Heard::slot)
              .distinct()
              .count();
      if (n >= 2 && n >= most) {
        best = t;
        most = n;
      }
    }
    return best;
  }

  private String mainTask(List<String> intents) {
    for (String t : spec.priority()) {
      if (intents.contains(t)) {
        return t;
      }
    }
    return null;
  }
}
