package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAiApiTest {
  @TempDir Path dir;
  ScionServer server;
  Http http;

  @BeforeEach
  void start() {
    server = ScionServer.start(ServerConfig.local(dir, 0));
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static double dot(JsonNode a, JsonNode b) {
    double s = 0;
    for (int i = 0; i < a.size(); i++) {
      s += a.get(i).asDouble() * b.get(i).asDouble();
    }
    return s;
  }

  @Test
  void modelsAreListed() {
    JsonNode models = http.get("/v1/models").json();
    assertEquals("list", models.get("object").asText());
    assertEquals("bge-small-en-v1.5", models.at("/data/0/id").asText());
    assertEquals("bge-small-zh-v1.5", models.at("/data/1/id").asText());
  }

  @Test
  void embeddingsAreNormalizedVectorsWithUsage() {
    Http.Reply r =
        http.post(
            "/v1/embeddings",
            "{\"model\":\"bge-small-en-v1.5\",\"input\":[\"cancel my hotel booking\",\"I want to cancel the reservation\",\"is there a gym\"]}");
    assertEquals(200, r.status(), r.text());
    JsonNode data = r.json().get("data");
    assertEquals(3, data.size());
    assertEquals(384, data.get(0).get("embedding").size());
    assertEquals(1.0, dot(data.get(0).get("embedding"), data.get(0).get("embedding")), 1e-3);
    assertTrue(
        dot(data.get(0).get("embedding"), data.get(1).get("embedding"))
            > dot(data.get(0).get("embedding"), data.get(2).get("embedding")));
    assertTrue(r.json().at("/usage/prompt_tokens").asInt() >= 12);
    Http.Reply b64 =
        http.post(
            "/v1/embeddings",
            "{\"model\":\"bge-small-en-v1.5\",\"input\":\"cancel my hotel booking\",\"encoding_format\":\"base64\"}");
    float first =
        ByteBuffer.wrap(Base64.getDecoder().decode(b64.json().at("/data/0/embedding").asText()))
            .order(ByteOrder.LITTLE_ENDIAN)
            .getFloat();
    assertEquals(data.get(0).get("embedding").get(0).asDouble(), first, 1e-6);
  }

  @Test
  void badRequestsGetOpenAiStyleErrors() {
    Http.Reply unknown = http.post("/v1/embeddings", "{\"model\":\"gpt-x\",\"input\":\"a\"}");
    assertEquals(404, unknown.status());
    assertTrue(
        unknown.json().at("/error/message").asText().contains("model 'gpt-x' does not exist"));
    assertEquals(
        400,
        http.post("/v1/embeddings", "{\"model\":\"bge-small-en-v1.5\",\"input\":\"\"}").status());
    assertEquals(
        400,
        http.post("/v1/embeddings", "{\"model\":\"bge-small-en-v1.5\",\"input\":[1,2]}").status());
    assertEquals(400, http.post("/v1/embeddings", "{\"model\":\"bge-small-en-v1.5\"").status());
    Http.Reply unknownField =
        http.post(
            "/v1/embeddings",
            "{\"model\":\"bge-small-en-v1.5\",\"input\":\"a\",\"temperature\":1}");
    assertEquals("invalid_request_error", unknownField.json().at("/error/type").asText());
  }
}
