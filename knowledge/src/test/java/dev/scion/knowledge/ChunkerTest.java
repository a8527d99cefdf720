package dev.scion.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  /** Words as tokens: predictable sizes for the test. */
  static int words(String s) {
    return s.isBlank() ? 0 : s.strip().split("\\s+").length;
  }

  static Extracted doc(List<Block> blocks) {
    return Extractor.withOffsets("doc.md", null, blocks);
  }

  static Block h(int level, String t) {
    return new Block(Block.Kind.HEADING, level, t, 0, 0);
  }

  static Block p(String t) {
    return new Block(Block.Kind.PARAGRAPH, 0, t, 0, 0);
  }

  @Test
  void chunksFollowSectionsAndCarryTheirHeadings() {
    Extracted d =
        doc(
            List.of(
                h(1, "Policies"),
                h(2, "Cancellation"),
                p("Free cancellation until a day before."),
                h(2, "Pets"),
                p("Pets are not allowed."),
                h(1, "Rooms"),
                p("All rooms have a balcony.")));
    List<Chunk> chunks = new Chunker(40, 8, ChunkerTest::words).chunks(d);
    assertEquals(3, chunks.size());
    assertEquals(List.of("Policies", "Cancellation"), chunks.get(0).titles());
    assertEquals(List.of("Policies", "Pets"), chunks.get(1).titles());
    assertEquals(List.of("Rooms"), chunks.get(2).titles());
    assertEquals("doc.md § Policies > Pets", chunks.get(1).citation());
    for (Chunk c : chunks) {
      assertEquals(c.text(), d.text().substring(c.start(), c.end()));
    }
  }

  @Test
  void longSectionsSplitBetweenSentencesWithOverlap() {
    List<Block> blocks = new ArrayList<>();
    blocks.add(h(1, "Breakfast"));
    for (int i = 0; i < 6; i++) {
      blocks.add(
          p(
              "Sentence "
                  + i
                  + " has exactly six words. And another sentence "
                  + i
                  + " follows here."));
    }
    Extracted d = doc(blocks);
    List<Chunk> chunks = new Chunker(30, 8, ChunkerTest::words).chunks(d);
    assertTrue(chunks.size() >= 3, chunks.toString());
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      assertTrue(c.tokens() <= 30 + 8, c.tokens() + ": " + c.text());
      if (i > 0) {
        assertTrue(
            c.start() < chunks.get(i - 1).end(), "chunk " + i + " overlaps the previous one");
      }
    }
    assertEquals(d.blocks().getLast().end(), chunks.getLast().end());
  }

  @Test
  void tablesStayWholeWhenTheyFitAndRepeatTheirHeaderOtherwise() {
    String small = "Room | Price\nStandard | 50\nSuite | 200";
    Extracted d = doc(List.of(p("Prices per night."), new Block(Block.Kind.TABLE, 0, small, 0, 0)));
    List<Chunk> chunks = new Chunker(40, 8, ChunkerTest::words).chunks(d);
    assertEquals(1, chunks.size());
    assertTrue(chunks.getFirst().text().endsWith(small));
    StringBuilder big = new StringBuilder("Room | Price");
    for (int i = 0; i < 30; i++) {
      big.append("\nRoom number ").append(i).append(" | ").append(100 + i);
    }
    Extracted d2 = doc(List.of(new Block(Block.Kind.TABLE, 0, big.toString(), 0, 0)));
    List<Chunk> parts = new Chunker(40, 8, ChunkerTest::words).chunks(d2);
    assertTrue(parts.size() > 2);
    for (Chunk c : parts.subList(1, parts.size())) {
      assertTrue(c.text().startsWith("Room | Price\n"), c.text());
    }
  }

  @Test
  void settingsAreChecked() {
    assertThrows(KnowledgeException.class, () -> new Chunker(8, 2, ChunkerTest::words));
    assertThrows(KnowledgeException.class, () -> new Chunker(100, 60, ChunkerTest::words));
  }
}
