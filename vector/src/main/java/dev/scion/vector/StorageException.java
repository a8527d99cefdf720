package dev.scion.vector;

/** The disk failed us: an I/O error or a corrupt file that recovery could not repair. */
public class StorageException extends VectorException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
