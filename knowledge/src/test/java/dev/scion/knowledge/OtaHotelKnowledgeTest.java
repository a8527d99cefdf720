package dev.scion.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ota-hotel pack's knowledge documents against the questions written for them. */
class OtaHotelKnowledgeTest {
  static final Path PACK = Path.of("..", "packs", "ota-hotel");

  @TempDir Path tmp;

  @Test
  void answersAreFoundAndCheap() {
    try (KnowledgeBase kb =
        KnowledgeBase.open(tmp.resolve("kb"), KnowledgeBase.Settings.DEFAULT_EN, 1 << 20)) {
      KnowledgeBase.IngestReport r = kb.ingest(List.of(PACK.resolve("knowledge")), line -> {});
      assertEquals(0, r.failed());
      Map<String, Object> e = QuestionEval.run(kb, PACK.resolve("knowledge-questions.jsonl"), 5, 3);
      System.out.println("ota-hotel knowledge: " + e);
      assertEquals(60, e.get("questions"));
      assertTrue((double) e.get("hit@5") >= 0.9, e.toString());
      assertTrue((double) e.get("times_fewer_tokens") >= 100, e.toString());
    }
  }
}
