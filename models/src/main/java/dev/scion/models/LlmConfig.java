package dev.scion.models;

import java.util.Map;
import java.util.Optional;

/**
 * Where an OpenAI-compatible chat model lives. Scion runs without one; set {@code
 * SCION_LLM_BASE_URL} and {@code SCION_LLM_MODEL} (and {@code SCION_LLM_API_KEY} if the server
 * wants one) to let it phrase answers.
 */
public record LlmConfig(String baseUrl, String apiKey, String model) {
  public LlmConfig {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new ModelException(
          "SCION_LLM_BASE_URL is empty; give the server's URL, e.g. http://127.0.0.1:8000/v1");
    }
    if (model == null || model.isBlank()) {
      throw new ModelException("SCION_LLM_MODEL is empty; give the model name the server expects");
    }
  }

  /** The configuration in {@code env}, or empty when {@code SCION_LLM_BASE_URL} is not set. */
  public static Optional<LlmConfig> fromEnvironment(Map<String, String> env) {
    String url = env.get("SCION_LLM_BASE_URL");
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new LlmConfig(url, env.get("SCION_LLM_API_KEY"), env.get("SCION_LLM_MODEL")));
  }
}
