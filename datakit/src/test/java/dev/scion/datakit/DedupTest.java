package dev.scion.datakit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupTest {
  @TempDir Path dir;

  static final String BASE =
      "The hotel in Da Nang has an outdoor pool and a view of the sea; breakfast is served from"
          + " six to ten in the garden restaurant, and guests may borrow bicycles for free to ride"
          + " along the beach road towards the old town of Hoi An in the late afternoon.";

  private Path write(List<String> texts) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      ObjectNode o = Jsonl.JSON.createObjectNode();
      o.put("id", "d" + i);
      o.put("text", texts.get(i));
      lines.add(o.toString());
    }
    Path in = dir.resolve("in.jsonl");
    Files.write(in, lines);
    return in;
  }

  private List<String> ids(Path out) throws IOException {
    List<String> ids = new ArrayList<>();
    Jsonl.read(out, BadLines.fail(), Progress.silent(), d -> ids.add((String) d.id()));
    return ids;
  }

  @Test
  void exactKeepsTheFirstOfTextsEqualAfterNormalization() throws IOException {
    Path in =
        write(
            List.of(
                "Free  breakfast\tfor two",
                "free breakfast for two",
                "Free breakfast for three",
                "ＦＲＥＥ breakfast for two "));
    Path out = dir.resolve("out.jsonl");
    StepReport r = Dedup.run(in, out, new ExactDedup(), BadLines.fail(), Progress.silent());
    assertEquals(List.of("d0", "d2"), ids(out));
    assertEquals(4, r.input());
    assertEquals(2, r.kept());
    assertEquals(List.of(List.<Object>of("d0", "d1", "d3")), r.clusters());
    Map<String, Object> json = r.toJson();
    assertEquals(2, json.get("removed"));
  }

  @Test
  void minhashJoinsLightEditsAndKeepsRewrites() throws IOException {
    String light = BASE.replace("late afternoon", "late evening"); // the last of 50 words
    String heavy =
        "Guests of the Da Nang hotel can swim in the pool, look at the sea, eat breakfast in the"
            + " garden and ride free bicycles to Hoi An.";
    Path in = write(List.of(BASE, heavy, light, BASE.toUpperCase(java.util.Locale.ROOT)));
    Path out = dir.resolve("out.jsonl");
    try (MinHashDedup d = new MinHashDedup(MinHashDedup.Options.DEFAULT)) {
      StepReport r = Dedup.run(in, out, d, BadLines.fail(), Progress.silent());
      assertEquals(List.of("d0", "d1"), ids(out));
      assertEquals(List.of(List.<Object>of("d0", "d2", "d3")), r.clusters());
      assertTrue(d.candidates() >= 2);
    }
  }

  @Test
  void minhashEstimatesJaccard() {
    // seed pinned: estimates of the same sets are reproducible
    MinHash m = new MinHash(1, 256, 42);
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    for (int trial = 0; trial < 20; trial++) {
      int shared = random.nextInt(50, 400);
      int onlyA = random.nextInt(0, 200);
      int onlyB = random.nextInt(0, 200);
      int[] a = new int[shared + onlyA];
      int[] b = new int[shared + onlyB];
      int next = trial * 100_000;
      for (int i = 0; i < shared; i++) {
        a[i] = b[i] = next++;
      }
      for (int i = 0; i < onlyA; i++) {
        a[shared + i] = next++;
      }
      for (int i = 0; i < onlyB; i++) {
        b[shared + i] = next++;
      }
      int[] sa = m.signature(a);
      int[] sb = m.signature(b);
      int agree = 0;
      for (int i = 0; i < sa.length; i++) {
        agree += sa[i] == sb[i] ? 1 : 0;
      }
      double exact = (double) shared / (shared + onlyA + onlyB);
      double estimate = agree / 256.0;
      assertEquals(exact, estimate, 0.1, "trial " + trial);
    }
  }

  @Test
  void bandsCatchPairsAtTheThreshold() {
    for (double t : new double[] {0.5, 0.7, 0.8, 0.9}) {
      int b = MinHash.bands(t, 128);
      int r = 128 / b;
      double atThreshold = 1 - Math.pow(1 - Math.pow(t, r), b);
      assertTrue(atThreshold >= MinHash.RECALL_AT_THRESHOLD, t + ": " + b + "x" + r);
      double halfway = 1 - Math.pow(1 - Math.pow(t / 2, r), b);
      assertTrue(halfway < 0.5, t + ": dissimilar pairs mostly pass untested, " + halfway);
    }
  }

  @Test
  void shinglesOfChineseAreCharacters() {
    MinHash m = new MinHash(2, 16, 1);
    assertEquals(4, m.shingles("北京的酒店").length);
    assertEquals(1, m.shingles("hotel").length);
    assertEquals(0, m.shingles("  ,.; ").length);
  }

  @Test
  void semanticJoinsParaphrasesAndKeepsDifferentQuestions() throws IOException {
    Path in =
        write(
            List.of(
                "The room was clean and quiet.",
                "Breakfast costs ten dollars per person.",
                "The room was quiet and clean.",
                "How much is breakfast per person?"));
    Path out = dir.resolve("out.jsonl");
    try (SemanticDedup d = new SemanticDedup(SemanticDedup.Options.DEFAULT)) {
      StepReport r = Dedup.run(in, out, d, BadLines.fail(), Progress.silent());
      assertEquals(List.of(List.<Object>of("d0", "d2")), r.clusters());
      assertEquals(List.of("d0", "d1", "d3"), ids(out));
    }
  }
}
