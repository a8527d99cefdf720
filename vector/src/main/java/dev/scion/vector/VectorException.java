package dev.scion.vector;

/** The root of every error the engine reports. Messages name the bad input and the fix. */
public class VectorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VectorException(String message) {
    super(message);
  }

  public VectorException(String message, Throwable cause) {
    super(message, cause);
  }
}
