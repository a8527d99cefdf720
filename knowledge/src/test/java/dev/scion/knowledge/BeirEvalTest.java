package dev.scion.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirEvalTest {
  @TempDir Path tmp;

  @Test
  void ndcgAndRecallFollowTheirDefinitions() {
    Map<String, Integer> rel = Map.of("a", 1, "b", 2);
    assertEquals(1.0, BeirEval.ndcg(List.of("b", "a", "x"), rel, 10), 1e-9);
    double idcg = 2 + 1 / (Math.log(3) / Math.log(2));
    double dcg = 1 / (Math.log(3) / Math.log(2)) + 2 / (Math.log(4) / Math.log(2));
    assertEquals(dcg / idcg, BeirEval.ndcg(List.of("x", "a", "b"), rel, 10), 1e-9);
    assertEquals(0.0, BeirEval.ndcg(List.of("x", "y"), rel, 10), 1e-9);
    assertEquals(0.5, BeirEval.recall(List.of("x", "b"), rel, 100), 1e-9);
  }

  @Test
  void evaluatesAllThreeModesOnATinySet() throws IOException {
    Path data = tmp.resolve("beir");
    Files.createDirectories(data.resolve("qrels"));
    Files.write(
        data.resolve("corpus.jsonl"),
        List.of(
            "{\"_id\":\"d1\",\"title\":\"Cancellation\",\"text\":\"Free cancellation until 24 hours before arrival.\"}",
            "{\"_id\":\"d2\",\"title\":\"Pets\",\"text\":\"Dogs and cats are not allowed in the rooms.\"}",
            "{\"_id\":\"d3\",\"title\":\"Breakfast\",\"text\":\"Breakfast is served from 6 to 10 in the garden.\"}",
            "{\"_id\":\"d4\",\"title\":\"Parking\",\"text\":\"The garage costs 15 dollars a night.\"}"));
    Files.write(
        data.resolve("queries.jsonl"),
        List.of(
            "{\"_id\":\"q1\",\"text\":\"can I bring my dog\"}",
            "{\"_id\":\"q2\",\"text\":\"when is breakfast\"}",
            "{\"_id\":\"q3\",\"text\":\"not judged\"}"));
    Files.write(
        data.resolve("qrels/test.tsv"),
        List.of("query-id\tcorpus-id\tscore", "q1\td2\t1", "q2\td3\t1"));
    Path work = tmp.resolve("work");
    Files.createDirectories(work);
    Map<String, Object> r = BeirEval.run(data, work, "en", line -> {});
    assertEquals(2, r.get("queries"));
    assertEquals(1.0, (double) r.get("ndcg@10"), 1e-9);
    assertEquals(1.0, (double) r.get("recall@100"), 1e-9);
    assertTrue((double) r.get("docs_per_second") > 0);
    assertTrue(r.containsKey("bm25") && r.containsKey("dense"));
  }

  @Test
  void aMissingFileIsNamed() throws IOException {
    Path data = tmp.resolve("empty");
    Files.createDirectories(data);
    KnowledgeException e =
        assertThrows(KnowledgeException.class, () -> BeirEval.run(data, tmp, "en", line -> {}));
    assertTrue(e.getMessage().contains("corpus.jsonl is missing"), e.getMessage());
  }
}
