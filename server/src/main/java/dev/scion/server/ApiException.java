package dev.scion.server;

/** An error to answer with a given HTTP status and a one-line message. */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** An answer without a stack trace, for refusals made often and cheaply (429). */
  public static ApiException refusal(int status, String message) {
    return new ApiException(status, message, false);
  }

  private ApiException(int status, String message, boolean trace) {
    super(message, null, false, trace);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }
}
