package dev.scion.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HnswSearchTest {
  @TempDir Path dir;

  /** A threshold of 0 forces the graph walk even for small collections. */
  static CollectionConfig graphOnly(int dim, Distance d) {
    return new CollectionConfig(dim, d, new HnswParams(16, 100, 0));
  }

  @ParameterizedTest
  @EnumSource(Distance.class)
  void graphSearchRecallsAtLeast95PercentOfExactTop10(Distance distance) {
    Random random = new Random(TestData.seed("recall-" + distance));
    float[][] data = TestData.clustered(random, 5000, 48, 20);
    if (distance == Distance.DOT) {
      // Dot is used with (nearly) normalized embeddings; raw MIPS is not what HNSW is for.
      for (float[] v : data) {
        TestData.scale(v, (float) ((0.9 + 0.2 * random.nextDouble()) / TestData.norm(v)));
      }
    }
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.create("c", graphOnly(48, distance));
      c.upsert(TestData.points(data), false);
      double recall = 0;
      int queries = 100;
      for (int q = 0; q < queries; q++) {
        float[] query = data[random.nextInt(data.length)].clone();
        query[0] += 0.5f;
        List<PointId> truth = TestData.exactTopK(c, query, 10, null);
        recall += TestData.recall(truth, c.search(SearchRequest.of(query, 10).withEf(200)));
      }
      recall /= queries;
      System.out.printf(java.util.Locale.ROOT, "recall@10 %s = %.3f%n", distance, recall);
      assertTrue(recall >= 0.95, "recall@10 " + recall);
      assertTrue(c.info().quantized(), "collections past the training size are quantized");
    }
  }

  @Test
  void scoresFollowQdrantConventions() {
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection e = db.create("e", new CollectionConfig(2, Distance.EUCLID));
      e.upsert(List.of(new Point(PointId.of(1), new float[] {3, 4}, null)), true);
      assertEquals(5f, e.search(SearchRequest.of(new float[] {0, 0}, 1)).getFirst().score(), 1e-6);
      VectorCollection c = db.create("c", new CollectionConfig(2, Distance.COSINE));
      c.upsert(List.of(new Point(PointId.of(1), new float[] {10, 0}, null)), true);
      assertEquals(1f, c.search(SearchRequest.of(new float[] {3, 0}, 1)).getFirst().score(), 1e-6);
      float[] stored = c.retrieve(List.of(PointId.of(1)), false, true).getFirst().vector();
      assertEquals(1f, stored[0], 1e-6, "cosine vectors are stored normalized");
      VectorCollection d = db.create("d", new CollectionConfig(2, Distance.DOT));
      d.upsert(List.of(new Point(PointId.of(1), new float[] {2, 3}, null)), true);
      assertEquals(13f, d.search(SearchRequest.of(new float[] {2, 3}, 1)).getFirst().score(), 1e-5);
    }
  }

  @Test
  void replacedAndDeletedPointsNeverAppearAndOffsetPages() {
    Random random = new Random(TestData.seed("replace"));
    float[][] data = TestData.clustered(random, 2000, 16, 5);
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.create("c", graphOnly(16, Distance.EUCLID));
      c.upsert(TestData.points(data), false);
      c.delete(List.of(PointId.of(0), PointId.of(1)), false);
      float[] far = new float[16];
      java.util.Arrays.fill(far, 1000);
      c.upsert(List.of(new Point(PointId.of(2), far, null)), false);
      assertEquals(1998, c.count(null));
      List<ScoredPoint> hits = c.search(SearchRequest.of(data[0], 20));
      assertTrue(
          hits.stream()
              .noneMatch(h -> h.id().equals(PointId.of(0)) || h.id().equals(PointId.of(1))));
      assertTrue(
          hits.stream().noneMatch(h -> h.id().equals(PointId.of(2))), "old vector of 2 is gone");
      List<ScoredPoint> page2 =
          c.search(new SearchRequest(data[5], 5, 5, null, 100, true, false, false, null));
      List<ScoredPoint> all = c.search(SearchRequest.of(data[5], 10).withExact(true));
      assertEquals(
          all.subList(5, 10).stream().map(ScoredPoint::id).toList(),
          page2.stream().map(ScoredPoint::id).toList());
    }
  }
}
