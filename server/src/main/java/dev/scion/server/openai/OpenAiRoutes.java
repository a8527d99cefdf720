package dev.scion.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.models.Encoders;
import dev.scion.models.OnnxEncoder;
import dev.scion.server.ApiException;
import dev.scion.server.JsonBodies;
import dev.scion.server.tenancy.Caller;
import dev.scion.server.tenancy.Tenancy;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The OpenAI-compatible routes: {@code GET /v1/models}, {@code POST /v1/embeddings} and {@code POST
 * /v1/chat/completions} (each loaded pack is a chat model).
 */
public final class OpenAiRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_INPUTS = 2048;
  private static final Set<String> EMBEDDING_FIELDS =
      Set.of("model", "input", "encoding_format", "dimensions", "user");

  private final Encoders encoders;
  private final java.util.Map<String, dev.scion.dialog.Pack> packs;
  private final dev.scion.server.tenancy.Conversations conversations;
  private final dev.scion.server.tenancy.TurnLog turns;
  private final dev.scion.server.packs.Retraining versions;

  /**
   * The routes, chat keeping conversation states in {@code conversations} (null: replay) and
   * logging its turns in {@code turns} (null: none).
   */
  public OpenAiRoutes(
      Encoders encoders,
      java.util.Map<String, dev.scion.dialog.Pack> packs,
      dev.scion.server.tenancy.Conversations conversations,
      dev.scion.server.tenancy.TurnLog turns) {
    this(encoders, packs, conversations, turns, null);
  }

  /**
   * The routes, chat answering each tenant with the version of a pack's model it promoted ({@code
   * versions}; null: always the pack's own).
   */
  public OpenAiRoutes(
      Encoders encoders,
      java.util.Map<String, dev.scion.dialog.Pack> packs,
      dev.scion.server.tenancy.Conversations conversations,
      dev.scion.server.tenancy.TurnLog turns,
      dev.scion.server.packs.Retraining versions) {
    this.encoders = encoders;
    this.packs = packs;
    this.conversations = conversations;
    this.turns = turns;
    this.versions = versions;
  }

  public void register(Javalin app) {
    app.get("/v1/models", this::models);
    app.post("/v1/embeddings", this::embeddings);
    app.post(
        "/v1/chat/completions", new ChatCompletions(packs, conversations, turns, versions)::handle);
  }

  private void models(Context ctx) {
    ObjectNode body = JSON.createObjectNode().put("object", "list");
    ArrayNode data = body.putArray("data");
    for (String name : encoders.names()) {
      data.addObject()
          .put("id", name)
          .put("object", "model")
          .put("created", 0)
          .put("owned_by", "scion");
    }
    Caller caller = Caller.of(ctx);
    for (String name : packs.keySet().stream().filter(caller::mayUsePack).toList()) {
      data.addObject()
          .put("id", name)
          .put("object", "model")
          .put("created", 0)
          .put("owned_by", "scion-pack");
    }
    ctx.json(body);
  }

  private void embeddings(Context ctx) {
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "embeddings request", EMBEDDING_FIELDS);
    String model = JsonBodies.text(body, "model", "");
    if (!encoders.names().contains(model)) {
      throw new ApiException(
          404,
          "model '"
              + model
              + "' does not exist; available: "
              + String.join(", ", encoders.names()));
    }
    List<String> inputs = inputs(body.get("input"));
    String format = JsonBodies.text(body, "encoding_format", "float");
    if (!format.equals("float") && !format.equals("base64")) {
      throw ApiException.badRequest(
          "encoding_format must be float or base64, got '" + format + "'");
    }
    OnnxEncoder encoder = encoders.get(model);
    int dims = JsonBodies.integer(body, "dimensions", encoder.dimension());
    if (dims != encoder.dimension()) {
      throw ApiException.badRequest(
          "model "
              + model
              + " gives "
              + encoder.dimension()
              + " dimensions; omit dimensions or send "
              + encoder.dimension());
    }
    float[][] vectors = encoder.embed(inputs);
    long tokens = 0;
    for (String text : inputs) {
      tokens += encoder.countTokens(text);
    }
    ObjectNode out = JSON.createObjectNode().put("object", "list");
    ArrayNode data = out.putArray("data");
    for (int i = 0; i < vectors.length; i++) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      if (format.equals("base64")) {
        ByteBuffer buf = ByteBuffer.allocate(vectors[i].length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(vectors[i]);
        item.put("embedding", Base64.getEncoder().encodeToString(buf.array()));
      } else {
        ArrayNode v = item.putArray("embedding");
        for (float x : vectors[i]) {
          v.add(x);
        }
      }
    }
    out.put("model", model);
    out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    ctx.attribute(Tenancy.TOKENS, tokens);
    ctx.json(out);
  }

  private static List<String> inputs(JsonNode input) {
    List<String> out = new ArrayList<>();
    if (input != null && input.isTextual()) {
      out.add(input.textValue());
    } else if (input != null && input.isArray()) {
      for (JsonNode t : input) {
        if (!t.isTextual()) {
          throw ApiException.badRequest(
              "input must be a string or an array of strings; token arrays are not supported");
        }
        out.add(t.textValue());
      }
    } else {
      throw ApiException.badRequest("input is required: a string or an array of strings");
    }
    if (out.isEmpty() || out.size() > MAX_INPUTS) {
      throw ApiException.badRequest(
          "input must hold 1 to " + MAX_INPUTS + " strings, got " + out.size());
    }
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).isBlank()) {
        throw ApiException.badRequest("input[" + i + "] is empty; send text to embed");
      }
    }
    return out;
  }
}
