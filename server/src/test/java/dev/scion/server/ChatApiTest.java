package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatApiTest {
  @TempDir static Path dir;
  static ScionServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server =
        ScionServer.start(
            ServerConfig.local(dir, 0).withPacks(List.of(Path.of("..", "packs", "ota-hotel"))));
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A whole booking conversation with the ota-hotel pack, the user's turns only. */
  static final String[] BOOKING = {
    "book a room in Hoi An for the 20th",
    "2 nights",
    "the first one",
    "my name is Minh Tran",
    "minh@example.com",
    "yes"
  };

  /** The reply to a chat request holding these user turns, with placeholder replies between. */
  static String reply(Http http, String... userTurns) {
    return http.post("/v1/chat/completions", request(false, userTurns))
        .json()
        .at("/choices/0/message/content")
        .asText();
  }

  private static String request(boolean stream, String... userTurns) {
    StringBuilder messages =
        new StringBuilder("[{\"role\":\"system\",\"content\":\"You are helpful.\"}");
    for (int i = 0; i < userTurns.length; i++) {
      messages
          .append(",{\"role\":\"user\",\"content\":")
          .append(Http.JSON.valueToTree(userTurns[i]).toString())
          .append('}');
      if (i < userTurns.length - 1) {
        messages.append(",{\"role\":\"assistant\",\"content\":\"(earlier reply)\"}");
      }
    }
    return "{\"model\":\"ota-hotel\",\"today\":\"2026-12-01\",\"stream\":"
        + stream
        + ",\"messages\":"
        + messages
        + "]}";
  }

  @Test
  void packsAreModelsAndAnswerFromTheWholeHistory() {
    Http.Reply models = http.get("/v1/models");
    List<String> ids = new ArrayList<>();
    models.json().get("data").forEach(m -> ids.add(m.get("id").asText()));
    assertTrue(ids.contains("ota-hotel"), ids.toString());
    Http.Reply r =
        http.post(
            "/v1/chat/completions",
            request(false, "hotels in Da Nang for the 11th", "for 2 nights"));
    assertEquals(200, r.status(), r.text());
    JsonNode json = r.json();
    assertEquals("chat.completion", json.get("object").asText());
    String reply = json.at("/choices/0/message/content").asText();
    assertTrue(reply.contains("Hotels in Da Nang, 2026-12-11 to 2026-12-13"), reply);
    assertEquals("stop", json.at("/choices/0/finish_reason").asText());
    assertTrue(json.at("/usage/total_tokens").asInt() > 0);
    assertEquals("2026-12-13", json.at("/scion/state/slots/check_out").asText());
  }

  private static String requestOf(String user, List<String> turns) {
    var messages = Http.JSON.createArrayNode();
    for (String t : turns) {
      messages.addObject().put("role", "user").put("content", t);
      messages.addObject().put("role", "assistant").put("content", "(earlier reply)");
    }
    messages.remove(messages.size() - 1);
    var body = Http.JSON.createObjectNode();
    body.put("model", "ota-hotel").put("today", "2026-12-01").put("user", user);
    body.set("messages", messages);
    return body.toString();
  }

  @Test
  void aKeptConversationRunsOneTurnAndEndsAsItsReplayDoes() {
    List<String> turns =
        List.of(
            "hotels in Hanoi for the 15th",
            "3 nights",
            "actually 2 adults and 1 child",
            "the second one",
            "what is the cancellation policy?",
            "my name is Lan Pham");
    JsonNode kept = null;
    for (int n = 1; n <= turns.size(); n++) {
      kept = http.post("/v1/chat/completions", requestOf("kept", turns.subList(0, n))).json();
      assertEquals(1, kept.at("/scion/turns_run").asInt(), "turn " + n + ": " + kept);
    }
    JsonNode replayed = http.post("/v1/chat/completions", requestOf("replayed", turns)).json();
    assertEquals(turns.size(), replayed.at("/scion/turns_run").asInt());
    assertEquals(
        replayed.at("/choices/0/message/content").asText(),
        kept.at("/choices/0/message/content").asText());
    assertEquals(replayed.at("/scion/state"), kept.at("/scion/state"));

    List<String> edited = new ArrayList<>(turns);
    edited.set(1, "4 nights");
    JsonNode other = http.post("/v1/chat/completions", requestOf("kept", edited)).json();
    assertEquals(turns.size(), other.at("/scion/turns_run").asInt(), "an edited history replays");
    assertEquals(4, other.at("/scion/state/slots/nights").asInt(), other.toString());
  }

  @Test
  void turnsAreLoggedMaskedAndSummedUp() {
    String since = java.time.Instant.now().toString();
    List<String> search = List.of("hotels in Da Nang for the 11th", "for 2 nights");
    List<String> booking =
        List.of(
            "I want to book the Dragon Bridge Hotel in Da Nang on the 11th for 2 nights",
            "my name is Nguyen Van An and my email is an.nguyen@example.com");
    for (int n = 1; n <= 2; n++) { // a client sends the history so far with each new message
      http.post("/v1/chat/completions", requestOf("log-1", search.subList(0, n)));
      http.post("/v1/chat/completions", requestOf("log-2", booking.subList(0, n)));
    }
    http.post("/v1/chat/completions", requestOf("log-3", List.of("I want to complain")));
    http.post(
        "/v1/chat/completions",
        requestOf("log-4", List.of("do you have a helicopter landing pad for guests?")));
    JsonNode a = http.get("/analytics?pack=ota-hotel&since=" + since).json();
    assertEquals(4, a.get("conversations").asInt(), a.toString());
    assertEquals(6, a.get("turns").asInt(), "one logged turn per request: " + a);
    assertEquals(1, a.get("handoffs").asInt(), a.toString());
    assertEquals(0.75, a.get("containment_rate").asDouble(), a.toString());
    assertTrue(a.at("/intents/complaint").asInt() >= 1, a.toString());
    assertTrue(
        a.at("/tasks/book_hotel/started").asInt() + a.at("/tasks/search_hotel/started").asInt()
            >= 1,
        a.toString());

    JsonNode turns = http.get("/analytics/turns?pack=ota-hotel&limit=10").json();
    String all = turns.toString();
    assertTrue(!all.contains("an.nguyen@example.com") && !all.contains("Nguyen Van An"), all);
    assertTrue(all.contains("[email]") || all.contains("[contact]"), all);
    JsonNode handoffs = http.get("/analytics/turns?pack=ota-hotel&filter=handoff").json();
    assertEquals("I want to complain", handoffs.get(0).get("user").asText(), handoffs.toString());
    assertEquals(400, http.get("/analytics/turns?pack=ota-hotel&filter=odd").status());
    assertEquals(400, http.get("/analytics?pack=ota-hotel&since=yesterday").status());
    assertEquals(400, http.get("/analytics").status());
  }

  @Test
  void streamingEndsWithDone() {
    Http.Reply r = http.post("/v1/chat/completions", request(true, "hello"));
    assertEquals(200, r.status());
    String body = r.text();
    assertTrue(body.startsWith("data: {"), body);
    assertTrue(body.endsWith("data: [DONE]\n\n"), body);
    StringBuilder content = new StringBuilder();
    for (String line : body.split("\n")) {
      if (line.startsWith("data: {")) {
        JsonNode chunk;
        try {
          chunk = Http.JSON.readTree(line.substring(6));
        } catch (Exception e) {
          throw new AssertionError(line, e);
        }
        assertEquals("chat.completion.chunk", chunk.get("object").asText());
        content.append(chunk.at("/choices/0/delta/content").asText(""));
      }
    }
    assertTrue(content.toString().startsWith("Hello!"), content.toString());
  }

  @Test
  void aReplayedHistoryNeverBooksTwice() {
    String first = reply(http, BOOKING);
    assertTrue(first.matches("(?s)Done! Your booking number is (SC[2-9A-HJKMNP-Z]{12}).*"), first);
    String again = reply(http, BOOKING);
    assertEquals(first, again, "the same history gives the same booking");
  }

  /** The booking code in a reply. */
  static String code(String reply) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("booking number is (SC[2-9A-HJKMNP-Z]{12})").matcher(reply);
    assertTrue(m.find(), reply);
    return m.group(1);
  }

  @Test
  void twoCustomersWhoBeginAlikeGetTwoBookings() {
    String[] anna = {
      "book a hotel in Da Nang for the 10th for 2 nights",
      "the first one",
      "my name is Anna Berg",
      "anna@example.com",
      "yes"
    };
    String[] bo = {
      "book a hotel in Da Nang for the 10th for 2 nights",
      "the second one",
      "my name is Bo Chen",
      "bo@example.com",
      "yes"
    };
    String annas = code(reply(http, anna));
    String bos = code(reply(http, bo));
    assertTrue(!annas.equals(bos), "the second customer is told their own booking: " + bos);
    assertEquals(bos, code(reply(http, bo)), "a retried request is the same booking");
    String first = reply(http, "check my booking " + annas);
    String second = reply(http, "check my booking " + bos);
    assertTrue(first.startsWith("Booking " + annas + ": ") && first.contains("confirmed"), first);
    assertTrue(second.startsWith("Booking " + bos + ": ") && second.contains("confirmed"), second);
    assertTrue(
        !first.split(",")[0].split(": ")[1].equals(second.split(",")[0].split(": ")[1]),
        "two hotels: " + first + " / " + second);
  }

  @Test
  void aNegativeStayIsAskedAgain() {
    String r = reply(http, "book a room in Hoi An for the 20th", "-3 nights");
    assertTrue(r.startsWith("-3 nights cannot be a nights: it must be more than zero."), r);
    assertTrue(r.endsWith("How many nights will you stay, or when will you check out?"), r);
  }

  @Test
  void aTodayOutsideTheCalendarIsAFourHundredNamingTheRange() {
    for (String today : new String[] {"+99999-01-01", "1066-10-14", "3000-01-01"}) {
      Http.Reply r =
          http.post(
              "/v1/chat/completions",
              "{\"model\":\"ota-hotel\",\"today\":\""
                  + today
                  + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hotels in Hanoi for 2 nights from the 10th\"}]}");
      assertEquals(400, r.status(), r.text());
      assertEquals(
          "today must be a date from 2000-01-01 to 2999-12-31 like 2026-12-01, got '" + today + "'",
          r.json().at("/error/message").asText(),
          r.text());
    }
  }

  @Test
  void badRequestsAreFourHundreds() {
    assertEquals(
        404,
        http.post(
                "/v1/chat/completions",
                "{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .status());
    assertEquals(
        400,
        http.post("/v1/chat/completions", "{\"model\":\"ota-hotel\",\"messages\":[]}").status());
    assertEquals(
        400,
        http.post(
                "/v1/chat/completions",
                "{\"model\":\"ota-hotel\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}")
            .status());
    assertEquals(
        400,
        http.post("/v1/chat/completions", "{\"model\":\"ota-hotel\",\"mesages\":[]}").status());
    assertEquals(
        400,
        http.post(
                "/v1/chat/completions",
                "{\"model\":\"ota-hotel\",\"today\":\"soon\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .status());
    Http.Reply huge = http.post("/v1/chat/completions", request(false, "a".repeat(100_000)));
    assertEquals(200, huge.status(), "a huge message gets a reply, not a crash");
  }
}
