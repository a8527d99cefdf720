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

  /** A response read off a raw socket: its status, head (status line and headers) and body. */
  public record Raw(int status, String head, String body) {
    /** The body parsed as JSON, or null when it is not JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException notJson) {
        return null;
      }
    }

    /** A header's value (case-insensitive name), or null. */
    public String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  /**
   * Sends {@code request} exactly as given (clients such as the JDK's normalise paths and refuse
   * odd ones) and reads the answer until the server closes the connection. The request should say
   * {@code Connection: close}.
   */
  public static Raw raw(int port, String request) {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      byte[] all = s.getInputStream().readAllBytes();
      String text = new String(all, java.nio.charset.StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String head = split < 0 ? text : text.substring(0, split);
      String body = split < 0 ? "" : text.substring(split + 4);
      String[] statusLine = head.split(" ", 3);
      int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1].trim()) : -1;
      Raw raw = new Raw(status, head, body);
      String encoding = raw.header("Transfer-Encoding");
      if (encoding != null && encoding.equalsIgnoreCase("chunked")) {
        raw = new Raw(status, head, dechunk(body));
      }
      return raw;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String dechunk(String chunked) {
    byte[] bytes = chunked.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int at = 0;
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    while (at < bytes.length) {
      int lineEnd = indexOf(bytes, at);
      if (lineEnd < 0) {
        break;
      }
      String size = new String(bytes, at, lineEnd - at, java.nio.charset.StandardCharsets.US_ASCII);
      int n = Integer.parseInt(size.split(";")[0].trim(), 16);
      if (n == 0) {
        break;
      }
      body.write(bytes, lineEnd + 2, Math.min(n, bytes.length - lineEnd - 2));
      at = lineEnd + 2 + n + 2;
    }
    return body.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
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
