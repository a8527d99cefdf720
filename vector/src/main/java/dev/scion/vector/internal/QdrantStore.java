package dev.scion.vector.internal;

import static dev.scion.vector.internal.QdrantWire.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.vector.AlreadyExistsException;
import dev.scion.vector.CollectionConfig;
import dev.scion.vector.CollectionUnavailableException;
import dev.scion.vector.Filter;
import dev.scion.vector.InvalidInputException;
import dev.scion.vector.NotFoundException;
import dev.scion.vector.Point;
import dev.scion.vector.PointId;
import dev.scion.vector.ScoredPoint;
import dev.scion.vector.ScrollPage;
import dev.scion.vector.SearchRequest;
import dev.scion.vector.StorageException;
import dev.scion.vector.VectorStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collections on a server that speaks Qdrant's REST API (Qdrant, or another Scion server). Errors
 * the server answers become the engine's exceptions: 404 {@link NotFoundException}, 400 {@link
 * InvalidInputException}, 409 {@link AlreadyExistsException} (or {@link
 * CollectionUnavailableException} for a damaged collection); a server that cannot be reached or
 * fails is a {@link StorageException} naming its URL.
 */
public final class QdrantStore implements VectorStore {
  private final String base;
  private final String apiKey;
  private final Duration timeout;
  private final HttpClient http;

  public QdrantStore(URI url, String apiKey, Duration timeout) {
    String u = url.toString();
    if (url.getScheme() == null
        || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
        || url.getHost() == null) {
      throw new InvalidInputException(
          "vector store URL '" + u + "' is not an http(s) URL; give e.g. http://qdrant:6333");
    }
    this.base = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  @Override
  public VectorStore.Collection create(String name, CollectionConfig config) {
    JsonNode result = call("PUT", path(name), QdrantWire.collection(config));
    if (!result.asBoolean(false)) {
      throw new StorageException(
          "the vector store at " + base + " did not create collection '" + name + "'");
    }
    return new RemoteCollection(name, config);
  }

  @Override
  public VectorStore.Collection collection(String name) {
    JsonNode result = call("GET", path(name), null);
    if ("red".equals(result.path("status").asText())) {
      throw new CollectionUnavailableException(
          "collection '"
              + name
              + "' on the vector store at "
              + base
              + " is unavailable: "
              + result.at("/optimizer_status/error").asText("its files are damaged"));
    }
    return new RemoteCollection(name, QdrantWire.readConfig(name, result));
  }

  @Override
  public boolean exists(String name) {
    return call("GET", path(name) + "/exists", null).path("exists").asBoolean(false);
  }

  @Override
  public boolean delete(String name) {
    return call("DELETE", path(name), null).asBoolean(false);
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "vector store at " + base;
  }

  /** One collection on the remote store; every call goes to the server. */
  private final class RemoteCollection implements VectorStore.Collection {
    private final String name;
    private final CollectionConfig config;

    RemoteCollection(String name, CollectionConfig config) {
      this.name = name;
      this.config = config;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public CollectionConfig config() {
      return config;
    }

    @Override
    public long upsert(List<Point> points, boolean wait) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode list = body.putArray("points");
      points.forEach(p -> list.add(QdrantWire.point(p)));
      return call("PUT", path(name) + "/points?wait=" + wait, body).path("operation_id").asLong();
    }

    @Override
    public long delete(List<PointId> ids, boolean wait) {
      ObjectNode body = JSON.createObjectNode();
      body.set("points", QdrantWire.idsInOrder(ids));
      return call("POST", path(name) + "/points/delete?wait=" + wait, body)
          .path("operation_id")
          .asLong();
    }

    @Override
    public List<Point> retrieve(List<PointId> ids, boolean withPayload, boolean withVector) {
      ObjectNode body = JSON.createObjectNode();
      body.set("ids", QdrantWire.idsInOrder(ids));
      body.put("with_payload", withPayload).put("with_vector", withVector);
      List<Point> out = new ArrayList<>();
      call("POST", path(name) + "/points", body).forEach(p -> out.add(QdrantWire.readPoint(p)));
      return out;
    }

    @Override
    public List<ScoredPoint> search(SearchRequest request) {
      List<ScoredPoint> out = new ArrayList<>();
      call("POST", path(name) + "/points/search", QdrantWire.search(request))
          .forEach(h -> out.add(QdrantWire.readHit(h)));
      return out;
    }

    @Override
    public ScrollPage scroll(
        Filter filter, PointId offset, int limit, boolean withPayload, boolean withVector) {
      ObjectNode body = JSON.createObjectNode();
      QdrantWire.putFilter(body, filter);
      if (offset != null) {
        body.set("offset", QdrantWire.id(offset));
      }
      body.put("limit", limit).put("with_payload", withPayload).put("with_vector", withVector);
      JsonNode result = call("POST", path(name) + "/points/scroll", body);
      List<Point> points = new ArrayList<>();
      result.path("points").forEach(p -> points.add(QdrantWire.readPoint(p)));
      JsonNode next = result.get("next_page_offset");
      return new ScrollPage(points, next == null || next.isNull() ? null : QdrantWire.readId(next));
    }

    @Override
    public long count(Filter filter) {
      ObjectNode body = JSON.createObjectNode();
      QdrantWire.putFilter(body, filter);
      body.put("exact", true);
      return call("POST", path(name) + "/points/count", body).path("count").asLong();
    }

    @Override
    public String toString() {
      return "collection '" + name + "' on the vector store at " + base;
    }
  }

  // ---- HTTP ----

  private static String path(String collection) {
    if (collection == null || collection.isEmpty()) {
      throw new InvalidInputException(
          "collection name '" + collection + "' is invalid; use 1-255 letters, digits, '-' or '_'");
    }
    return "/collections/"
        + URLEncoder.encode(collection, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Sends one request and returns the {@code result} of the answer, or throws what it means. */
  private JsonNode call(String method, String path, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .header("Accept", "application/json");
    if (apiKey != null) {
      request.header("api-key", apiKey);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<byte[]> response = send(request.build(), method, path);
    JsonNode answer = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      throw error(response.statusCode(), answer, response.body(), method, path);
    }
    if (answer == null || !answer.has("result")) {
      throw new StorageException(
          "the vector store at " + base + " answered " + method + " " + path + " without a result");
    }
    return answer.get("result");
  }

  private HttpResponse<byte[]> send(HttpRequest request, String method, String path) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new StorageException(
          "cannot reach the vector store at "
              + base
              + " ("
              + method
              + " "
              + path
              + ": "
              + why.lines().findFirst().orElse(why)
              + "); check that it is running and its URL",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(
          "interrupted while waiting for the vector store at " + base + " (" + path + ")", e);
    }
  }

  private static byte[] bytes(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("the request cannot be written as JSON: " + e.getMessage());
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** The engine's exception for an error the server answered. */
  private RuntimeException error(
      int status, JsonNode answer, byte[] raw, String method, String path) {
    String message = answer == null ? null : answer.at("/status/error").asText(null);
    if (message == null) {
      String text = raw == null ? "" : new String(raw, StandardCharsets.UTF_8).strip();
      String line = text.lines().findFirst().orElse("");
      message = line.isEmpty() ? "HTTP " + status : line.substring(0, Math.min(line.length(), 200));
    }
    String lower = message.toLowerCase(java.util.Locale.ROOT);
    return switch (status) {
      case 404 -> new NotFoundException(message);
      case 409 ->
          lower.contains("unavailable")
              ? new CollectionUnavailableException(message)
              : new AlreadyExistsException(message);
      case 400, 422 ->
          lower.contains("already exists")
              ? new AlreadyExistsException(message)
              : new InvalidInputException(message);
      case 401, 403 ->
          new StorageException(
              "the vector store at "
                  + base
                  + " refused the request ("
                  + status
                  + "): "
                  + message
                  + "; check its api key");
      default ->
          new StorageException(
              "the vector store at "
                  + base
                  + " failed "
                  + method
                  + " "
                  + path
                  + " ("
                  + status
                  + "): "
                  + message);
    };
  }
}
