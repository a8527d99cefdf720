package dev.scion.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scion.models.FakeOpenAi;
import org.junit.jupiter.api.Test;

class PhrasingTest {
  static final String REPLY =
      "Done! Your booking number is SC12345678 (575.40 USD). A confirmation goes to lan@example.com.";

  /** Phrases {@link #REPLY} with a fake model that answers {@code text}. */
  private static String phraseWith(String text) {
    try (FakeOpenAi fake = FakeOpenAi.answering(50, 20, text)) {
      String out = new Phrasing(fake.client()).phrase(REPLY, "en");
      assertTrue(fake.bodies().getFirst().contains("add no facts"), fake.bodies().getFirst());
      return out;
    }
  }

  @Test
  void aPhrasingThatKeepsTheFactsIsUsed() throws Exception {
    String nice =
        "All set! Booking SC12345678 is confirmed for 575.40 USD, and we'll send the details to lan@example.com.";
    assertEquals(nice, phraseWith(nice));
  }

  @Test
  void aPhrasingThatChangesOrAddsFactsIsRefused() throws Exception {
    assertEquals(REPLY, phraseWith("All set! Booking SC12345678 is confirmed for 575 USD."));
    assertEquals(
        REPLY,
        phraseWith("Booking SC12345678 costs 575.40 USD, with a free upgrade worth 50 USD."));
    assertFalse(Phrasing.sameFacts("check-in 2026-12-11", "check-in 2026-12-12"));
    assertFalse(
        Phrasing.sameFacts("booking SC7K2M9QX4RT5A", "booking SC7K2M9QX4RZ5A"),
        "a booking code is a fact, letters and all");
  }
}
