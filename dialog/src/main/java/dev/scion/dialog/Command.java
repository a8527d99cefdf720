package dev.scion.dialog;

/**
 * What a user message asks of the engine. A message becomes a list of commands, acted on in order,
 * so a message holding several intents has each of them carried out.
 */
public sealed interface Command {
  /**
   * The command without the user's values, fit for a log: {@code start:<task>}, {@code set:<slot>},
   * {@code correct:<slot>}, {@code unreadable:<slot>}, {@code yes}, {@code no}, {@code cancel},
   * {@code ask_knowledge}, {@code handoff}, {@code check:<act>}, {@code clarify} or the social
   * act's kind.
   */
  default String label() {
    return switch (this) {
      case Social x -> x.kind();
      case StartTask x -> "start:" + x.task();
      case SetSlot x -> (x.correction() ? "correct:" : "set:") + x.slot();
      case Unreadable x -> "unreadable:" + x.slot();
      case Confirm x -> x.yes() ? "yes" : "no";
      case CancelTask x -> "cancel";
      case AskKnowledge x -> "ask_knowledge";
      case Handoff x -> "handoff";
      case CheckAct x -> "check:" + x.act();
      case Clarify x -> "clarify";
    };
  }

  /** A social act: {@code greet}, {@code goodbye} or {@code chitchat}. */
  record Social(String kind) implements Command {}

  /** Start (or switch to) a task. */
  record StartTask(String task) implements Command {}

  /** Set a slot of the active task; {@code correction} when it replaces a value the user gave. */
  record SetSlot(String slot, Object value, boolean correction) implements Command {}

  /** A slot value that could not be read: asked again. */
  record Unreadable(String slot, String text, String problem) implements Command {}

  /** A yes or a no to the write waiting for confirmation. */
  record Confirm(boolean yes) implements Command {}

  /** Stop the active task ("never mind"). */
  record CancelTask() implements Command {}

  /** A question for the knowledge base. */
  record AskKnowledge(String question) implements Command {}

  /** Pass the conversation to a person. */
  record Handoff() implements Command {}

  /**
   * A dialogue act the model is not sure of ({@code confidence} below the engine's threshold): one
   * short question about it instead of a guess ("Shall I go ahead, yes or no?").
   */
  record CheckAct(String act, double confidence) implements Command {}

  /** Nothing was understood: ask the user to say it another way. */
  record Clarify() implements Command {}
}
