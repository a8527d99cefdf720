package dev.scion.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.scion.models.ChatClient;
import dev.scion.models.LlmConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PhrasingTest {
  static final String REPLY =
      "Done! Your booking number is SC12345678 (575.40 USD). A confirmation goes to lan@example.com.";

  /**
   * A labelled fake of an OpenAI-compatible server (no real LLM runs here) answering {@code text}.
   */
  private static String phraseWith(String text) throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    fake.createContext(
        "/v1/chat/completions",
        exchange -> {
          seen.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] reply =
              ("{\"id\":\"fake\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"fake\",\"choices\":[{\"index\":0,"
                      + "\"message\":{\"role\":\"assistant\",\"content\":"
                      + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text)
                      + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":20,\"total_tokens\":70}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    fake.start();
    try {
      LlmConfig c =
          LlmConfig.fromEnvironment(
                  Map.of(
                      "SCION_LLM_BASE_URL",
                      "http://127.0.0.1:" + fake.getAddress().getPort() + "/v1",
                      "SCION_LLM_MODEL",
                      "fake"))
              .orElseThrow();
      String out = new Phrasing(new ChatClient(c, Duration.ofSeconds(10))).phrase(REPLY, "en");
      assertTrue(seen.get().contains("add no facts"), seen.get());
      return out;
    } finally {
      fake.stop(0);
    }
  }

  @Test
  void aPhrasingThatKeepsTheFactsIsUsed() throws Exception {
    String nice =
        "All set! Booking SC12345678 is confirmed for 575.40 USD, and we'll send the details to lan@example.com.";
    assertEquals(nice, phraseWith(nice));
  }

  @Test
  void aPhrasingThatChangesOrAddsFactsIsRefused() throws Exception {
    assertEquals(REPLY, phraseWith("All set! Booking SC12345678 is confirmed for 575 USD."));
    assertEquals(
        REPLY,
        phraseWith("Booking SC12345678 costs 575.40 USD, with a free upgrade worth 50 USD."));
    assertFalse(Phrasing.sameFacts("check-in 2026-12-11", "check-in 2026-12-12"));
  }
}
