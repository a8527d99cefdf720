package dev.scion.server.vector;

import static dev.scion.server.vector.QdrantJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.server.ApiException;
import dev.scion.server.HttpEdge;
import dev.scion.server.JsonBodies;
import dev.scion.server.ScionServer;
import dev.scion.server.tenancy.Caller;
import dev.scion.server.tenancy.TenantSpaces;
import dev.scion.server.vector.QdrantJson.PayloadSelector;
import dev.scion.vector.CollectionConfig;
import dev.scion.vector.CollectionInfo;
import dev.scion.vector.Distance;
import dev.scion.vector.Filter;
import dev.scion.vector.HnswParams;
import dev.scion.vector.PayloadSchema;
import dev.scion.vector.Point;
import dev.scion.vector.PointId;
import dev.scion.vector.ScoredPoint;
import dev.scion.vector.ScrollPage;
import dev.scion.vector.SearchRequest;
import dev.scion.vector.SnapshotInfo;
import dev.scion.vector.VectorCollection;
import dev.scion.vector.VectorDatabase;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The Qdrant-compatible REST routes for collections, points and snapshots. */
public final class VectorRoutes {
  /** Fields a search and a query share: everything but how the query vector is given. */
  private static final Set<String> HIT_FIELDS =
      Set.of(
          "limit",
          "offset",
          "filter",
          "params",
          "with_payload",
          "with_vector",
          "score_threshold",
          "shard_key",
          "consistency",
          "timeout");

  private static final Set<String> SEARCH_FIELDS = plus(HIT_FIELDS, "vector");
  private static final Set<String> QUERY_FIELDS = plus(HIT_FIELDS, "query", "using");

  private final TenantSpaces spaces;

  public VectorRoutes(TenantSpaces spaces) {
    this.spaces = spaces;
  }

  /** The caller's tenant's collections, once the key is checked against the collection named. */
  private VectorDatabase db(Context ctx) {
    Caller c = Caller.of(ctx);
    String name = ctx.pathParamMap().get("name");
    if (name != null) {
      c.checkCollection(name);
    }
    return spaces.vectors(c.tenant());
  }

  public void register(Javalin app) {
    app.get("/collections", this::listCollections);
    app.put("/collections/{name}", this::createCollection);
    app.get("/collections/{name}", this::getCollection);
    app.delete("/collections/{name}", this::deleteCollection);
    app.get(
        "/collections/{name}/exists",
        ctx ->
            ok(ctx, JSON.createObjectNode().put("exists", db(ctx).exists(ctx.pathParam("name")))));
    app.put("/collections/{name}/index", this::createIndex);
    app.delete("/collections/{name}/index/{field}", this::deleteIndex);
    app.put("/collections/{name}/points", this::upsert);
    app.post("/collections/{name}/points", this::retrieve);
    app.get("/collections/{name}/points/{id}", this::retrieveOne);
    app.post("/collections/{name}/points/delete", this::delete);
    app.post("/collections/{name}/points/search", this::search);
    app.post("/collections/{name}/points/search/batch", this::searchBatch);
    app.post("/collections/{name}/points/query", this::query);
    app.post("/collections/{name}/points/scroll", this::scroll);
    app.post("/collections/{name}/points/count", this::count);
    app.post("/collections/{name}/snapshots", this::createSnapshot);
    app.get("/collections/{name}/snapshots", this::listSnapshots);
    app.put("/collections/{name}/snapshots/recover", this::recoverSnapshot);
    app.get("/collections/{name}/snapshots/{snapshot}", this::downloadSnapshot);
    app.delete("/collections/{name}/snapshots/{snapshot}", this::deleteSnapshot);
  }

  // ---- collections ----

  private void listCollections(Context ctx) {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode list = result.putArray("collections");
    Caller caller = Caller.of(ctx);
    VectorDatabase db = db(ctx);
    java.util.stream.Stream.concat(db.names().stream(), db.unavailable().keySet().stream())
        .sorted()
        .filter(caller::mayUseCollection)
        .forEach(n -> list.addObject().put("name", n));
    ok(ctx, result);
  }

  private void createCollection(Context ctx) {
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(
        body,
        "collection request",
        Set.of(
            "vectors",
            "hnsw_config",
            "shard_number",
            "replication_factor",
            "write_consistency_factor",
            "on_disk_payload",
            "optimizers_config",
            "wal_config",
            "quantization_config",
            "init_from",
            "sharding_method",
            "sparse_vectors",
            "strict_mode_config"));
    JsonNode vectors = body.get("vectors");
    if (vectors == null || !vectors.isObject() || !vectors.has("size")) {
      throw ApiException.badRequest(
          "collection needs \"vectors\": {\"size\": N, \"distance\": \"Cosine|Euclid|Dot\"}");
    }
    JsonBodies.checkFields(
        vectors,
        "vectors",
        Set.of(
            "size",
            "distance",
            "hnsw_config",
            "quantization_config",
            "on_disk",
            "datatype",
            "multivector_config"));
    JsonNode sizeNode = vectors.get("size");
    if (!sizeNode.isIntegralNumber()
        || !sizeNode.canConvertToLong()
        || sizeNode.longValue() < 1
        || sizeNode.longValue() > CollectionConfig.MAX_DIMENSION) {
      throw ApiException.badRequest(
          "vectors.size: vector size must be between 1 and "
              + CollectionConfig.MAX_DIMENSION
              + ", got "
              + sizeNode);
    }
    int size = sizeNode.intValue();
    JsonNode distance = vectors.get("distance");
    if (distance == null || !distance.isTextual()) {
      throw ApiException.badRequest("vectors.distance is required: Cosine, Euclid or Dot");
    }
    HnswParams hnsw =
        hnsw(body.has("hnsw_config") ? body.get("hnsw_config") : vectors.get("hnsw_config"));
    db(ctx)
        .create(
            ctx.pathParam("name"),
            new CollectionConfig(size, Distance.parse(distance.textValue()), hnsw));
    ok(ctx, JSON.getNodeFactory().booleanNode(true));
  }

  private static HnswParams hnsw(JsonNode node) {
    if (node == null || node.isNull()) {
      return HnswParams.DEFAULT;
    }
    JsonBodies.checkFields(
        node,
        "hnsw_config",
        Set.of(
            "m",
            "ef_construct",
            "full_scan_threshold",
            "max_indexing_threads",
            "on_disk",
            "payload_m"));
    HnswParams d = HnswParams.DEFAULT;
    String in = "hnsw_config.";
    return new HnswParams(
        QdrantJson.integer(node, in, "m", d.m(), 2, 512),
        QdrantJson.integer(node, in, "ef_construct", d.efConstruction(), 4, 4096),
        QdrantJson.integer(
            node, in, "full_scan_threshold", d.fullScanThresholdKb(), 0, Integer.MAX_VALUE));
  }

  /**
   * A collection's state: {@code green}; {@code yellow} when damage was skipped on opening, each in
   * {@code warnings}; {@code red} when its files are damaged and it cannot be used, the reason in
   * {@code optimizer_status.error} and {@code warnings}.
   */
  private void getCollection(Context ctx) {
    VectorDatabase db = db(ctx);
    String reason = db.unavailable().get(ctx.pathParam("name"));
    if (reason != null) {
      ObjectNode result = JSON.createObjectNode();
      result.put("status", "red");
      result.putObject("optimizer_status").put("error", reason);
      result
          .putArray("warnings")
          .addObject()
          .put(
              "message",
              reason
                  + "; restore a snapshot (PUT /collections/"
                  + ctx.pathParam("name")
                  + "/snapshots/recover) or delete the collection");
      ok(ctx, result);
      return;
    }
    VectorCollection c = db.collection(ctx.pathParam("name"));
    CollectionInfo info = c.info();
    List<String> damage = c.damage();
    ObjectNode result = JSON.createObjectNode();
    result.put("status", damage.isEmpty() ? "green" : "yellow");
    result.put("optimizer_status", "ok");
    if (!damage.isEmpty()) {
      ArrayNode warnings = result.putArray("warnings");
      damage.forEach(d -> warnings.addObject().put("message", d));
    }
    result.put("points_count", info.pointsCount());
    result.put("indexed_vectors_count", info.indexedVectorsCount());
    result.put("deleted_points_count", info.deletedCount());
    result.put("segments_count", 1);
    ObjectNode config = result.putObject("config");
    ObjectNode params = config.putObject("params");
    params
        .putObject("vectors")
        .put("size", info.config().dimension())
        .put("distance", info.config().distance().apiName());
    config
        .putObject("hnsw_config")
        .put("m", info.config().hnsw().m())
        .put("ef_construct", info.config().hnsw().efConstruction())
        .put("full_scan_threshold", info.config().hnsw().fullScanThresholdKb());
    ObjectNode q = config.putObject("quantization_config").putObject("scalar");
    q.put("type", "int8").put("always_ram", true).put("active", info.quantized());
    ObjectNode schema = result.putObject("payload_schema");
    info.payloadSchema().forEach((k, v) -> schema.putObject(k).put("data_type", v.apiName()));
    ok(ctx, result);
  }

  private void deleteCollection(Context ctx) {
    ok(ctx, JSON.getNodeFactory().booleanNode(db(ctx).delete(ctx.pathParam("name"))));
  }

  private void createIndex(Context ctx) {
    VectorCollection c = db(ctx).collection(ctx.pathParam("name"));
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "index request", Set.of("field_name", "field_schema"));
    JsonNode field = body.get("field_name");
    JsonNode schema = body.get("field_schema");
    if (field == null || !field.isTextual()) {
      throw ApiException.badRequest("index request needs \"field_name\": \"payload.path\"");
    }
    String type =
        schema == null
            ? null
            : schema.isTextual() ? schema.textValue() : schema.path("type").asText(null);
    if (type == null) {
      throw ApiException.badRequest(
          "index request needs \"field_schema\": keyword, integer, float or bool");
    }
    c.createPayloadIndex(field.textValue(), PayloadSchema.parse(type));
    operation(ctx, 0, true);
  }

  private void deleteIndex(Context ctx) {
    db(ctx).collection(ctx.pathParam("name")).deletePayloadIndex(ctx.pathParam("field"));
    operation(ctx, 0, true);
  }

  // ---- points ----

  private void upsert(Context ctx) {
    VectorCollection c = db(ctx).collection(ctx.pathParam("name"));
    boolean wait = waitParam(ctx);
    long seq = c.upsert(QdrantJson.points(JsonBodies.object(ctx)), wait);
    operation(ctx, seq, wait);
  }

  private void retrieve(Context ctx) {
    VectorCollection c = db(ctx).collection(ctx.pathParam("name"));
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(
        body,
        "retrieve request",
        Set.of("ids", "with_payload", "with_vector", "shard_key", "consistency"));
    PayloadSelector payload = PayloadSelector.parse(body.get("with_payload"), PayloadSelector.ALL);
    boolean withVector = QdrantJson.bool(body, "with_vector", false);
    ArrayNode out = JSON.createArrayNode();
    for (Point p :
        c.retrieve(QdrantJson.ids(body.get("ids"), "ids"), payload.enabled(), withVector)) {
      out.add(record(p, payload, withVector));
    }
    ok(ctx, out);
  }

  private void retrieveOne(Context ctx) {
    VectorCollection c = db(ctx).collection(ctx.pathParam("name"));
    PointId id = PointId.parse(ctx.pathParam("id"));
    List<Point> found = c.retrieve(List.of(id), true, true);
    if (found.isEmpty()) {
      throw new ApiException(
          404, "point " + id + " does not exist in collection '" + c.name() + "'");
    }
    ok(ctx, record(found.getFirst(), PayloadSelector.ALL, true));
  }

  private void delete(Context ctx) {
    VectorCollection c = db(ctx).collection(ctx.pathParam("name"));
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "delete request", Set.of("points", "filter", "shard_key"));
    boolean wait = waitParam(ctx);
    if (body.has("points")) {
      operation(ctx, c.delete(QdrantJson.ids(body.get("points"), "points"), wait), wait);
    } else if (body.has("filter")) {
      c.delete(QdrantJson.filter(body.get("filter")), wait);
      operation(ctx, 0, wait);
    } else {
      throw ApiException.badRequest("delete needs \"points\": [ids] or \"filter\": {…}");
    }
  }

  private void search(Context ctx) {
    VectorCollection c = db(ctx).collection(ctx.pathParam("name"));
    ok(ctx, searchResult(c, JsonBodies.object(ctx)));
  }

  private ArrayNode searchResult(VectorCollection c, JsonNode body) {
    JsonBodies.checkFields(body, "search request", SEARCH_FIELDS);
    return hits(c, body, QdrantJson.vector(body.get("vector"), "search request"));
  }

  private void searchBatch(Context ctx) {
    VectorCollection c = db(ctx).collection(ctx.pathParam("name"));
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(
        body, "batch search request", Set.of("searches", "consistency", "timeout"));
    JsonNode searches = body.get("searches");
    if (searches == null || !searches.isArray()) {
      throw ApiException.badRequest("batch search needs \"searches\": [search requests]");
    }
    ArrayNode out = JSON.createArrayNode();
    searches.forEach(s -> out.add(searchResult(c, s)));
    ok(ctx, out);
  }

  private void query(Context ctx) {
    VectorCollection c = db(ctx).collection(ctx.pathParam("name"));
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "query request", QUERY_FIELDS);
    JsonNode query = body.get("query");
    ObjectNode result = JSON.createObjectNode();
    if (query == null || query.isNull()) {
      ScrollPage page =
          c.scroll(
              QdrantJson.filter(body.get("filter")),
              null,
              QdrantJson.integer(body, "limit", 10, 1, SearchRequest.MAX_RESULTS),
              true,
              false);
      ArrayNode points = result.putArray("points");
      page.points().forEach(p -> points.add(record(p, PayloadSelector.ALL, false)));
      ok(ctx, result);
      return;
    }
    float[] vector;
    if (query.isArray()) {
      vector = QdrantJson.vector(query, "query");
    } else if (query.isObject() && query.has("nearest")) {
      vector = QdrantJson.vector(query.get("nearest"), "query.nearest");
    } else if (query.isIntegralNumber() || query.isTextual()) {
      PointId id = QdrantJson.id(query);
      List<Point> found = c.retrieve(List.of(id), false, true);
      if (found.isEmpty()) {
        throw new ApiException(
            404, "query point " + id + " does not exist in collection '" + c.name() + "'");
      }
      vector = found.getFirst().vector();
    } else {
      throw ApiException.badRequest("query must be a vector, {\"nearest\": vector} or a point id");
    }
    result.set("points", hits(c, body, vector));
    ok(ctx, result);
  }

  private ArrayNode hits(VectorCollection c, JsonNode body, float[] vector) {
    int limit = QdrantJson.integer(body, "limit", 10, 1, SearchRequest.MAX_RESULTS);
    int offset = QdrantJson.integer(body, "offset", 0, 0, SearchRequest.MAX_RESULTS);
    int ef = 0;
    boolean exact = false;
    JsonNode params = body.get("params");
    if (params != null && !params.isNull()) {
      JsonBodies.checkFields(
          params, "params", Set.of("hnsw_ef", "exact", "quantization", "indexed_only", "acorn"));
      ef = QdrantJson.integer(params, "params.", "hnsw_ef", 0, 0, SearchRequest.MAX_RESULTS);
      exact = QdrantJson.bool(params, "exact", false);
    }
    JsonNode threshold = body.get("score_threshold");
    if (threshold != null && !threshold.isNull() && !threshold.isNumber()) {
      throw ApiException.badRequest("score_threshold must be a number, got " + threshold);
    }
    PayloadSelector payload = PayloadSelector.parse(body.get("with_payload"), PayloadSelector.NONE);
    boolean withVector = QdrantJson.bool(body, "with_vector", false);
    SearchRequest request =
        new SearchRequest(
            vector,
            limit,
            offset,
            QdrantJson.filter(body.get("filter")),
            ef,
            exact,
            payload.enabled(),
            withVector,
            threshold == null || threshold.isNull() ? null : threshold.floatValue());
    ArrayNode out = JSON.createArrayNode();
    for (ScoredPoint h : c.search(request)) {
      ObjectNode o = out.addObject();
      o.set("id", QdrantJson.idJson(h.id()));
      o.put("version", 0);
      o.put("score", h.score());
      if (payload.enabled()) {
        o.set("payload", payload.apply(h.payload()));
      }
      if (withVector) {
        o.set("vector", QdrantJson.vectorJson(h.vector()));
      }
    }
    return out;
  }

  private void scroll(Context ctx) {
    VectorCollection c = db(ctx).collection(ctx.pathParam("name"));
    JsonNode body = ctx.body().isBlank() ? JSON.createObjectNode() : JsonBodies.object(ctx);
    JsonBodies.checkFields(
        body,
        "scroll request",
        Set.of(
            "filter",
            "limit",
            "offset",
            "with_payload",
            "with_vector",
            "order_by",
            "shard_key",
            "consistency"));
    if (body.has("order_by")) {
      throw ApiException.badRequest("scroll order_by is not supported; points come in id order");
    }
    PayloadSelector payload = PayloadSelector.parse(body.get("with_payload"), PayloadSelector.ALL);
    boolean withVector = QdrantJson.bool(body, "with_vector", false);
    JsonNode offset = body.get("offset");
    ScrollPage page =
        c.scroll(
            QdrantJson.filter(body.get("filter")),
            offset == null || offset.isNull() ? null : QdrantJson.id(offset),
            QdrantJson.integer(body, "limit", 10, 1, SearchRequest.MAX_RESULTS),
            payload.enabled(),
            withVector);
    ObjectNode result = JSON.createObjectNode();
    ArrayNode points = result.putArray("points");
    page.points().forEach(p -> points.add(record(p, payload, withVector)));
    result.set(
        "next_page_offset",
        page.nextOffset() == null ? JSON.nullNode() : QdrantJson.idJson(page.nextOffset()));
    ok(ctx, result);
  }

  private void count(Context ctx) {
    VectorCollection c = db(ctx).collection(ctx.pathParam("name"));
    JsonNode body = ctx.body().isBlank() ? JSON.createObjectNode() : JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "count request", Set.of("filter", "exact", "shard_key"));
    Filter f = QdrantJson.filter(body.get("filter"));
    ok(ctx, JSON.createObjectNode().put("count", c.count(f)));
  }

  // ---- snapshots ----

  private void createSnapshot(Context ctx) {
    ok(ctx, snapshotJson(db(ctx).createSnapshot(ctx.pathParam("name"))));
  }

  private void listSnapshots(Context ctx) {
    ArrayNode out = JSON.createArrayNode();
    db(ctx).snapshots(ctx.pathParam("name")).forEach(s -> out.add(snapshotJson(s)));
    ok(ctx, out);
  }

  private void downloadSnapshot(Context ctx) throws Exception {
    Path file = db(ctx).snapshotFile(ctx.pathParam("name"), ctx.pathParam("snapshot"));
    ctx.contentType("application/octet-stream");
    ctx.header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
    ctx.result(Files.newInputStream(file));
  }

  private void deleteSnapshot(Context ctx) {
    ok(
        ctx,
        JSON.getNodeFactory()
            .booleanNode(db(ctx).deleteSnapshot(ctx.pathParam("name"), ctx.pathParam("snapshot"))));
  }

  private void recoverSnapshot(Context ctx) {
    String name = ctx.pathParam("name");
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(
        body, "recover request", Set.of("location", "priority", "checksum", "api_key"));
    JsonNode location = body.get("location");
    if (location == null || !location.isTextual()) {
      throw ApiException.badRequest(
          "recover needs \"location\": a snapshot name of this collection or a file:// URI");
    }
    String loc = location.textValue();
    Path file;
    if (loc.startsWith("file:")) {
      if (!Caller.of(ctx).admin()) {
        throw new ApiException(
            403,
            "only the administrator may recover from a file on the server; give a snapshot name");
      }
      file = snapshotOnServer(loc);
    } else if (loc.contains("://")) {
      throw ApiException.badRequest(
          "snapshot location "
              + loc
              + " is remote; only snapshot names and file:// URIs are supported");
    } else {
      file = db(ctx).snapshotFile(name, loc);
    }
    db(ctx).recoverSnapshot(name, file);
    ok(ctx, JSON.getNodeFactory().booleanNode(true));
  }

  /** The file a {@code file:} location names: an existing {@code .snapshot} file, or a 400. */
  private static Path snapshotOnServer(String location) {
    Path file;
    try {
      file = Path.of(URI.create(location));
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      throw ApiException.badRequest(
          "snapshot location '"
              + HttpEdge.printable(location, 200)
              + "' is not a file URI; give file:///absolute/path/name.snapshot");
    }
    if (file.getFileName() == null
        || !file.getFileName().toString().endsWith(".snapshot")
        || !Files.isRegularFile(file)) {
      throw ApiException.badRequest(
          "snapshot location '"
              + HttpEdge.printable(location, 200)
              + "' is not a snapshot file on the server; give the .snapshot file a snapshot made");
    }
    return file;
  }

  private static Set<String> plus(Set<String> base, String... more) {
    Set<String> out = new java.util.HashSet<>(base);
    out.addAll(List.of(more));
    return Set.copyOf(out);
  }

  private static ObjectNode snapshotJson(SnapshotInfo s) {
    return JSON.createObjectNode()
        .put("name", s.name())
        .put("creation_time", s.creationTime().toString())
        .put("size", s.size());
  }

  // ---- helpers ----

  private static ObjectNode record(Point p, PayloadSelector payload, boolean withVector) {
    ObjectNode o = JSON.createObjectNode();
    o.set("id", QdrantJson.idJson(p.id()));
    if (payload.enabled()) {
      o.set("payload", payload.apply(p.payload()));
    }
    if (withVector && p.vector() != null) {
      o.set("vector", QdrantJson.vectorJson(p.vector()));
    }
    return o;
  }

  private static boolean waitParam(Context ctx) {
    String w = ctx.queryParam("wait");
    if (w == null) {
      return false;
    }
    return switch (w) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw ApiException.badRequest(
              "query parameter wait must be true or false, got '" + w + "'");
    };
  }

  private static void operation(Context ctx, long seq, boolean completed) {
    ok(
        ctx,
        JSON.createObjectNode()
            .put("operation_id", seq)
            .put("status", completed ? "completed" : "acknowledged"));
  }

  private static void ok(Context ctx, JsonNode result) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.set("result", result);
    envelope.put("status", "ok");
    envelope.put("time", ScionServer.elapsed(ctx));
    ctx.json(envelope);
  }
}
