package dev.scion.datakit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageStepTest {
  @Test
  void detectsAndKeepsLanguages() {
    try (LanguageStep step = new LanguageStep(List.of(), List.of("en", "zh"), 0)) {
      assertEquals("en", step.detect("Is breakfast included in the price of the room?").getKey());
      assertEquals("zh", step.detect("请问房价包含早餐吗？").getKey());
      assertEquals("vi", step.detect("Giá phòng đã bao gồm bữa sáng chưa?").getKey());
      assertEquals("fr", step.detect("Le petit déjeuner est-il compris dans le prix ?").getKey());
      ObjectNode doc = Jsonl.JSON.createObjectNode();
      String text = "Le petit déjeuner est-il compris dans le prix de la chambre ?";
      doc.put("text", text);
      assertEquals("language.fr", step.apply(doc, text));
      assertEquals("fr", doc.get("lang").asText());
      assertTrue(doc.get("lang_confidence").asDouble() > 0.5);
      ObjectNode en = Jsonl.JSON.createObjectNode();
      assertNull(step.apply(en, "The pool is open from seven in the morning."));
    }
  }

  @Test
  void unknownCodesAreRejected() {
    DataException e =
        assertThrows(
            DataException.class, () -> new LanguageStep(List.of("en", "xx"), List.of(), 0));
    assertTrue(e.getMessage().contains("'xx'"));
    assertThrows(
        DataException.class, () -> new LanguageStep(List.of("en", "fr"), List.of("zh"), 0));
  }
}
