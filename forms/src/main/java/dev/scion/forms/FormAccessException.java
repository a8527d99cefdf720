package dev.scion.forms;

/**
 * A decision from someone the task is not theirs to decide, or a deployment that would replace a
 * form without being asked to; the message names who may decide, or how to replace.
 */
public final class FormAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the request was refused. */
  public enum Reason {
    /** The caller may not decide the task. */
    NOT_THEIRS,
    /** A form of that name is deployed already and replacing it was not asked for. */
    EXISTS
  }

  private final Reason reason;

  public FormAccessException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
