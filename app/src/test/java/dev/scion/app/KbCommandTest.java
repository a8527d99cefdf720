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

class KbCommandTest {
  @TempDir Path dir;

  private String captured(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, ScionCommand.execute(args));
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void ingestAskAndABadFileInTheBatch() throws Exception {
    Path docs = dir.resolve("docs");
    Files.createDirectories(docs);
    Files.writeString(
        docs.resolve("parking.md"), "# Parking\n\nThe garage costs 15 USD per night.\n");
    Files.write(docs.resolve("empty.txt"), new byte[0]);
    String kb = dir.resolve("kb").toString();
    assertEquals(1, ScionCommand.execute("kb", "ingest", "--kb", kb, docs.toString()));
    JsonNode a =
        new ObjectMapper()
            .readTree(captured("kb", "ask", "--kb", kb, "--json", "how much is parking"));
    assertTrue(a.get("answer").asText().contains("15 USD per night"), a.toString());
    assertEquals("docs/parking.md", a.at("/citations/0/source").asText());
    assertTrue(a.get("context_tokens").asInt() > 0);
    assertEquals(
        2, ScionCommand.execute("kb", "search", "--kb", dir.resolve("none").toString(), "x"));
    assertEquals(2, ScionCommand.execute("kb", "search", "--kb", kb, "--mode", "fuzzy", "x"));
    assertEquals(2, ScionCommand.execute("kb", "remove", "--kb", kb, "docs/none.md"));
    assertEquals(0, ScionCommand.execute("kb", "remove", "--kb", kb, "docs/parking.md"));
  }
}
