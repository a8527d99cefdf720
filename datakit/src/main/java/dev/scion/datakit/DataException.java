package dev.scion.datakit;

/** A data-cleaning job could not go on: the message names the input and how to fix it. */
public final class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
