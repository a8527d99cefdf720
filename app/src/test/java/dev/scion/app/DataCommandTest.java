package dev.scion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void dedupWritesTheKeptLinesAndTheContractedReport() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.write(
        in,
        List.of(
            "{\"id\":1,\"text\":\"Free breakfast for two guests\"}",
            "{\"id\":2,\"text\":\"free  breakfast for two guests\"}",
            "{\"id\":\"c\",\"text\":\"Late check-out costs extra\"}",
            "{oops"));
    Path out = dir.resolve("out.jsonl");
    Path report = dir.resolve("report.json");
    int rc =
        ScionCommand.execute(
            "data",
            "dedup",
            "--in",
            in.toString(),
            "--out",
            out.toString(),
            "--method",
            "exact",
            "--report",
            report.toString());
    assertEquals(0, rc);
    assertEquals(2, Files.readAllLines(out).size());
    JsonNode r = JSON.readTree(report.toFile());
    assertEquals(3, r.get("input").asInt());
    assertEquals(2, r.get("kept").asInt());
    assertEquals(1, r.get("removed").asInt());
    assertEquals("[[1,2]]", r.get("clusters").toString());
    assertTrue(r.get("seconds").isNumber());
    assertEquals(4, r.get("bad_lines").get("lines").get(0).get("line").asInt());
    assertTrue(Files.exists(dir.resolve("report.html")));
  }

  @Test
  void badUsageExitsTwoAndAFatalBadLineExitsOneWithoutOutput() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.write(in, List.of("{\"text\":\"a\"}", "{\"text\":"));
    Path out = dir.resolve("out.jsonl");
    assertEquals(
        2,
        ScionCommand.execute(
            "data", "dedup", "--in", in.toString(), "--out", out.toString(), "--method", "fuzzy"));
    assertEquals(
        2,
        ScionCommand.execute(
            "data",
            "dedup",
            "--in",
            dir.resolve("none.jsonl").toString(),
            "--out",
            out.toString(),
            "--method",
            "exact"));
    assertEquals(
        1,
        ScionCommand.execute(
            "data",
            "dedup",
            "--in",
            in.toString(),
            "--out",
            out.toString(),
            "--method",
            "minhash",
            "--bad-lines",
            "fail"));
    assertFalse(Files.exists(out));
  }
}
