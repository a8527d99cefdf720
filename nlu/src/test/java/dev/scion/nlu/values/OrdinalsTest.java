package dev.scion.nlu.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OrdinalsTest {
  @Test
  void positionsInWordsDigitsAndChinese() {
    assertEquals(OptionalInt.of(1), Ordinals.position("the first one pls"));
    assertEquals(OptionalInt.of(2), Ordinals.position("I'll take the second"));
    assertEquals(OptionalInt.of(3), Ordinals.position("number 3"));
    assertEquals(OptionalInt.of(2), Ordinals.position("option #2 looks good"));
    assertEquals(OptionalInt.of(2), Ordinals.position("the 2nd one"));
    assertEquals(OptionalInt.of(1), Ordinals.position("第一个 帮我订了"));
    assertEquals(OptionalInt.of(2), Ordinals.position("第2家吧"));
    assertEquals(OptionalInt.of(1), Ordinals.position("头一个就行"));
  }

  @Test
  void daysAndPlainNumbersAreNoPosition() {
    assertEquals(OptionalInt.empty(), Ordinals.position("from the 1st to the 3rd"));
    assertEquals(OptionalInt.empty(), Ordinals.position("2 nights for 3 people"));
    assertEquals(OptionalInt.empty(), Ordinals.position("12月24号"));
  }
}
