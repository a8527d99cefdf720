package dev.scion.dialog.tools;

/** A tenant made too many look-ups that found nothing; the tool refuses for a while. */
public final class LookupLimitException extends ToolException {
  private static final long serialVersionUID = 1L;

  public LookupLimitException(String message) {
    super(message);
  }
}
