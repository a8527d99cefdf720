package dev.scion.vector;

/** The request is malformed or inconsistent with the collection (dimension, NaN, unknown key). */
public class InvalidInputException extends VectorException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }
}
