package dev.scion.knowledge;

/** A document has more tokens than one ingest may take. */
public final class DocumentTooLargeException extends KnowledgeException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  public DocumentTooLargeException(String source, long limit) {
    super(
        source
            + " has more than "
            + limit
            + " tokens, the most one document may have; split it into smaller files (the limit is"
            + " the server's max-document-tokens setting)");
    this.limit = limit;
  }

  /** The most tokens a document may have. */
  public long limit() {
    return limit;
  }
}
