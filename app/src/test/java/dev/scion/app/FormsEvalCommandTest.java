package dev.scion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormsEvalCommandTest {
  @TempDir Path dir;

  @Test
  void evalPrintsPerPartAccuraciesAsJson() throws Exception {
    Path cases = dir.resolve("cases.json");
    Files.writeString(
        cases,
        """
        [{"id":"en-1","lang":"en","text":"Amount is required. First the team lead approves, then finance.",
          "expect":{"fields":[{"name":"amount","required":true,"type":"money","options":null}],
            "steps":[{"approvers":[{"kind":"role","name":"team lead"}],"mode":"single","when":null},
                     {"approvers":[{"kind":"role","name":"finance"}],"mode":"single","when":null}]}}]
        """);
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, ScionCommand.execute("forms", "eval", "--cases", cases.toString(), "--json"));
    } finally {
      System.setOut(original);
    }
    JsonNode j = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertEquals(1, j.get("cases").asInt(), j.toString());
    assertEquals(1.0, j.get("accuracy").asDouble(), j.toString());
    assertEquals(1.0, j.at("/parts/step_approvers").asDouble());
    assertEquals(
        2, ScionCommand.execute("forms", "eval", "--cases", dir.resolve("none.json").toString()));
  }
}
