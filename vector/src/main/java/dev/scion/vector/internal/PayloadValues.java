package dev.scion.vector.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading payload values by key path, and comparing them as Qdrant does. */
final class PayloadValues {
  private PayloadValues() {}

  /**
   * The nodes at {@code path} ({@code a.b}, {@code a[].b}); arrays met on the way are flattened.
   * With {@code flattenLast} an array at the end is flattened too.
   */
  static List<JsonNode> at(JsonNode root, String path, boolean flattenLast) {
    List<JsonNode> current = new ArrayList<>(1);
    current.add(root);
    for (String part : path.split("\\.", -1)) {
      String name = part.endsWith("[]") ? part.substring(0, part.length() - 2) : part;
      List<JsonNode> next = new ArrayList<>(current.size());
      for (JsonNode node : current) {
        addFlattened(node, name, next);
      }
      current = next;
    }
    if (!flattenLast) {
      return current;
    }
    List<JsonNode> flat = new ArrayList<>(current.size());
    for (JsonNode node : current) {
      if (node.isArray()) {
        node.forEach(flat::add);
      } else {
        flat.add(node);
      }
    }
    return flat;
  }

  private static void addFlattened(JsonNode node, String name, List<JsonNode> out) {
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        addFlattened(element, name, out);
      }
      return;
    }
    if (node.isObject()) {
      JsonNode child = node.get(name);
      if (child != null) {
        out.add(child);
      }
    }
  }

  /** A JSON scalar as String, Long, Double or Boolean; null for anything else. */
  static Object scalar(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return null;
  }

  static boolean sameValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return (x instanceof Long && y instanceof Long)
          ? x.longValue() == y.longValue()
          : x.doubleValue() == y.doubleValue();
    }
    return a != null && a.equals(b);
  }

  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }
}
