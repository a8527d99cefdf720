package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stock OpenAI Java client against Scion, with a tenant's key. */
class OpenAiClientTest {
  static final String ADMIN = "admin-key-for-openai-0123456789";

  @TempDir static Path dir;
  static ScionServer server;
  static String key;

  @BeforeAll
  static void start() {
    server =
        ScionServer.start(
            new ServerConfig("127.0.0.1", 0, dir, ADMIN, 1 << 20)
                .withPacks(List.of(Path.of("..", "packs", "ota-hotel"))));
    Http admin = new Http(server.port(), ADMIN);
    admin.post("/admin/tenants", "{\"id\":\"agency\"}");
    key = admin.post("/admin/tenants/agency/keys", "{}").json().get("key").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static OpenAIClient client(String apiKey) {
    return OpenAIOkHttpClient.builder()
        .baseUrl("http://127.0.0.1:" + server.port() + "/v1")
        .apiKey(apiKey)
        .maxRetries(0)
        .build();
  }

  static ChatCompletionCreateParams.Builder chat() {
    return ChatCompletionCreateParams.builder()
        .model("ota-hotel")
        .addSystemMessage("You are a travel agent.")
        .addUserMessage("book a hotel in Da Nang for the 10th")
        .addAssistantMessage("How many nights will you stay?")
        .addUserMessage("2 nights, and what is the cancellation policy?");
  }

  @Test
  void modelsChatStreamingAndEmbeddings() {
    OpenAIClient client = client(key);
    List<String> models = client.models().list().data().stream().map(Model::id).toList();
    assertTrue(
        models.contains("ota-hotel") && models.contains("bge-small-en-v1.5"), models.toString());

    ChatCompletion reply = client.chat().completions().create(chat().build());
    String text = reply.choices().get(0).message().content().orElseThrow();
    assertTrue(text.toLowerCase(java.util.Locale.ROOT).contains("cancel"), text);
    assertTrue(reply.usage().orElseThrow().totalTokens() > 10);

    StringBuilder streamed = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat().build())) {
      stream.stream()
          .forEach(
              c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(streamed::append)));
    }
    assertEquals(text, streamed.toString(), "streaming gives the same reply");

    CreateEmbeddingResponse e =
        client
            .embeddings()
            .create(
                EmbeddingCreateParams.builder()
                    .model("bge-small-en-v1.5")
                    .input("late checkout in Hoi An")
                    .build());
    assertEquals(384, e.data().get(0).embedding().size());
  }

  /**
   * A conversation as a stock client holds it, every message resent with the assistant's replies;
   * the last request is sent twice (a retry). Returns the last reply.
   */
  static String converse(OpenAIClient client, String... userTurns) {
    ChatCompletionCreateParams.Builder b =
        ChatCompletionCreateParams.builder()
            .model("ota-hotel")
            .putAdditionalBodyProperty("today", JsonValue.from("2026-12-01"))
            .addSystemMessage("You are a travel agent.");
    String reply = null;
    for (String u : userTurns) {
      b.addUserMessage(u);
      ChatCompletionCreateParams request = b.build();
      reply = replyTo(client, request);
      b.addAssistantMessage(reply);
      if (u.equals(userTurns[userTurns.length - 1])) {
        String again = replyTo(client, request);
        assertEquals(reply, again, "a retried request gives the same reply");
      }
    }
    return reply;
  }

  @Test
  void twoCustomersWhoBeginAlikeGetTwoBookings() {
    OpenAIClient client = client(key);
    String first = "book a hotel in Da Nang for the 10th for 2 nights";
    String anna =
        ChatApiTest.code(
            converse(
                client, first, "the first one", "my name is Anna Berg", "anna@example.com", "yes"));
    String bo =
        ChatApiTest.code(
            converse(
                client, first, "the second one", "my name is Bo Chen", "bo@example.com", "yes"));
    assertTrue(!anna.equals(bo), "each customer has a booking of their own: " + anna + " " + bo);
    assertTrue(converse(client, "check my booking " + anna).startsWith("Booking " + anna + ": "));
    assertTrue(converse(client, "check my booking " + bo).startsWith("Booking " + bo + ": "));
  }

  @Test
  void errorsMapToTheClientsExceptions() {
    assertThrows(UnauthorizedException.class, () -> client("sk-scion-wrong").models().list());
    Http admin = new Http(server.port(), ADMIN);
    String limited =
        admin
            .post("/admin/tenants/agency/keys", "{\"requests_per_minute\":1}")
            .json()
            .get("key")
            .asText();
    OpenAIClient client = client(limited);
    client.models().list();
    RateLimitException e = assertThrows(RateLimitException.class, () -> client.models().list());
    assertTrue(e.getMessage().contains("rate limit"), e.getMessage());
  }

  private static String replyTo(OpenAIClient client, ChatCompletionCreateParams request) {
    return client
        .chat()
        .completions()
        .create(request)
        .choices()
        .get(0)
        .message()
        .content()
        .orElseThrow();
  }
}
