package dev.scion.vector;

/** A named collection or snapshot does not exist. */
public class NotFoundException extends VectorException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
