package dev.scion.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scion.knowledge.Answerer;
import dev.scion.knowledge.KnowledgeBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ota-hotel knowledge documents in both languages, with the real encoders: Chinese questions
 * find the Chinese policy that answers them, and a question the documents do not answer scores
 * below the pack's min_score, so the reply says there is no answer.
 */
class PackKnowledgeTest {
  static final Path PACK = Path.of("..", "packs", "ota-hotel");

  private static Answerer.Answer ask(KnowledgeBase kb, String question, double min) {
    Answerer.Answer a = new Answerer(kb, null).ask(question, 3, s -> true, min);
    System.out.println(question + " -> " + a.citations());
    return a;
  }

  @Test
  void chineseQuestionsFindTheChinesePolicyAndUnrelatedOnesFindNothing(@TempDir Path dir) {
    PackSpec spec = PackSpec.read(PACK.resolve("pack.yaml"));
    double min = spec.answers().minScore().get("zh");
    try (KnowledgeBase kb =
        KnowledgeBase.open(dir.resolve("zh"), new KnowledgeBase.Settings("zh", 256, 48), 1 << 20)) {
      kb.ingest(List.of(PACK.resolve("knowledge-zh")), line -> {});
      for (String[] q :
          List.of(
              new String[] {"取消政策是什么？", "knowledge-zh/cancellation.md"},
              new String[] {"早餐包含吗？", "knowledge-zh/amenities-and-services.md"},
              new String[] {"能用支付宝付款吗", "knowledge-zh/payment.md"},
              new String[] {"加床多少钱", "knowledge-zh/children-and-pets.md"})) {
        assertEquals(q[1], ask(kb, q[0], min).citations().getFirst().source(), q[0]);
      }
      assertTrue(ask(kb, "珠穆朗玛峰有多高", min).citations().isEmpty());
      assertTrue(ask(kb, "给我讲个笑话", min).citations().isEmpty());
    }
  }

  @Test
  void englishQuestionsTheDocumentsDoNotAnswerFindNothing(@TempDir Path dir) {
    PackSpec spec = PackSpec.read(PACK.resolve("pack.yaml"));
    double min = spec.answers().minScore().get("en");
    try (KnowledgeBase kb =
        KnowledgeBase.open(dir.resolve("en"), KnowledgeBase.Settings.DEFAULT_EN, 1 << 20)) {
      kb.ingest(List.of(PACK.resolve("knowledge")), line -> {});
      assertEquals(
          "knowledge/cancellation.md",
          ask(kb, "how long does a refund take", min).citations().getFirst().source());
      assertTrue(ask(kb, "who won the football world cup", min).citations().isEmpty());
      assertTrue(ask(kb, "what is the meaning of life", min).citations().isEmpty());
    }
  }
}
