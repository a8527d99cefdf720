package dev.scion.vector;

/**
 * The collection exists but could not be opened because its files are damaged or unreadable. The
 * message names the file (relative to the data folder) and the fix: restore a snapshot or delete
 * the collection.
 */
public class CollectionUnavailableException extends VectorException {
  private static final long serialVersionUID = 1L;

  public CollectionUnavailableException(String message) {
    super(message);
  }
}
