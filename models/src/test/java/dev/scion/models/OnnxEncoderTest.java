package dev.scion.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxEncoderTest {
  static OnnxEncoder encoder;

  @BeforeAll
  static void load() {
    encoder = OnnxEncoder.load(OnnxEncoder.BGE_SMALL_EN_V15, 2, 1000);
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  static double cosine(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void matchesTheReferenceLangChain4jModelOnTheSameTexts() {
    var reference = new BgeSmallEnV15QuantizedEmbeddingModel();
    List<String> texts =
        List.of(
            "What is the cancellation policy?",
            "Book a hotel in Da Nang for the 10th",
            "a",
            "A much longer sentence about a family of four who want two connecting rooms near the beach with breakfast included.");
    float[][] ours = encoder.embed(texts);
    for (int i = 0; i < texts.size(); i++) {
      float[] theirs = reference.embed(texts.get(i)).content().vector();
      assertEquals(384, ours[i].length);
      assertTrue(
          cosine(ours[i], theirs) > 0.999, "text " + i + " cosine " + cosine(ours[i], theirs));
    }
  }

  @Test
  void similarMeaningsAreCloserThanUnrelatedOnes() {
    float[][] v =
        encoder.embed(
            List.of(
                "Can I cancel my booking for free?",
                "What is the refund policy if I cancel?",
                "The hotel has an outdoor swimming pool."));
    assertTrue(cosine(v[0], v[1]) > cosine(v[0], v[2]) + 0.1);
  }

  @Test
  void batchingAndCachingDoNotChangeResults() {
    String t = "Is breakfast included in the room rate?";
    float[] alone = encoder.embed(t);
    float[] inBatch =
        encoder
            .embed(
                List.of(
                    "short", t, "a rather longer text that forces padding in the batch of three"))[
            1];
    for (int i = 0; i < alone.length; i++) {
      assertEquals(alone[i], inBatch[i], 1e-4);
    }
    assertArrayEquals(alone, encoder.embed(t), "cached");
  }

  @Test
  void tokenStatesHaveOneRowPerToken() {
    float[][][] states = encoder.tokenStates(List.of("hello world"));
    assertEquals(encoder.countTokens("hello world"), states[0].length);
    assertEquals(384, states[0][0].length);
  }

  @Test
  void tokenCountsCoverTheWholeTextPastTheEncodersInputLimit() {
    StringBuilder text = new StringBuilder();
    int parts = 80;
    long sumOfParts = 0;
    int special = encoder.countTokens("");
    for (int i = 0; i < parts; i++) {
      String part =
          "Guests of room "
              + i
              + " may cancel free of charge until 24 hours before arrival; after that the first"
              + " night is charged, and breakfast (served 06:30-10:00) costs 15 USD per person. ";
      sumOfParts += encoder.countTokens(part) - special;
      text.append(part);
    }
    int count = encoder.countTokens(text.toString());
    assertTrue(count > 2000, "a text of " + parts + " long sentences counted " + count);
    assertEquals(sumOfParts + special, count, 2.0, "the whole count is the sum of its parts'");
    assertTrue(
        encoder.countTokens(text.toString(), 1000) > 1000
            && encoder.countTokens(text.toString(), 1000) < count,
        "a bounded count stops soon after its bound");
  }

  @Test
  void chineseEncoderPlacesParaphrasesTogether() {
    try (Encoders encoders = new Encoders(2, 100)) {
      OnnxEncoder zh = encoders.get(OnnxEncoder.BGE_SMALL_ZH_V15);
      assertEquals(512, zh.dimension());
      float[][] v = zh.embed(List.of("我想取消预订", "怎么退订酒店房间", "酒店有游泳池吗"));
      assertTrue(cosine(v[0], v[1]) > cosine(v[0], v[2]), "cancel ~ unsubscribe-room, not pool");
      assertEquals(384, encoders.get(OnnxEncoder.BGE_SMALL_EN_V15).dimension());
      assertThrows(ModelException.class, () -> encoders.get("nope"));
    }
  }

  @Test
  void unknownModelIsAClearError() {
    var e = assertThrows(ModelException.class, () -> OnnxEncoder.load("gpt-17", 1, 10));
    assertTrue(e.getMessage().contains("unknown encoder 'gpt-17'"));
  }
}
