package dev.scion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NluCommandTest {
  @TempDir Path dir;

  private static String utterance(String words, String tags, String intents) {
    String[] w = words.split(" ");
    String[] t = tags.split(" ");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      out.append(w[i]).append(' ').append(t[i]).append('\n');
    }
    return out.append(intents).append("\n\n").toString();
  }

  @Test
  void trainThenEvalPrintsTheContractedJson() throws Exception {
    StringBuilder data = new StringBuilder();
    String[] cities = {"hanoi", "tokyo", "bangkok", "singapore"};
    for (int i = 0; i < 40; i++) {
      String city = cities[i % cities.length];
      data.append(utterance("hotels in " + city, "O O B-city", "search_hotel"));
      data.append(
          utterance(
              "refund policy and also hotels in " + city,
              "O O O O O O B-city",
              "ask_policy#search_hotel"));
    }
    Path file = dir.resolve("train.txt");
    Files.writeString(file, data.toString(), StandardCharsets.UTF_8);
    Path model = dir.resolve("model");
    assertEquals(
        0,
        ScionCommand.execute(
            "nlu",
            "train",
            "--format",
            "agif",
            "--train",
            file.toString(),
            "--out",
            model.toString(),
            "--encoder",
            "none"));
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertEquals(
          0,
          ScionCommand.execute(
              "nlu",
              "eval",
              "--model",
              model.toString(),
              "--format",
              "agif",
              "--data",
              file.toString(),
              "--json"));
    } finally {
      System.setOut(original);
    }
    JsonNode json = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
    assertEquals(80, json.get("n").asInt());
    for (String key : new String[] {"overall_acc", "intent_acc", "slot_f1"}) {
      assertTrue(json.get(key).asDouble() > 0.9, key + " " + json);
    }
    assertEquals(
        2,
        ScionCommand.execute(
            "nlu",
            "eval",
            "--model",
            model.toString(),
            "--format",
            "conll",
            "--data",
            file.toString()));
    assertEquals(
        1,
        ScionCommand.execute(
            "nlu",
            "eval",
            "--model",
            dir.resolve("none").toString(),
            "--format",
            "agif",
            "--data",
            file.toString()));
  }
}
