package dev.scion.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.models.FakeOpenAi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private Path docs() throws IOException {
    Path docs = tmp.resolve("docs");
    Files.createDirectories(docs.resolve("faq"));
    Files.writeString(docs.resolve("policies.md"), ExtractorTest.POLICY_MD);
    Files.writeString(
        docs.resolve("faq/checkin.html"),
        "<html><body><h1>Check-in and check-out</h1><p>Check-in starts at 14:00 and check-out is"
            + " until 12:00. Early check-in from 10:00 costs 20 USD, subject to availability.</p>"
            + "<h1>Parking</h1><p>Parking in the garage costs 15 USD per night.</p></body></html>");
    Files.writeString(
        docs.resolve("faq/payment.txt"),
        "Payment\n\nWe accept Visa, Mastercard and bank transfers. Cash is accepted at the front"
            + " desk in US dollars or Vietnamese dong.\n");
    return docs;
  }

  private KnowledgeBase open() {
    return KnowledgeBase.open(tmp.resolve("kb"), KnowledgeBase.Settings.DEFAULT_EN, 1 << 20);
  }

  @Test
  void ingestSearchReplaceAndRemove() throws IOException {
    Path docs = docs();
    List<String> lines = new ArrayList<>();
    try (KnowledgeBase kb = open()) {
      KnowledgeBase.IngestReport r = kb.ingest(List.of(docs), lines::add);
      assertEquals(0, r.failed(), lines.toString());
      assertEquals(
          List.of("docs/faq/checkin.html", "docs/faq/payment.txt", "docs/policies.md"),
          kb.sources().stream().map(KnowledgeBase.Source::name).toList());
      assertEquals(3, lines.size());
      List<KnowledgeBase.Passage> hits =
          kb.search("Can I cancel for free?", 3, HybridIndex.Mode.HYBRID, null);
      assertEquals("docs/policies.md", hits.getFirst().chunk().source());
      assertEquals(List.of("Hotel policies", "Cancellation"), hits.getFirst().chunk().titles());
      assertTrue(hits.getFirst().chunk().text().contains("Free cancellation"));
      assertEquals(
          "docs/faq/checkin.html",
          kb.search("what time is check-in", 1, HybridIndex.Mode.BM25, null)
              .getFirst()
              .chunk()
              .source());
      assertEquals(
          "docs/faq/payment.txt",
          kb.search("which credit cards do you take", 1, HybridIndex.Mode.DENSE, null)
              .getFirst()
              .chunk()
              .source());
      assertEquals(
          "docs/faq/payment.txt",
          kb.search("cancel", 1, HybridIndex.Mode.HYBRID, "docs/faq/payment.txt")
              .getFirst()
              .chunk()
              .source());
    }
    // reopen: an unchanged file is skipped, a changed one replaced, a deleted one removed
    Files.writeString(
        docs.resolve("faq/payment.txt"), "Payment\n\nOnly cash is accepted, at the front desk.\n");
    Files.delete(docs.resolve("faq/checkin.html"));
    lines.clear();
    try (KnowledgeBase kb = open()) {
      KnowledgeBase.IngestReport r = kb.ingest(List.of(docs), lines::add);
      assertEquals(
          List.of("replaced", "unchanged", "removed"),
          r.files().stream().map(KnowledgeBase.FileResult::status).toList());
      assertEquals(2, kb.sources().size());
      for (KnowledgeBase.Passage p :
          kb.search("credit card payment", 5, HybridIndex.Mode.HYBRID, null)) {
        assertTrue(!p.chunk().text().contains("Mastercard"), "old chunks are gone");
        assertTrue(!p.chunk().source().equals("docs/faq/checkin.html"));
      }
      assertTrue(kb.remove("docs/policies.md"));
      assertEquals(1, kb.sources().size());
    }
  }

  @Test
  void aBadFileIsReportedAndTheRestIngested() throws IOException {
    Path docs = docs();
    Files.write(docs.resolve("empty.md"), new byte[0]);
    Files.writeString(docs.resolve("broken.pdf"), "%PDF-1.4 truncated");
    try (KnowledgeBase kb = open()) {
      KnowledgeBase.IngestReport r = kb.ingest(List.of(docs), line -> {});
      assertEquals(2, r.failed());
      assertEquals(3, kb.sources().size());
      KnowledgeBase.FileResult broken =
          r.files().stream()
              .filter(f -> f.source().endsWith("broken.pdf"))
              .findFirst()
              .orElseThrow();
      assertTrue(broken.error().startsWith("docs/broken.pdf: cannot read it"), broken.error());
    }
  }

  /** A handbook of {@code sections} sections, each a heading and a paragraph of five sentences. */
  static String handbook(int sections) {
    StringBuilder md = new StringBuilder("# Staff handbook\n\n");
    for (int i = 1; i <= sections; i++) {
      md.append("## Rule ").append(i).append("\n\n");
      for (int k = 0; k < 5; k++) {
        md.append("Desk ")
            .append(i)
            .append(" keeps the spare key number ")
            .append(i * 10 + k)
            .append(" in the locked drawer, and hands it over only against a signed receipt. ");
      }
      md.append("\n\n");
    }
    return md.toString();
  }

  @Test
  void aLongDocumentIsCountedWholeSoItsCostIsNotUnderstated() throws IOException {
    Path file = tmp.resolve("handbook.md");
    Files.writeString(file, handbook(40));
    try (KnowledgeBase kb = open()) {
      KnowledgeBase.FileResult r = kb.ingestFile(file, "handbook.md");
      assertTrue(r.tokens() > 4000, "counted " + r.tokens() + " tokens");
      assertEquals(r.tokens(), kb.totalTokens());
      Answerer.Answer a = new Answerer(kb, null).ask("Where is spare key number 215?", 2);
      assertEquals(r.tokens(), a.knowledgeBaseTokens());
      assertTrue(a.savings() > 20, "savings " + a.savings());
    }
  }

  @Test
  void aDocumentCountedShortByAnOlderVersionIsCountedAgainOnItsNextIngest() throws IOException {
    Path file = tmp.resolve("handbook.md");
    Files.writeString(file, handbook(10));
    try (KnowledgeBase kb = open()) {
      kb.ingestFile(file, "handbook.md");
    }
    Path manifest = tmp.resolve("kb").resolve("kb.json");
    var m = (ObjectNode) JSON.readTree(manifest.toFile());
    m.remove("token_counts"); // as an older version wrote it: counts stopped at 512
    ((ObjectNode) m.at("/sources/handbook.md")).put("tokens", 512);
    JSON.writeValue(manifest.toFile(), m);
    try (KnowledgeBase kb = open()) {
      assertEquals(512, kb.totalTokens());
      KnowledgeBase.FileResult r = kb.ingestFile(file, "handbook.md");
      assertEquals("replaced", r.status());
      assertTrue(r.tokens() > 1000, "counted " + r.tokens());
      assertEquals(r.tokens(), kb.totalTokens());
    }
    try (KnowledgeBase kb = open()) {
      assertEquals("unchanged", kb.ingestFile(file, "handbook.md").status());
    }
  }

  @Test
  void aPreparedIngestReportsProgressAndAnOversizeDocumentIsRefusedFirst() throws IOException {
    Path file = tmp.resolve("handbook.md");
    Files.writeString(file, handbook(20));
    try (KnowledgeBase kb = open()) {
      DocumentTooLargeException big =
          assertThrows(DocumentTooLargeException.class, () -> kb.prepare(file, "handbook.md", 500));
      assertTrue(big.getMessage().startsWith("handbook.md has more than 500 tokens"));
      assertTrue(kb.sources().isEmpty(), "nothing was ingested");
      KnowledgeBase.Prepared p = kb.prepare(file, "handbook.md", 100_000);
      assertTrue(p.chunks() > 4, p.chunks() + " chunks");
      List<Integer> done = new ArrayList<>();
      KnowledgeBase.FileResult r = kb.ingest(p, 2, done::add);
      assertEquals("added", r.status());
      assertEquals(p.chunks(), done.getLast());
      assertTrue(done.size() >= p.chunks() / 2, "progress after every step: " + done);
      for (int i = 1; i < done.size(); i++) {
        assertTrue(done.get(i) > done.get(i - 1), "progress only advances: " + done);
      }
      assertEquals(
          "handbook.md",
          kb.search("spare key number 155", 1, HybridIndex.Mode.HYBRID, null)
              .getFirst()
              .chunk()
              .source());
      assertTrue(kb.prepare(file, "handbook.md", 100_000).unchanged());
    }
  }

  @Test
  void extractiveAnswersCiteTheirSourcesAndCountTheirTokens() throws IOException {
    try (KnowledgeBase kb = open()) {
      kb.ingest(List.of(docs()), line -> {});
      Answerer.Answer a = new Answerer(kb, null).ask("How much does parking cost?", 2);
      assertEquals("extractive", a.mode());
      assertTrue(a.answer().contains("costs 15 USD per night. [1]"), a.answer());
      assertEquals("docs/faq/checkin.html", a.citations().getFirst().source());
      assertEquals(List.of("Parking"), a.citations().getFirst().titles());
      assertTrue(a.contextTokens() > 0 && a.contextTokens() < a.knowledgeBaseTokens());
      assertEquals(kb.totalTokens(), a.knowledgeBaseTokens());
      assertEquals(1, kb.answers());
      assertEquals(a.contextTokens(), kb.contextTokens());
    }
    try (KnowledgeBase kb = open()) {
      assertEquals(1, kb.answers(), "totals persist");
    }
  }

  @Test
  void aConfiguredModelAnswersOnlyFromThePassages() throws Exception {
    try (FakeOpenAi fake = FakeOpenAi.answering(180, 9, "Parking costs 15 USD per night [1].");
        KnowledgeBase kb = open()) {
      kb.ingest(List.of(docs()), line -> {});
      Answerer.Answer a = new Answerer(kb, fake.client()).ask("How much does parking cost?", 2);
      assertEquals("llm", a.mode());
      assertEquals("Parking costs 15 USD per night [1].", a.answer());
      assertEquals(180, a.contextTokens());
      String sent = fake.bodies().getFirst();
      assertNotNull(sent);
      assertTrue(
          sent.contains(Answerer.NOT_FOUND), "the model is told what to say without an answer");
      assertTrue(sent.contains("[1] (docs/faq/checkin.html § Parking)"), sent);
      assertTrue(sent.contains("Parking in the garage costs 15 USD per night."));
    }
  }

  @Test
  void searchOfAnEmptyQueryIsAnError() {
    try (KnowledgeBase kb = open()) {
      KnowledgeException e =
          assertThrows(
              KnowledgeException.class, () -> kb.search(" ", 3, HybridIndex.Mode.HYBRID, null));
      assertNull(e.getCause());
    }
  }

  @Test
  void chineseBasesUseASegmenterAndTheChineseEncoder() throws IOException {
    Path docs = tmp.resolve("zh");
    Files.createDirectories(docs);
    Files.writeString(
        docs.resolve("政策.md"),
        "# 酒店政策\n\n## 取消\n\n入住前二十四小时可以免费取消预订。\n\n## 宠物\n\n酒店不允许携带宠物入住，导盲犬除外。\n\n"
            + "## 早餐\n\n早餐时间为早上六点半到十点。\n");
    try (KnowledgeBase kb =
        KnowledgeBase.open(
            tmp.resolve("kb-zh"), new KnowledgeBase.Settings("zh", 256, 48), 1 << 20)) {
      assertEquals(0, kb.ingest(List.of(docs), line -> {}).failed());
      assertTrue(kb.index().terms("免费取消预订").contains("取消"), kb.index().terms("免费取消预订").toString());
      for (HybridIndex.Mode mode : HybridIndex.Mode.values()) {
        List<KnowledgeBase.Passage> hits = kb.search("可以带狗吗", 1, mode, null);
        if (mode != HybridIndex.Mode.BM25) {
          assertEquals(List.of("酒店政策", "宠物"), hits.getFirst().chunk().titles(), mode.name());
        }
      }
      assertEquals(
          List.of("酒店政策", "取消"),
          kb.search("怎么取消预订", 1, HybridIndex.Mode.BM25, null).getFirst().chunk().titles());
    }
  }
}
