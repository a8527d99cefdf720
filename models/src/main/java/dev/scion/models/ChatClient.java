package dev.scion.models;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A client of an OpenAI-compatible chat completions endpoint (LangChain4j's OpenAI module). */
public final class ChatClient {
  /** One message of a conversation; role is system, user or assistant. */
  public record Message(String role, String content) {}

  /** A completion and the tokens it cost, as the server counted them. */
  public record Reply(String content, int promptTokens, int completionTokens) {}

  private final OpenAiChatModel model;
  private final String name;

  public ChatClient(LlmConfig config, Duration timeout) {
    this.name = config.model();
    this.model =
        OpenAiChatModel.builder()
            .baseUrl(config.baseUrl())
            .apiKey(config.apiKey() == null || config.apiKey().isBlank() ? "none" : config.apiKey())
            .modelName(config.model())
            .temperature(0.0)
            .timeout(timeout)
            .maxRetries(1)
            .build();
  }

  public String modelName() {
    return name;
  }

  /** Sends the conversation and returns the model's reply. */
  public Reply complete(List<Message> messages) {
    List<ChatMessage> converted = new ArrayList<>(messages.size());
    for (Message m : messages) {
      converted.add(
          switch (m.role()) {
            case "system" -> SystemMessage.from(m.content());
            case "user" -> UserMessage.from(m.content());
            case "assistant" -> AiMessage.from(m.content());
            default ->
                throw new ModelException(
                    "unknown message role '" + m.role() + "'; use system, user or assistant");
          });
    }
    try {
      ChatResponse response = model.chat(converted);
      var usage = response.tokenUsage();
      return new Reply(
          response.aiMessage().text(),
          usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
          usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
    } catch (RuntimeException e) {
      throw new ModelException("chat model " + name + " failed: " + e.getMessage(), e);
    }
  }
}
