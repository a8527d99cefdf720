package dev.scion.vector.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.vector.CollectionConfig;
import dev.scion.vector.Condition;
import dev.scion.vector.Distance;
import dev.scion.vector.Filter;
import dev.scion.vector.HnswParams;
import dev.scion.vector.InvalidInputException;
import dev.scion.vector.Point;
import dev.scion.vector.PointId;
import dev.scion.vector.ScoredPoint;
import dev.scion.vector.SearchRequest;
import dev.scion.vector.StorageException;
import java.util.List;

/**
 * The engine's types in Qdrant's JSON shapes, both ways, as the remote store sends and reads them.
 */
final class QdrantWire {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JSON.getNodeFactory();

  private QdrantWire() {}

  // ---- to JSON ----

  static JsonNode id(PointId id) {
    return switch (id) {
      case PointId.Num n -> NODES.numberNode(n.value());
      case PointId.Uuid u -> NODES.textNode(u.value().toString());
    };
  }

  static ArrayNode ids(java.util.Collection<PointId> ids) {
    ArrayNode a = JSON.createArrayNode();
    ids.stream().sorted().forEach(i -> a.add(id(i)));
    return a;
  }

  static ArrayNode idsInOrder(List<PointId> ids) {
    ArrayNode a = JSON.createArrayNode();
    ids.forEach(i -> a.add(id(i)));
    return a;
  }

  static ArrayNode vector(float[] v) {
    ArrayNode a = JSON.createArrayNode();
    for (float x : v) {
      a.add(x);
    }
    return a;
  }

  static ObjectNode point(Point p) {
    if (p == null || p.id() == null) {
      throw new InvalidInputException("a point has no id; give every point an id");
    }
    if (p.vector() == null) {
      throw new InvalidInputException(
          "point " + p.id() + " has no vector; give every point a vector");
    }
    ObjectNode o = JSON.createObjectNode();
    o.set("id", id(p.id()));
    o.set("vector", vector(p.vector()));
    if (p.payload() != null) {
      o.set("payload", p.payload());
    }
    return o;
  }

  static ObjectNode collection(CollectionConfig config) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("vectors")
        .put("size", config.dimension())
        .put("distance", config.distance().apiName());
    body.putObject("hnsw_config")
        .put("m", config.hnsw().m())
        .put("ef_construct", config.hnsw().efConstruction())
        .put("full_scan_threshold", config.hnsw().fullScanThresholdKb());
    return body;
  }

  static ObjectNode search(SearchRequest r) {
    ObjectNode body = JSON.createObjectNode();
    body.set("vector", vector(r.vector()));
    body.put("limit", r.limit());
    body.put("offset", r.offset());
    putFilter(body, r.filter());
    ObjectNode params = body.putObject("params").put("exact", r.exact());
    if (r.ef() > 0) {
      params.put("hnsw_ef", r.ef());
    }
    body.put("with_payload", r.withPayload());
    body.put("with_vector", r.withVector());
    if (r.scoreThreshold() != null) {
      body.put("score_threshold", r.scoreThreshold());
    }
    return body;
  }

  static void putFilter(ObjectNode body, Filter filter) {
    if (filter != null) {
      body.set("filter", filter(filter));
    }
  }

  static ObjectNode filter(Filter f) {
    ObjectNode o = JSON.createObjectNode();
    putConditions(o, "must", f.must());
    putConditions(o, "should", f.should());
    putConditions(o, "must_not", f.mustNot());
    return o;
  }

  private static void putConditions(ObjectNode o, String clause, List<Condition> conditions) {
    if (!conditions.isEmpty()) {
      ArrayNode a = o.putArray(clause);
      conditions.forEach(c -> a.add(condition(c)));
    }
  }

  private static ObjectNode condition(Condition c) {
    ObjectNode o = JSON.createObjectNode();
    switch (c) {
      case Condition.Match m ->
          o.put("key", m.key()).putObject("match").set("value", scalar(m.value()));
      case Condition.MatchAny m ->
          o.put("key", m.key()).putObject("match").set("any", scalars(m.values()));
      case Condition.MatchExcept m ->
          o.put("key", m.key()).putObject("match").set("except", scalars(m.values()));
      case Condition.MatchText m -> o.put("key", m.key()).putObject("match").put("text", m.text());
      case Condition.Range r -> {
        ObjectNode range = o.put("key", r.key()).putObject("range");
        putBound(range, "gt", r.gt());
        putBound(range, "gte", r.gte());
        putBound(range, "lt", r.lt());
        putBound(range, "lte", r.lte());
      }
      case Condition.IsEmpty e -> o.putObject("is_empty").put("key", e.key());
      case Condition.IsNull n -> o.putObject("is_null").put("key", n.key());
      case Condition.HasId h -> o.set("has_id", ids(h.ids()));
      case Condition.Nested n ->
          o.putObject("nested").put("key", n.key()).set("filter", filter(n.filter()));
      case Condition.Sub s -> {
        ObjectNode sub = filter(s.filter());
        return sub.isEmpty() ? o.set("must", JSON.createArrayNode()) : sub;
      }
    }
    return o;
  }

  private static void putBound(ObjectNode range, String name, Double bound) {
    if (bound != null) {
      range.put(name, bound);
    }
  }

  private static JsonNode scalar(Object v) {
    return switch (v) {
      case String s -> NODES.textNode(s);
      case Boolean b -> NODES.booleanNode(b);
      case Long l -> NODES.numberNode(l);
      case Integer i -> NODES.numberNode(i.longValue());
      case Double d -> NODES.numberNode(d);
      case null -> NODES.nullNode();
      default ->
          throw new InvalidInputException(
              "filter value " + v + " must be a string, integer, number or boolean");
    };
  }

  private static ArrayNode scalars(List<Object> values) {
    ArrayNode a = JSON.createArrayNode();
    values.forEach(v -> a.add(scalar(v)));
    return a;
  }

  // ---- from JSON ----

  static PointId readId(JsonNode node) {
    if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
      return PointId.of(node.longValue());
    }
    if (node != null && node.isTextual()) {
      return PointId.parse(node.textValue());
    }
    throw new StorageException("the vector store answered a point id " + node + " not understood");
  }

  static float[] readVector(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (!node.isArray()) {
      throw new StorageException(
          "the vector store answered a vector that is not an array of numbers (named vectors"
              + " are not supported)");
    }
    float[] v = new float[node.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = node.get(i).floatValue();
    }
    return v;
  }

  static ObjectNode readPayload(JsonNode node) {
    return node instanceof ObjectNode o ? o : null;
  }

  static Point readPoint(JsonNode node) {
    return new Point(
        readId(node.get("id")), readVector(node.get("vector")), readPayload(node.get("payload")));
  }

  static ScoredPoint readHit(JsonNode node) {
    return new ScoredPoint(
        readId(node.get("id")),
        node.path("score").floatValue(),
        readPayload(node.get("payload")),
        readVector(node.get("vector")));
  }

  /** A collection's configuration from {@code GET /collections/{name}}'s result. */
  static CollectionConfig readConfig(String name, JsonNode result) {
    JsonNode vectors = result.at("/config/params/vectors");
    if (!vectors.has("size")) {
      throw new StorageException(
          "collection '"
              + name
              + "' on the vector store has named vectors or no vector parameters; only one"
              + " unnamed vector per point is supported");
    }
    JsonNode hnsw = result.at("/config/hnsw_config");
    HnswParams d = HnswParams.DEFAULT;
    return new CollectionConfig(
        vectors.get("size").intValue(),
        Distance.parse(vectors.path("distance").asText()),
        new HnswParams(
            hnsw.path("m").asInt(d.m()),
            hnsw.path("ef_construct").asInt(d.efConstruction()),
            hnsw.path("full_scan_threshold").asInt(d.fullScanThresholdKb())));
  }
}
