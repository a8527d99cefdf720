package dev.scion.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilteredSearchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private VectorCollection load(VectorDatabase db, Random random, int n, boolean indexed) {
    VectorCollection c = db.create("c", HnswSearchTest.graphOnly(32, Distance.COSINE));
    if (indexed) {
      c.createPayloadIndex("bucket", PayloadSchema.INTEGER);
      c.createPayloadIndex("color", PayloadSchema.KEYWORD);
    }
    float[][] data = TestData.clustered(random, n, 32, 10);
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ObjectNode p = JSON.createObjectNode();
      p.put("bucket", i % 100);
      p.put("color", i % 3 == 0 ? "red" : "blue");
      points.add(new Point(PointId.of(i), data[i], p));
    }
    c.upsert(points, false);
    return c;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void searchWithSkewedFilterStillFindsTopK(boolean indexed) {
    Random random = new Random(TestData.seed("selective-" + indexed));
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = load(db, random, 6000, indexed);
      Filter onePercent = Filter.must(new Condition.Match("bucket", 7L));
      Filter thirtyPercent = Filter.must(new Condition.Range("bucket", null, null, 30.0, null));
      double recall1 = 0;
      double recall30 = 0;
      for (int q = 0; q < 50; q++) {
        float[] query = TestData.clustered(random, 1, 32, 10)[0];
        List<ScoredPoint> hits = c.search(SearchRequest.of(query, 10).withFilter(onePercent));
        assertTrue(hits.stream().allMatch(h -> h.payload().get("bucket").asInt() == 7));
        recall1 += TestData.recall(TestData.exactTopK(c, query, 10, onePercent), hits);
        List<ScoredPoint> hits30 = c.search(SearchRequest.of(query, 10).withFilter(thirtyPercent));
        assertTrue(hits30.stream().allMatch(h -> h.payload().get("bucket").asInt() < 30));
        recall30 += TestData.recall(TestData.exactTopK(c, query, 10, thirtyPercent), hits30);
      }
      System.out.printf(
          java.util.Locale.ROOT,
          "filtered recall@10: 1%% = %.3f, 30%% = %.3f%n",
          recall1 / 50,
          recall30 / 50);
      assertEquals(1.0, recall1 / 50, 1e-9, "a 1% filter falls back to exact search");
      assertTrue(recall30 / 50 >= 0.95, "30% filter recall " + recall30 / 50);
    }
  }

  @Test
  void indexedAndScannedFiltersAgree() {
    Random random = new Random(TestData.seed("agree"));
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = load(db, random, 3000, false);
      Filter f =
          new Filter(
              List.of(new Condition.Range("bucket", null, 10.0, null, 50.0)),
              List.of(
                  new Condition.Match("color", "red"),
                  new Condition.MatchAny("bucket", List.of(11L, 12L))),
              List.of(new Condition.Match("bucket", 33L)));
      long scanned = c.count(f);
      c.createPayloadIndex("bucket", PayloadSchema.INTEGER);
      c.createPayloadIndex("color", PayloadSchema.KEYWORD);
      assertEquals(scanned, c.count(f));
      long expected = 0;
      for (int i = 0; i < 3000; i++) {
        int b = i % 100;
        boolean should = i % 3 == 0 || b == 11 || b == 12;
        if (b >= 10 && b <= 50 && should && b != 33) {
          expected++;
        }
      }
      assertEquals(expected, scanned);
    }
  }
}
