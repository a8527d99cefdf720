package dev.scion.nlu;

/** The root of NLU errors: a malformed training file, an unreadable model. */
public class NluException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NluException(String message) {
    super(message);
  }

  public NluException(String message, Throwable cause) {
    super(message, cause);
  }
}
