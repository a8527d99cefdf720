package dev.scion.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client over the JDK's HTTP client, for tests against a real server. */
public final class Http {
  public static final ObjectMapper JSON = new ObjectMapper();

  /** A response: its status and its body parsed as JSON (or null when not JSON). */
  public record Reply(int status, JsonNode json, String text, java.net.http.HttpHeaders headers) {
    public JsonNode result() {
      return json.get("result");
    }

    public String error() {
      return json.path("status").path("error").asText();
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String apiKey;

  public Http(int port, String apiKey) {
    this.base = "http://127.0.0.1:" + port;
    this.apiKey = apiKey;
  }

  public Http(int port) {
    this(port, null);
  }

  /** The key this client sends, or null. */
  public String apiKey() {
    return apiKey;
  }

  public Reply get(String path) {
    return send("GET", path, null);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null);
  }

  public Reply put(String path, String body) {
    return send("PUT", path, body);
  }

  public Reply post(String path, String body) {
    return send("POST", path, body);
  }

  public Reply send(String method, String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (apiKey != null) {
      b.header("api-key", apiKey);
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      try {
        json = JSON.readTree(r.body());
      } catch (IOException notJson) {
        // leave json null
      }
      return new Reply(r.statusCode(), json, r.body(), r.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
