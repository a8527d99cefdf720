package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.scion.models.ChatClient;
import dev.scion.models.LlmConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LlmIntakeTest {
  /** A labelled fake of an OpenAI-compatible server (no real LLM runs here): scripted replies. */
  private static LlmIntake.Result run(List<String> replies, List<String> prompts) throws Exception {
    AtomicInteger n = new AtomicInteger();
    HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ObjectMapper json = new ObjectMapper();
    fake.createContext(
        "/v1/chat/completions",
        exchange -> {
          prompts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          String content = replies.get(Math.min(n.getAndIncrement(), replies.size() - 1));
          byte[] reply =
              ("{\"id\":\"fake\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"fake\",\"choices\":[{\"index\":0,"
                      + "\"message\":{\"role\":\"assistant\",\"content\":"
                      + json.writeValueAsString(content)
                      + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":9,\"total_tokens\":18}}")
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
      return new LlmIntake(new ChatClient(c, Duration.ofSeconds(10)), 3)
          .draft("Days are required. The team lead approves.");
    } finally {
      fake.stop(0);
    }
  }

  @Test
  void aBrokenDraftIsRepairedFromItsErrors() throws Exception {
    List<String> prompts = new ArrayList<>();
    LlmIntake.Result r =
        run(
            List.of(
                "```\nform Leave\nfield days: numbr, required\napproval\nstep lead: manager of applicant\n```",
                "form Leave\nfield days: number, required\napproval\nstep lead: manager of applicant\n"),
            prompts);
    assertEquals("llm", r.by());
    assertEquals("lead", r.form().steps().getFirst().id());
    assertEquals(1, r.errors().size());
    assertTrue(
        prompts.get(1).contains("2:13: unknown type 'numbr'"), "the error goes back to the model");
  }

  @Test
  void aDraftThatNeverCompilesFallsBackToTheRules() throws Exception {
    LlmIntake.Result r = run(List.of("I think the form should have days."), new ArrayList<>());
    assertEquals("rules", r.by());
    assertEquals(3, r.errors().size());
    assertEquals("days", r.form().fields().getFirst().id());
  }
}
