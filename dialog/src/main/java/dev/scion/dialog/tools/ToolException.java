package dev.scion.dialog.tools;

import dev.scion.dialog.DialogException;

/** A tool call failed: bad arguments, or a business rule (a room no longer free). */
public class ToolException extends DialogException {
  private static final long serialVersionUID = 1L;

  public ToolException(String message) {
    super(message);
  }

  public ToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
