package dev.scion.server.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.server.ApiException;
import dev.scion.server.JsonBodies;
import dev.scion.vector.Condition;
import dev.scion.vector.Filter;
import dev.scion.vector.Point;
import dev.scion.vector.PointId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reading and writing Qdrant's JSON shapes: ids, points, filters, payload selectors. */
final class QdrantJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private QdrantJson() {}

  static PointId id(JsonNode node) {
    if (node != null
        && node.isIntegralNumber()
        && node.canConvertToLong()
        && node.longValue() >= 0) {
      return PointId.of(node.longValue());
    }
    if (node != null && node.isTextual()) {
      return PointId.parse(node.textValue());
    }
    if (node != null && node.isIntegralNumber() && node.bigIntegerValue().signum() > 0) {
      throw ApiException.badRequest(
          "point id "
              + node
              + " is larger than "
              + Long.MAX_VALUE
              + "; use smaller integers or UUID strings");
    }
    throw ApiException.badRequest(
        "point id " + node + " is neither an unsigned integer nor a UUID string");
  }

  static JsonNode idJson(PointId id) {
    return switch (id) {
      case PointId.Num n -> JSON.getNodeFactory().numberNode(n.value());
      case PointId.Uuid u -> JSON.getNodeFactory().textNode(u.value().toString());
    };
  }

  static List<PointId> ids(JsonNode array, String what) {
    if (array == null || !array.isArray()) {
      throw ApiException.badRequest(what + " must be an array of point ids");
    }
    List<PointId> ids = new ArrayList<>(array.size());
    array.forEach(n -> ids.add(id(n)));
    return ids;
  }

  static float[] vector(JsonNode node, String what) {
    if (node == null || node.isNull()) {
      throw ApiException.badRequest(what + " has no vector; send \"vector\": [numbers]");
    }
    if (node.isObject()) {
      throw ApiException.badRequest(
          what + ": named vectors are not supported; send \"vector\": [numbers]");
    }
    if (!node.isArray()) {
      throw ApiException.badRequest(what + ": vector must be an array of numbers");
    }
    float[] v = new float[node.size()];
    for (int i = 0; i < v.length; i++) {
      JsonNode x = node.get(i);
      if (!x.isNumber()) {
        throw ApiException.badRequest(what + ": vector[" + i + "] is " + x + ", not a number");
      }
      v[i] = x.floatValue();
    }
    return v;
  }

  static ObjectNode payload(JsonNode node, String what) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw ApiException.badRequest(what + ": payload must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Points in either the list form or Qdrant's batch (columns) form. */
  static List<Point> points(JsonNode body) {
    JsonBodies.checkFields(
        body, "upsert request", Set.of("points", "batch", "shard_key", "update_filter"));
    if (body.has("batch")) {
      JsonNode batch = body.get("batch");
      JsonBodies.checkFields(batch, "batch", Set.of("ids", "vectors", "payloads"));
      List<PointId> ids = ids(batch.get("ids"), "batch.ids");
      JsonNode vectors = batch.get("vectors");
      JsonNode payloads = batch.get("payloads");
      if (vectors == null || !vectors.isArray() || vectors.size() != ids.size()) {
        throw ApiException.badRequest("batch.vectors must be an array with one vector per id");
      }
      if (payloads != null && !payloads.isNull() && payloads.size() != ids.size()) {
        throw ApiException.badRequest("batch.payloads must have one payload per id");
      }
      List<Point> points = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        String what = "point " + ids.get(i);
        points.add(
            new Point(
                ids.get(i),
                vector(vectors.get(i), what),
                payloads == null || payloads.isNull() ? null : payload(payloads.get(i), what)));
      }
      return points;
    }
    JsonNode list = body.get("points");
    if (list == null || !list.isArray()) {
      throw ApiException.badRequest(
          "upsert needs \"points\": [{\"id\":…, \"vector\":[…], \"payload\":{…}}]");
    }
    List<Point> points = new ArrayList<>(list.size());
    for (JsonNode p : list) {
      JsonBodies.checkFields(p, "point", Set.of("id", "vector", "payload"));
      PointId id = id(p.get("id"));
      String what = "point " + id;
      points.add(new Point(id, vector(p.get("vector"), what), payload(p.get("payload"), what)));
    }
    return points;
  }

  private static final Set<String> FILTER_FIELDS =
      Set.of("must", "should", "must_not", "min_should");

  static Filter filter(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    JsonBodies.checkFields(node, "filter", FILTER_FIELDS);
    if (node.has("min_should")) {
      throw ApiException.badRequest("filter.min_should is not supported; use should");
    }
    return new Filter(
        conditions(node.get("must"), "must"),
        conditions(node.get("should"), "should"),
        conditions(node.get("must_not"), "must_not"));
  }

  private static List<Condition> conditions(JsonNode node, String clause) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<Condition> out = new ArrayList<>();
    if (node.isObject()) {
      out.add(condition(node, clause));
    } else if (node.isArray()) {
      node.forEach(c -> out.add(condition(c, clause)));
    } else {
      throw ApiException.badRequest(
          "filter." + clause + " must be a condition or an array of conditions");
    }
    return out;
  }

  private static Condition condition(JsonNode c, String clause) {
    if (!c.isObject()) {
      throw ApiException.badRequest("a condition in filter." + clause + " must be a JSON object");
    }
    if (c.has("key")) {
      return fieldCondition(c, clause);
    }
    if (c.has("has_id")) {
      JsonBodies.checkFields(c, "has_id condition", Set.of("has_id"));
      return new Condition.HasId(new HashSet<>(ids(c.get("has_id"), "has_id")));
    }
    if (c.has("is_empty")) {
      JsonBodies.checkFields(c, "is_empty condition", Set.of("is_empty"));
      return new Condition.IsEmpty(key(c.get("is_empty"), "is_empty"));
    }
    if (c.has("is_null")) {
      JsonBodies.checkFields(c, "is_null condition", Set.of("is_null"));
      return new Condition.IsNull(key(c.get("is_null"), "is_null"));
    }
    if (c.has("nested")) {
      JsonBodies.checkFields(c, "nested condition", Set.of("nested"));
      JsonNode n = c.get("nested");
      JsonBodies.checkFields(n, "nested", Set.of("key", "filter"));
      return new Condition.Nested(key(n, "nested"), filter(n.get("filter")));
    }
    if (c.has("filter")) {
      JsonBodies.checkFields(c, "filter condition", Set.of("filter"));
      return new Condition.Sub(filter(c.get("filter")));
    }
    for (String f : FILTER_FIELDS) {
      if (c.has(f)) {
        return new Condition.Sub(filter(c));
      }
    }
    String first = c.fieldNames().hasNext() ? c.fieldNames().next() : "(none)";
    throw ApiException.badRequest(
        "unknown filter condition '"
            + first
            + "' in filter."
            + clause
            + "; use key with match/range, has_id, is_empty, is_null, nested or a nested filter");
  }

  private static String key(JsonNode node, String what) {
    JsonNode key = node == null ? null : node.get("key");
    if (key == null || !key.isTextual() || key.textValue().isEmpty()) {
      throw ApiException.badRequest(what + " needs \"key\": \"payload.path\"");
    }
    return key.textValue();
  }

  private static Condition fieldCondition(JsonNode c, String clause) {
    JsonBodies.checkFields(
        c,
        "field condition",
        Set.of(
            "key",
            "match",
            "range",
            "values_count",
            "geo_bounding_box",
            "geo_radius",
            "geo_polygon",
            "datetime_range"));
    String key = key(c, "field condition");
    if (c.has("match")) {
      JsonNode m = c.get("match");
      JsonBodies.checkFields(m, "match of '" + key + "'", Set.of("value", "any", "except", "text"));
      if (m.has("value")) {
        return new Condition.Match(key, scalar(m.get("value"), key));
      }
      if (m.has("any")) {
        return new Condition.MatchAny(key, scalars(m.get("any"), key));
      }
      if (m.has("except")) {
        return new Condition.MatchExcept(key, scalars(m.get("except"), key));
      }
      if (m.has("text")) {
        return new Condition.MatchText(key, m.get("text").asText());
      }
      throw ApiException.badRequest("match of '" + key + "' needs value, any, except or text");
    }
    if (c.has("range")) {
      JsonNode r = c.get("range");
      JsonBodies.checkFields(r, "range of '" + key + "'", Set.of("gt", "gte", "lt", "lte"));
      return new Condition.Range(
          key,
          bound(r, "gt", key),
          bound(r, "gte", key),
          bound(r, "lt", key),
          bound(r, "lte", key));
    }
    throw ApiException.badRequest(
        "condition on '"
            + key
            + "' in filter."
            + clause
            + " needs match or range (geo, values_count and datetime_range are not supported)");
  }

  private static Double bound(JsonNode r, String name, String key) {
    JsonNode v = r.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw ApiException.badRequest(
          "range." + name + " of '" + key + "' must be a number, got " + v);
    }
    return v.doubleValue();
  }

  private static Object scalar(JsonNode v, String key) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    throw ApiException.badRequest(
        "match value of '" + key + "' must be a string, integer or boolean, got " + v);
  }

  private static List<Object> scalars(JsonNode array, String key) {
    if (array == null || !array.isArray()) {
      throw ApiException.badRequest("match.any / match.except of '" + key + "' must be an array");
    }
    List<Object> out = new ArrayList<>();
    array.forEach(v -> out.add(scalar(v, key)));
    return out;
  }

  /** A payload selector: true/false, a list of fields, or {include: […]} / {exclude: […]}. */
  record PayloadSelector(boolean enabled, Set<String> include, Set<String> exclude) {
    static final PayloadSelector ALL = new PayloadSelector(true, null, null);
    static final PayloadSelector NONE = new PayloadSelector(false, null, null);

    static PayloadSelector parse(JsonNode node, PayloadSelector absent) {
      if (node == null || node.isNull()) {
        return absent;
      }
      if (node.isBoolean()) {
        return node.booleanValue() ? ALL : NONE;
      }
      if (node.isArray()) {
        return new PayloadSelector(true, strings(node), null);
      }
      if (node.isObject() && (node.has("include") || node.has("exclude"))) {
        return new PayloadSelector(
            true,
            node.has("include") ? strings(node.get("include")) : null,
            node.has("exclude") ? strings(node.get("exclude")) : null);
      }
      throw ApiException.badRequest(
          "with_payload must be true, false, a list of fields or {\"include\"|\"exclude\": [...]}");
    }

    private static Set<String> strings(JsonNode array) {
      Set<String> out = new LinkedHashSet<>();
      array.forEach(s -> out.add(s.asText()));
      return out;
    }

    JsonNode apply(ObjectNode payload) {
      if (payload == null) {
        return JSON.createObjectNode();
      }
      if (include == null && exclude == null) {
        return payload;
      }
      ObjectNode out = JSON.createObjectNode();
      payload
          .properties()
          .forEach(
              e -> {
                boolean keep =
                    (include == null || include.contains(e.getKey()))
                        && (exclude == null || !exclude.contains(e.getKey()));
                if (keep) {
                  out.set(e.getKey(), e.getValue());
                }
              });
      return out;
    }
  }

  static ArrayNode vectorJson(float[] v) {
    ArrayNode a = JSON.createArrayNode();
    for (float x : v) {
      a.add(x);
    }
    return a;
  }

  static boolean bool(JsonNode body, String field, boolean absent) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isBoolean()) {
      throw ApiException.badRequest(field + " must be true or false, got " + v);
    }
    return v.booleanValue();
  }

  static int integer(JsonNode body, String field, int absent, int min, int max) {
    return integer(body, "", field, absent, min, max);
  }

  /**
   * An integer field read exactly: a number outside {@code [min, max]}, even one beyond 64 bits, is
   * refused naming {@code prefix + field} and the range, never wrapped to another value.
   */
  static int integer(JsonNode body, String prefix, String field, int absent, int min, int max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isIntegralNumber()
        || !v.canConvertToLong()
        || v.longValue() < min
        || v.longValue() > max) {
      throw ApiException.badRequest(
          prefix + field + " must be an integer between " + min + " and " + max + ", got " + v);
    }
    return v.intValue();
  }
}
