package dev.scion.knowledge;

/** A knowledge-base operation failed; the message names the input and the fix. */
public class KnowledgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KnowledgeException(String message) {
    super(message);
  }

  public KnowledgeException(String message, Throwable cause) {
    super(message, cause);
  }
}
