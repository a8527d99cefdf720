package dev.scion.vector;

/** A collection with that name already exists. */
public class AlreadyExistsException extends VectorException {
  private static final long serialVersionUID = 1L;

  public AlreadyExistsException(String message) {
    super(message);
  }
}
