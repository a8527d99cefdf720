package dev.scion.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chat client against a FAKE OpenAI-compatible server (no LLM can run on these machines): a
 * real HTTP server on a free port that records the request and answers with a fixed completion.
 */
class ChatClientTest {
  @Test
  void sendsTheConversationAndReadsTheReplyAndUsage() throws Exception {
    try (FakeOpenAi fake =
        FakeOpenAi.answering(21, 9, "Free cancellation until 24 hours before check-in.")) {
      ChatClient client = new ChatClient(fake.config("k1"), Duration.ofSeconds(10));
      ChatClient.Reply reply =
          client.complete(
              List.of(
                  new ChatClient.Message("system", "Answer from the policy only."),
                  new ChatClient.Message("user", "What is the cancellation policy?")));
      assertEquals("Free cancellation until 24 hours before check-in.", reply.content());
      assertEquals(21, reply.promptTokens());
      assertEquals(9, reply.completionTokens());
      var sent =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(fake.bodies().getFirst());
      assertEquals("fake-model", sent.get("model").asText());
      assertEquals("system", sent.at("/messages/0/role").asText());
      assertEquals("What is the cancellation policy?", sent.at("/messages/1/content").asText());
      assertEquals(List.of("Bearer k1"), fake.authorizations());
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
