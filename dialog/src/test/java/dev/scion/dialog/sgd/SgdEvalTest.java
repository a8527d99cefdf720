package dev.scion.dialog.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SgdEvalTest {
  @TempDir Path dir;

  static final String SCHEMA =
      """
      [{"service_name":"Hotels_9","slots":[
        {"name":"location","description":"City of the hotel","is_categorical":false,"possible_values":[]},
        {"name":"check_in_date","description":"Start date for the reservation","is_categorical":false,"possible_values":[]},
        {"name":"number_of_rooms","description":"Number of rooms to book","is_categorical":true,"possible_values":["1","2","3"]},
        {"name":"has_wifi","description":"Whether the hotel has wifi","is_categorical":true,"possible_values":["True","False"]}],
        "intents":[{"name":"SearchHotel","required_slots":["location"],"optional_slots":{"number_of_rooms":"1","check_in_date":"dontcare","has_wifi":"dontcare"}}]}]
      """;

  static String turn(String speaker, String text, String frame) {
    return "{\"speaker\":\""
        + speaker
        + "\",\"utterance\":\""
        + text
        + "\",\"frames\":["
        + frame
        + "]}";
  }

  static String dialogue(String city, String date) {
    int at = ("I need a hotel in " + city).indexOf(city);
    String u1 =
        "{\"service\":\"Hotels_9\",\"actions\":[],\"slots\":[{\"slot\":\"location\",\"start\":"
            + at
            + ",\"exclusive_end\":"
            + (at + city.length())
            + "}],\"state\":{\"active_intent\":\"SearchHotel\",\"requested_slots\":[],\"slot_values\":{\"location\":[\""
            + city
            + "\"]}}}";
    String s1 =
        "{\"service\":\"Hotels_9\",\"actions\":[{\"act\":\"REQUEST\",\"slot\":\"check_in_date\",\"values\":[]}],\"slots\":[]}";
    String text2 = "from " + date + " with 2 rooms";
    int d = text2.indexOf(date);
    String u2 =
        "{\"service\":\"Hotels_9\",\"actions\":[],\"slots\":[{\"slot\":\"check_in_date\",\"start\":"
            + d
            + ",\"exclusive_end\":"
            + (d + date.length())
            + "}],\"state\":{\"active_intent\":\"SearchHotel\",\"requested_slots\":[],\"slot_values\":{\"location\":[\""
            + city
            + "\"],\"check_in_date\":[\""
            + date
            + "\"],\"number_of_rooms\":[\"2\"]}}}";
    return "{\"dialogue_id\":\"x\",\"services\":[\"Hotels_9\"],\"turns\":["
        + turn("USER", "I need a hotel in " + city, u1)
        + ","
        + turn("SYSTEM", "When do you arrive?", s1)
        + ","
        + turn("USER", text2, u2)
        + "]}";
  }

  @Test
  void tracksSlotsAcrossTurnsAndReportsTheContractedFigures() throws Exception {
    Path schema = dir.resolve("train_schema.json");
    Files.writeString(schema, SCHEMA);
    Path train = dir.resolve("train_hotels.jsonl");
    StringBuilder lines = new StringBuilder();
    String[][] stays = {
      {"Paris", "March 3rd"}, {"London", "the 5th"}, {"Tokyo", "next Monday"}, {"Rome", "May 1st"}
    };
    for (int i = 0; i < 12; i++) {
      String[] s = stays[i % stays.length];
      lines.append(dialogue(s[0], s[1])).append('\n');
    }
    Files.writeString(train, lines.toString());
    Map<String, Object> r = SgdEval.run(train, schema, train, line -> {});
    assertEquals(24, r.get("frames"));
    assertTrue(
        r.containsKey("joint_goal_accuracy")
            && r.containsKey("correction_turns")
            && r.containsKey("correction_accuracy"));
    assertTrue((double) r.get("joint_goal_accuracy") >= 0.5, r.toString());
  }

  @Test
  void crossValidationHoldsOutEachHotelServiceInTurn() throws Exception {
    Path schema = dir.resolve("train_schema.json");
    String second = SCHEMA.strip();
    second = second.substring(1, second.length() - 1).replace("Hotels_9", "Hotels_8");
    Files.writeString(schema, SCHEMA.strip().replaceFirst("]$", "," + second + "]"));
    Path train = dir.resolve("train_hotels.jsonl");
    StringBuilder lines = new StringBuilder();
    String[][] stays = {
      {"Paris", "March 3rd"}, {"London", "the 5th"}, {"Tokyo", "next Monday"}, {"Rome", "May 1st"}
    };
    for (int i = 0; i < 16; i++) {
      String[] s = stays[i % stays.length];
      String d = dialogue(s[0], s[1]);
      lines.append(i % 2 == 0 ? d : d.replace("Hotels_9", "Hotels_8")).append('\n');
    }
    Files.writeString(train, lines.toString());
    List<String> said = new java.util.ArrayList<>();
    Map<String, Object> r = SgdEval.crossValidate(train, schema, said::add);
    List<?> folds = (List<?>) r.get("folds");
    assertEquals(2, folds.size());
    assertEquals(
        32, r.get("frames"), "every dialogue is tracked once, by the fold that holds it out");
    for (Object f : folds) {
      Map<?, ?> fold = (Map<?, ?>) f;
      assertEquals(16, fold.get("frames"), fold.toString());
      assertTrue((double) fold.get("joint_goal_accuracy") >= 0.5, fold.toString());
    }
    assertTrue(
        said.stream().anyMatch(l -> l.startsWith("fold Hotels_8: training on 8")), said.toString());
  }

  @Test
  void aCorrectionMissNamesTheSlotAndHowItWentWrong() throws Exception {
    var gold =
        new ObjectMapper().readTree("{\"location\":[\"Paris\"],\"check_in_date\":[\"May 1st\"]}");
    assertEquals(
        List.of("check_in_date:wrong", "location:missing", "number_of_rooms:extra"),
        SgdEval.wrongSlots(Map.of("check_in_date", "May 2nd", "number_of_rooms", "2"), gold));
  }

  @Test
  void categoricalValuesComeFromTheSlotsOwnWords() {
    Schema.Slot rooms =
        new Schema.Slot("number_of_rooms", "Number of rooms", true, List.of("1", "2", "3"));
    Schema.Slot stars =
        new Schema.Slot("star_rating", "Star rating", true, List.of("1", "2", "3", "4", "5"));
    Schema.Slot wifi = new Schema.Slot("has_wifi", "Has wifi", true, List.of("True", "False"));
    assertEquals("2", SgdTracker.categorical(rooms, "i need two rooms please"));
    assertEquals("5", SgdTracker.categorical(stars, "i am looking for a five star hotel"));
    assertNull(SgdTracker.categorical(stars, "a nice hotel"));
    assertEquals("True", SgdTracker.categorical(wifi, "it should have wifi."));
    assertEquals("False", SgdTracker.categorical(wifi, "one without wifi is fine."));
    assertNull(SgdTracker.categorical(wifi, "does it have wifi?"), "a question is not a wish");
  }

  @Test
  void aFrameMatchesWhenEveryValueIsAccepted() throws Exception {
    var gold =
        new ObjectMapper()
            .readTree("{\"location\":[\"SF\",\"San Francisco\"],\"number_of_rooms\":[\"1\"]}");
    assertTrue(SgdEval.matches(Map.of("location", "san francisco", "number_of_rooms", "1"), gold));
    assertFalse(SgdEval.matches(Map.of("location", "SF"), gold));
    assertFalse(SgdEval.matches(Map.of("location", "LA", "number_of_rooms", "1"), gold));
  }
}
