package dev.scion.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackFormatTest {
  @TempDir Path dir;

  private Path write(String text) throws Exception {
    Path f = dir.resolve("pack.md");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void readsIntentsWordsAndInlineSlots() throws Exception {
    List<Example> examples =
        PackFormat.read(
            write(
                """
                # hotel examples
                ## intent: book_hotel
                - book a room in [Da Nang](city) for [the 10th](check_in), please
                - 订[三间](rooms)房

                ## intents: book_hotel, ask_policy
                - a room in [Hanoi](city) and what's the cancellation policy?
                """));
    assertEquals(3, examples.size());
    Example first = examples.getFirst();
    assertEquals(
        List.of("book", "a", "room", "in", "Da", "Nang", "for", "the", "10th", ",", "please"),
        first.words());
    assertEquals(
        List.of("O", "O", "O", "O", "B-city", "I-city", "O", "B-check_in", "I-check_in", "O", "O"),
        first.tags());
    assertEquals(List.of("订", "三", "间", "房"), examples.get(1).words());
    assertEquals(List.of("O", "B-rooms", "I-rooms", "O"), examples.get(1).tags());
    assertEquals(List.of("book_hotel", "ask_policy"), examples.get(2).intents());
    assertTrue(examples.get(2).words().contains("what's"));
  }

  @Test
  void mistakesNameLineAndColumn() throws Exception {
    var unclosed =
        assertThrows(
            NluException.class,
            () -> PackFormat.read(write("## intent: a\n- book [Da Nang(city)\n")));
    assertTrue(
        unclosed
            .getMessage()
            .endsWith("pack.md:2:8: '[' is never closed; mark a slot as [text](slot)"),
        unclosed.getMessage());
    var noSlot =
        assertThrows(
            NluException.class,
            () -> PackFormat.read(write("## intent: a\n- book [Da Nang] now\n")));
    assertTrue(
        noSlot.getMessage().contains("pack.md:2:")
            && noSlot.getMessage().contains("must be followed by (slot_name)"),
        noSlot.getMessage());
    var orphan = assertThrows(NluException.class, () -> PackFormat.read(write("- hello\n")));
    assertTrue(
        orphan
            .getMessage()
            .contains("pack.md:1:1: this example comes before any '## intent:' heading"));
    var heading =
        assertThrows(NluException.class, () -> PackFormat.read(write("## greet\n- hi\n")));
    assertTrue(heading.getMessage().contains("a heading must be '## intent: NAME'"));
  }

  @Test
  void wordsSplitPunctuationKeepNumbersAndContractions() {
    assertEquals(
        List.of("I'd", "like", "2", "rooms", ",", "1,200", "VND", "each", "!"),
        Words.split("I'd like 2 rooms, 1,200 VND each!"));
    assertEquals(List.of("下", "周", "五", "去", "岘", "港"), Words.split("下周五去岘港"));
  }
}
