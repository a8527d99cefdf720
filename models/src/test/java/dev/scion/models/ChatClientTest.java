package dev.scion.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The chat client against a FAKE OpenAI-compatible server (no LLM can run on these machines): a
 * real HTTP server on a free port that records the request and answers with a fixed completion.
 */
class ChatClientTest {
  @Test
  void sendsTheConversationAndReadsTheReplyAndUsage() throws Exception {
    AtomicReference<String> seenBody = new AtomicReference<>();
    AtomicReference<String> seenAuth = new AtomicReference<>();
    HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    fake.createContext(
        "/v1/chat/completions",
        exchange -> {
          seenBody.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          seenAuth.set(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] reply =
              ("{\"id\":\"fake-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"fake-model\","
                      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Free cancellation until 24 hours before check-in.\"},\"finish_reason\":\"stop\"}],"
                      + "\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":9,\"total_tokens\":30}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    fake.start();
    try {
      String url = "http://127.0.0.1:" + fake.getAddress().getPort() + "/v1";
      LlmConfig config =
          LlmConfig.fromEnvironment(
                  Map.of(
                      "SCION_LLM_BASE_URL",
                      url,
                      "SCION_LLM_MODEL",
                      "fake-model",
                      "SCION_LLM_API_KEY",
                      "k1"))
              .orElseThrow();
      ChatClient client = new ChatClient(config, Duration.ofSeconds(10));
      ChatClient.Reply reply =
          client.complete(
              List.of(
                  new ChatClient.Message("system", "Answer from the policy only."),
                  new ChatClient.Message("user", "What is the cancellation policy?")));
      assertEquals("Free cancellation until 24 hours before check-in.", reply.content());
      assertEquals(21, reply.promptTokens());
      assertEquals(9, reply.completionTokens());
      var sent = new com.fasterxml.jackson.databind.ObjectMapper().readTree(seenBody.get());
      assertEquals("fake-model", sent.get("model").asText());
      assertEquals("system", sent.at("/messages/0/role").asText());
      assertEquals("What is the cancellation policy?", sent.at("/messages/1/content").asText());
      assertEquals("Bearer k1", seenAuth.get());
    } finally {
      fake.stop(0);
    }
  }

  @Test
  void absentByDefaultAndBadSettingsAreNamed() {
    assertTrue(LlmConfig.fromEnvironment(Map.of()).isEmpty());
    var e =
        assertThrows(
            ModelException.class,
            () -> LlmConfig.fromEnvironment(Map.of("SCION_LLM_BASE_URL", "http://127.0.0.1:1/v1")));
    assertTrue(e.getMessage().contains("SCION_LLM_MODEL"));
  }
}
