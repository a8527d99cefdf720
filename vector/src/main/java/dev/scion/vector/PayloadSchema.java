package dev.scion.vector;

import java.util.Locale;

/** The type of a payload index, as in Qdrant's {@code field_schema}. */
public enum PayloadSchema {
  KEYWORD,
  INTEGER,
  FLOAT,
  BOOL;

  public static PayloadSchema parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "unknown field_schema '" + name + "'; use keyword, integer, float or bool");
    }
  }

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
