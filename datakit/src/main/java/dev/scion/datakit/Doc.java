package dev.scion.datakit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One input record: its position among the good lines of the input ({@code ordinal}, from 0), its
 * line number in the file, and the parsed object, whose {@code text} field is {@link #text()}.
 */
public record Doc(int ordinal, long line, ObjectNode json) {
  public String text() {
    return json.get("text").asText();
  }

  /** The {@code id} field as JSON (a number or a string), or the line number when absent. */
  public Object id() {
    var id = json.get("id");
    if (id == null || id.isNull()) {
      return line;
    }
    return id.isNumber() ? id.numberValue() : id.asText();
  }
}
