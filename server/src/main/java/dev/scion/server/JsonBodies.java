package dev.scion.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading JSON request bodies strictly, with errors that say what was wrong and where: one JSON
 * object, no field twice, nothing after it, within Jackson's limits (number length, string length,
 * nesting depth); and fields read with the type they must have.
 */
public final class JsonBodies {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonBodies() {}

  /** The request body as a JSON object; a 400 naming the problem otherwise. */
  public static JsonNode object(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      throw ApiException.badRequest("request body is empty; send a JSON object");
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(problem(e));
    }
    if (!node.isObject()) {
      throw ApiException.badRequest(
          "request body must be a JSON object, got " + typeOf(node) + "; send a JSON object");
    }
    return node;
  }

  /** One line saying what is wrong with a body Jackson refused, and where. */
  static String problem(JsonProcessingException e) {
    String original = String.valueOf(e.getOriginalMessage());
    String what;
    if (e instanceof StreamConstraintsException) {
      what =
          "request body is beyond the limits of JSON this server reads: "
              + original.replaceAll(",? *from `[^`]*`", "")
              + "; send shorter numbers and strings and less nesting";
    } else if (original.startsWith("Trailing token")) {
      what =
          "request body has more after its JSON object (a second document or stray characters);"
              + " send exactly one JSON object";
    } else {
      what = "request body is not valid JSON: " + original;
    }
    JsonLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      what += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
    return HttpEdge.printable(what.replace('\n', ' ').replace('\r', ' '), 400);
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
                + HttpEdge.printable(name, 100)
                + "' in "
                + what
                + "; known fields: "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  /** Field {@code field} of {@code node} as a string; {@code fallback} when absent or null. */
  public static String text(JsonNode node, String field, String fallback) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isTextual()) {
      throw mistyped(field, "a string", n);
    }
    return n.textValue();
  }

  /** Field {@code field} as a whole number that fits an int; {@code fallback} when absent. */
  public static int integer(JsonNode node, String field, int fallback) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw mistyped(field, "a whole number", n);
    }
    return n.intValue();
  }

  /** Field {@code field} as true or false; {@code fallback} when absent or null. */
  public static boolean bool(JsonNode node, String field, boolean fallback) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isBoolean()) {
      throw mistyped(field, "true or false", n);
    }
    return n.booleanValue();
  }

  private static ApiException mistyped(String field, String expected, JsonNode got) {
    String shown = got.isValueNode() ? " " + HttpEdge.printable(got.toString(), 40) : "";
    return ApiException.badRequest(
        "field '" + field + "' must be " + expected + ", got " + typeOf(got) + shown);
  }

  private static String typeOf(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
