package dev.scion.datakit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
  @TempDir Path dir;

  private Path yaml(String text) throws IOException {
    Path f = dir.resolve("pipeline.yaml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void chainsStepsAndReportsEach() throws IOException {
    String good = QualityFilterTest.GOOD;
    String near = good.replace("gladly", "happily");
    List<String> lines = new ArrayList<>();
    String[] texts = {good, good.toLowerCase(java.util.Locale.ROOT), near, "Too short.", "junk"};
    for (int i = 0; i < texts.length; i++) {
      ObjectNode o = Jsonl.JSON.createObjectNode();
      o.put("id", i);
      o.put("text", texts[i]);
      lines.add(o.toString());
    }
    lines.add(2, "not json");
    Path in = dir.resolve("in.jsonl");
    Files.write(in, lines);
    Pipeline p =
        Pipeline.parse(
            yaml(
                """
                steps:
                  - exact
                  - minhash: {threshold: 0.7}
                  - quality: {rules: [gopher, fineweb]}
                """));
    assertEquals(List.of("exact", "minhash", "quality"), p.names());
    Path out = dir.resolve("out.jsonl");
    Pipeline.Report r = p.run(in, out, BadLines.skip(), Progress.silent());
    assertEquals(5, r.input());
    assertEquals(1, r.kept());
    assertEquals(List.of(5, 4, 3), r.steps().stream().map(StepReport::input).toList());
    assertEquals(1, r.steps().getFirst().badLines());
    assertEquals(2L, r.steps().get(2).removedBy().get("gopher.min_words"));
    List<Object> ids = new ArrayList<>();
    Jsonl.read(out, BadLines.fail(), Progress.silent(), d -> ids.add(d.id()));
    assertEquals(List.of(0), ids);
    Path report = dir.resolve("report.json");
    Path html = Reports.write(report, r.toJson(), r.steps());
    JsonNode json = Jsonl.JSON.readTree(report.toFile());
    assertEquals(4, json.get("removed").asInt());
    assertEquals(2, json.get("clusters").size());
    assertEquals(3, json.get("steps").size());
    String page = Files.readString(html);
    assertTrue(page.contains("gopher.min_words: 2"), page);
    assertTrue(page.contains("line 3: not valid JSON"), page);
    try (var files = Files.list(dir)) {
      assertEquals(
          List.of("in.jsonl", "out.jsonl", "pipeline.yaml", "report.html", "report.json"),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "no intermediate files are left");
    }
  }

  @Test
  void badPipelinesSayWhereAndWhat() throws IOException {
    assertMessage("steps:\n  - exact\n  - shuffle\n", "step 2 (shuffle): unknown step");
    assertMessage(
        "steps:\n  - minhash: {treshold: 0.8}\n", "step 1 (minhash): unknown option 'treshold'");
    assertMessage("steps:\n  - minhash: {threshold: 1.5}\n", "Jaccard similarity in (0, 1]");
    assertMessage("steps:\n  - classify: {method: knn}\n", "'seeds'");
    assertMessage("step: [exact]\n", "expected a top-level 'steps:' list");
    assertMessage("steps: [exact\n", "not valid YAML");
  }

  private void assertMessage(String yaml, String expected) throws IOException {
    Path f = yaml(yaml);
    DataException e = assertThrows(DataException.class, () -> Pipeline.parse(f));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
