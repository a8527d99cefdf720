package dev.scion.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A labelled fake of an OpenAI-compatible chat server, for tests: no real LLM can run on these
 * machines. It answers each {@code /v1/chat/completions} request with the next scripted reply (the
 * last one repeats), with fixed token usage, and keeps what it was sent.
 */
public final class FakeOpenAi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

  private FakeOpenAi(List<String> replies, int promptTokens, int completionTokens) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicInteger next = new AtomicInteger();
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          String content = replies.get(Math.min(next.getAndIncrement(), replies.size() - 1));
          byte[] reply =
              ("{\"id\":\"fake\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"fake\","
                      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                      + JSON.writeValueAsString(content)
                      + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":"
                      + promptTokens
                      + ",\"completion_tokens\":"
                      + completionTokens
                      + ",\"total_tokens\":"
                      + (promptTokens + completionTokens)
                      + "}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    server.start();
  }

  /** A fake answering with {@code replies} in turn, reporting the given token usage. */
  public static FakeOpenAi answering(int promptTokens, int completionTokens, String... replies) {
    return new FakeOpenAi(List.of(replies), promptTokens, completionTokens);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The settings a client of this fake reads from the environment, with {@code apiKey}. */
  public LlmConfig config(String apiKey) {
    return LlmConfig.fromEnvironment(
            apiKey == null
                ? Map.of("SCION_LLM_BASE_URL", baseUrl(), "SCION_LLM_MODEL", "fake-model")
                : Map.of(
                    "SCION_LLM_BASE_URL",
                    baseUrl(),
                    "SCION_LLM_MODEL",
                    "fake-model",
                    "SCION_LLM_API_KEY",
                    apiKey))
        .orElseThrow();
  }

  /** A chat client of this fake. */
  public ChatClient client() {
    return new ChatClient(config(null), Duration.ofSeconds(10));
  }

  /** The request bodies received, in order. */
  public List<String> bodies() {
    return List.copyOf(bodies);
  }

  /** The Authorization headers received, in order. */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
