package dev.scion.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.dialog.DialogEngine;
import dev.scion.dialog.DialogState;
import dev.scion.dialog.Pack;
import dev.scion.server.ApiException;
import dev.scion.server.JsonBodies;
import dev.scion.server.packs.Retraining;
import dev.scion.server.tenancy.Caller;
import dev.scion.server.tenancy.Conversations;
import dev.scion.server.tenancy.ModelVersions;
import dev.scion.server.tenancy.Tenancy;
import dev.scion.server.tenancy.TurnLog;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/chat/completions} for industry packs: the model is a pack's name. The endpoint
 * takes the whole history, as OpenAI's does, and the same history always gives the same state: the
 * state after each turn is kept ({@link Conversations}, keyed by a digest of the conversation so
 * far), so a request that adds one message to a kept conversation runs one turn; any other history
 * is replayed from its user messages. A booking confirmed in an earlier turn is not made again. A
 * write's request id comes from the tenant, the model, the {@code user} field, the system messages
 * and every user message up to the turn that made it: two conversations that begin alike but part
 * ways later never share a booking. The assistant's messages are left out, as they follow from the
 * user's, and clients that reformat them must not book twice.
 */
final class ChatCompletions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of(
          "model",
          "messages",
          "stream",
          "stream_options",
          "temperature",
          "top_p",
          "n",
          "max_tokens",
          "max_completion_tokens",
          "stop",
          "presence_penalty",
          "frequency_penalty",
          "user",
          "seed",
          "today");
  private static final int MAX_MESSAGES = 200;

  private final Map<String, Pack> packs;
  private final Conversations kept;
  private final TurnLog log;
  private final Retraining versions;

  /**
   * Chat over {@code packs}, keeping conversation states in {@code kept} (null: replay always),
   * logging each turn served in {@code log} (null: none) and answering each tenant with the version
   * of the pack's model it promoted in {@code versions} (null: the pack's own).
   */
  ChatCompletions(Map<String, Pack> packs, Conversations kept, TurnLog log, Retraining versions) {
    this.packs = packs;
    this.kept = kept;
    this.log = log;
    this.versions = versions;
  }

  void handle(Context ctx) {
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "chat completion request", FIELDS);
    String model = JsonBodies.text(body, "model", "");
    Caller caller = Caller.of(ctx);
    Pack pack = caller.mayUsePack(model) ? packs.get(model) : null;
    if (pack == null) {
      throw new ApiException(
          404,
          "model '"
              + model
              + "' does not exist; chat models are the loaded packs: "
              + String.join(", ", packs.keySet().stream().filter(caller::mayUsePack).toList()));
    }
    String version = ModelVersions.BASE;
    if (versions != null) {
      Retraining.Served served = versions.serving(caller.tenant(), model);
      pack = served.pack();
      version = served.version();
    }
    if (JsonBodies.integer(body, "n", 1) != 1) {
      throw ApiException.badRequest("n must be 1");
    }
    boolean stream = JsonBodies.bool(body, "stream", false);
    JsonNode streamOptions = body.path("stream_options");
    boolean includeUsage =
        streamOptions.isObject() && JsonBodies.bool(streamOptions, "include_usage", false);
    List<String> system = new ArrayList<>();
    List<String> users = userMessages(body.get("messages"), system);
    LocalDate today = today(body.get("today"));
    String conversation =
        conversationId(caller.tenant(), model, JsonBodies.text(body, "user", ""), system);
    DialogState state = keptBefore(caller.tenant(), model, conversation, users);
    int from = state == null ? 0 : users.size() - 1;
    if (state == null) {
      state = pack.newConversation(conversation, caller.tenant());
    }
    DialogEngine.Turn last = null;
    for (String u : users.subList(from, users.size())) {
      last = pack.turn(state, u, today);
    }
    if (kept != null) {
      kept.save(
          caller.tenant(), model, DialogEngine.digest(conversation, state.history), state.toJson());
    }
    int turnsRun = users.size() - from;
    if (log != null && caller.turnLog()) { // a key may opt out of the log, never of metering
      log.append(
          caller.tenant(),
          new TurnLog.Entry(
              model,
              conversation,
              pack.mask(users.getLast(), state, true),
              pack.mask(last.reply(), state, false),
              last.intents(),
              last.commands().stream()
                  .filter(c -> c instanceof dev.scion.dialog.Command.StartTask)
                  .map(c -> ((dev.scion.dialog.Command.StartTask) c).task())
                  .toList(),
              last.outcome(),
              version,
              last.confidence(),
              last.commands().stream().map(dev.scion.dialog.Command::label).toList()));
    }
    String id = "chatcmpl-" + state.history + "-" + state.turn;
    long created = Instant.now().getEpochSecond();
    int promptTokens = users.stream().mapToInt(ChatCompletions::tokens).sum();
    int completionTokens = tokens(last.reply());
    ObjectNode usage = JSON.createObjectNode();
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", promptTokens + completionTokens);
    ctx.attribute(Tenancy.TOKENS, promptTokens + completionTokens);
    if (stream) {
      ctx.contentType("text/event-stream");
      ctx.header("Cache-Control", "no-cache");
      StringBuilder sse = new StringBuilder();
      ObjectNode first = chunk(id, created, model);
      ((ObjectNode) first.withArray("choices").get(0).get("delta")).put("role", "assistant");
      event(sse, first);
      for (String piece : pieces(last.reply())) {
        ObjectNode c = chunk(id, created, model);
        ((ObjectNode) c.withArray("choices").get(0).get("delta")).put("content", piece);
        event(sse, c);
      }
      ObjectNode end = chunk(id, created, model);
      ((ObjectNode) end.withArray("choices").get(0)).put("finish_reason", "stop");
      end.set("scion", scion(last, version).put("turns_run", turnsRun));
      event(sse, end);
      if (includeUsage) {
        ObjectNode u = JSON.createObjectNode();
        u.put("id", id)
            .put("object", "chat.completion.chunk")
            .put("created", created)
            .put("model", model);
        u.putArray("choices");
        u.set("usage", usage);
        event(sse, u);
      }
      sse.append("data: [DONE]\n\n");
      ctx.result(sse.toString());
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("id", id).put("object", "chat.completion").put("created", created).put("model", model);
    ObjectNode choice = out.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", last.reply());
    choice.put("finish_reason", "stop");
    out.set("usage", usage);
    out.set("scion", scion(last, version).put("turns_run", turnsRun));
    ctx.json(out);
  }

  /** The user messages; the system and developer messages are added to {@code system}. */
  private static List<String> userMessages(JsonNode messages, List<String> system) {
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw ApiException.badRequest("messages must be a non-empty array of {role, content}");
    }
    if (messages.size() > MAX_MESSAGES) {
      throw ApiException.badRequest("at most " + MAX_MESSAGES + " messages per request");
    }
    List<String> users = new ArrayList<>();
    int i = 0;
    for (JsonNode m : messages) {
      String role = m.path("role").asText("");
      if (!Set.of("system", "developer", "user", "assistant", "tool").contains(role)) {
        throw ApiException.badRequest(
            "messages[" + i + "].role must be system, user or assistant, got '" + role + "'");
      }
      if (role.equals("user")) {
        users.add(text(m.get("content"), i));
      } else if (role.equals("system") || role.equals("developer")) {
        system.add(text(m.get("content"), i));
      }
      i++;
    }
    if (users.isEmpty()) {
      throw ApiException.badRequest("messages hold no user message");
    }
    return users;
  }

  /** A message's text: a string, or the text parts of a content array. */
  private static String text(JsonNode content, int i) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder b = new StringBuilder();
      for (JsonNode part : content) {
        if (part.path("type").asText().equals("text")) {
          if (!part.path("text").isTextual()) {
            throw ApiException.badRequest(
                "messages[" + i + "].content text parts need \"text\": a string");
          }
          b.append(b.isEmpty() ? "" : " ").append(part.path("text").textValue());
        }
      }
      return b.toString();
    }
    throw ApiException.badRequest(
        "messages[" + i + "].content must be a string or an array of parts");
  }

  /** The earliest and latest {@code today} a request may set. */
  static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);

  static final LocalDate LAST_DAY = LocalDate.of(2999, 12, 31);

  private static LocalDate today(JsonNode n) {
    if (n == null || n.isNull()) {
      return LocalDate.now(ZoneOffset.UTC);
    }
    LocalDate d;
    try {
      d = n.isTextual() ? LocalDate.parse(n.asText()) : null;
    } catch (DateTimeParseException e) {
      d = null;
    }
    if (d == null || d.isBefore(FIRST_DAY) || d.isAfter(LAST_DAY)) {
      throw ApiException.badRequest(
          "today must be a date from "
              + FIRST_DAY
              + " to "
              + LAST_DAY
              + " like 2026-12-01, got '"
              + abbreviated(n.isTextual() ? n.asText() : n.toString())
              + "'");
    }
    return d;
  }

  /**
   * The kept state of the conversation after all but its last user message, or null when none is
   * kept (a new conversation, a history edited by the client, a state dropped as old).
   */
  private DialogState keptBefore(
      String tenant, String model, String conversation, List<String> users) {
    if (kept == null || users.size() < 2) {
      return null;
    }
    String history = "";
    for (String u : users.subList(0, users.size() - 1)) {
      history = DialogEngine.digest(history, u);
    }
    String h = history;
    return kept.find(tenant, model, DialogEngine.digest(conversation, history))
        .map(DialogState::fromJson)
        .filter(s -> s.owner.equals(tenant) && s.history.equals(h))
        .orElse(null);
  }

  /**
   * A conversation's id: what the client says about it besides the user's messages (which the
   * dialogue engine adds turn by turn). The same tenant, model, user and system messages give the
   * same id.
   */
  private static String conversationId(
      String tenant, String model, String user, List<String> system) {
    List<String> parts = new ArrayList<>(List.of(tenant, model, user));
    parts.addAll(system);
    return DialogEngine.digest(parts.toArray(String[]::new));
  }

  private static String abbreviated(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  /** An approximate token count: words, and each CJK character. */
  static int tokens(String text) {
    int n = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
        n++;
        inWord = false;
      } else if (Character.isLetterOrDigit(c)) {
        if (!inWord) {
          n++;
        }
        inWord = true;
      } else {
        inWord = false;
        if (!Character.isWhitespace(c)) {
          n++;
        }
      }
    }
    return n;
  }

  private static List<String> pieces(String reply) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= reply.length(); i++) {
      if (i == reply.length() || reply.charAt(i) == ' ' || reply.charAt(i) == '\n') {
        out.add(reply.substring(start, i));
        start = i;
      }
    }
    return out;
  }

  private static ObjectNode chunk(String id, long created, String model) {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", id)
        .put("object", "chat.completion.chunk")
        .put("created", created)
        .put("model", model);
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("delta");
    choice.putNull("finish_reason");
    return c;
  }

  /**
   * The understanding and state of the last turn, for consoles and tests, and the version of the
   * pack's model that understood it ({@code model_version}).
   */
  private static ObjectNode scion(DialogEngine.Turn t, String version) {
    ObjectNode o = t.toJson();
    o.remove(List.of("user", "reply"));
    o.put("model_version", version);
    return o;
  }

  private static void event(StringBuilder sse, ObjectNode json) {
    sse.append("data: ").append(json.toString()).append("\n\n");
  }
}
