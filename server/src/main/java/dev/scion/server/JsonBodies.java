package dev.scion.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Reading JSON request bodies strictly, with errors that say what was wrong and where. */
public final class JsonBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonBodies() {}

  /** The request body as a JSON object; a 400 naming the problem otherwise. */
  public static JsonNode object(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      throw ApiException.badRequest("request body is empty; send a JSON object");
    }
    try {
      JsonNode node = JSON.readTree(text);
      if (!node.isObject()) {
        throw ApiException.badRequest(
            "request body must be a JSON object, got "
                + node.getNodeType().name().toLowerCase(Locale.ROOT));
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "request body is not valid JSON: "
              + e.getOriginalMessage()
              + " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
  }

  /** Rejects fields outside {@code known}, naming the first unknown one and the known ones. */
  public static void checkFields(JsonNode node, String what, Set<String> known) {
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest(what + " must be a JSON object");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw ApiException.badRequest(
            "unknown field '"
                + name
                + "' in "
                + what
                + "; known fields: "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
  }
}
