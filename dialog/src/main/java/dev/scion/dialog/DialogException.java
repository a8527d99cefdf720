package dev.scion.dialog;

/** The root of this module's exceptions; messages say what went wrong and what to do. */
public class DialogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DialogException(String message) {
    super(message);
  }

  public DialogException(String message, Throwable cause) {
    super(message, cause);
  }
}
