package dev.scion.datakit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityFilterTest {
  static final String GOOD =
      "Our hotel stands on the beach road of Da Nang, a short walk from the market and the old"
          + " bridge. Every room has a balcony with a view of the sea, and the larger ones have a"
          + " small kitchen as well. Breakfast is served in the garden from six until ten, and the"
          + " staff will gladly arrange a car to the airport or a boat trip to the islands.\n"
          + "Children under six stay free of charge when they share the bed of their parents.\n"
          + "Pets are welcome in the ground floor rooms if you tell us about them in advance.";

  private final QualityFilter all = new QualityFilter(List.of("gopher", "c4", "fineweb"), Map.of());

  @Test
  void ordinaryProsePassesEveryRuleSet() {
    assertNull(all.check(GOOD));
  }

  @Test
  void eachRuleNamesItself() {
    assertEquals("gopher.min_words", all.check("Too short to be a document."));
    String symbols = GOOD + " " + "#tag ".repeat(40);
    assertEquals("gopher.symbol_word_ratio", all.check(symbols));
    String noStop = "Lovely rooms, sunny balconies, quiet gardens. ".repeat(12);
    assertTrue(all.check(noStop).startsWith("gopher."), all.check(noStop));
    String repeated = (GOOD.lines().findFirst().orElseThrow() + "\n").repeat(4);
    assertTrue(all.check(repeated).startsWith("gopher.duplicate"), all.check(repeated));
    assertEquals("c4.lorem_ipsum", all.check(GOOD + "\nLorem ipsum dolor sit amet."));
    assertEquals("c4.curly_bracket", all.check(GOOD + "\nfunction f() { return 1; }."));
    String list =
        String.join(
            "\n", java.util.Collections.nCopies(1, GOOD.replace(". ", "\n").replace(".", "")));
    assertTrue(
        List.of("c4.sentences", "fineweb.line_punct").contains(all.check(list)), all.check(list));
  }

  @Test
  void thresholdsCanBeOverriddenAndUnknownOnesAreRejected() {
    QualityFilter lenient = new QualityFilter(List.of("gopher"), Map.of("gopher.min_words", 3.0));
    assertNull(lenient.check("The room and the view of the sea were lovely."));
    DataException e =
        assertThrows(
            DataException.class,
            () -> new QualityFilter(List.of("gopher"), Map.of("gopher.min_wrods", 3.0)));
    assertTrue(e.getMessage().contains("gopher.min_words"), e.getMessage());
    assertThrows(DataException.class, () -> new QualityFilter(List.of("refinedweb"), Map.of()));
  }
}
