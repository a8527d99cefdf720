package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.vector.AlreadyExistsException;
import dev.scion.vector.CollectionConfig;
import dev.scion.vector.Condition;
import dev.scion.vector.Distance;
import dev.scion.vector.Filter;
import dev.scion.vector.InvalidInputException;
import dev.scion.vector.NotFoundException;
import dev.scion.vector.Point;
import dev.scion.vector.PointId;
import dev.scion.vector.ScoredPoint;
import dev.scion.vector.ScrollPage;
import dev.scion.vector.SearchRequest;
import dev.scion.vector.VectorStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link VectorStore} does alike, embedded or remote: each store's class says where its
 * collections live. Search results are checked against an exact scan computed here, so two stores
 * that pass answer the same for the same data.
 */
abstract class VectorStoreConformance {
  /** The seed of the random vectors; {@code -Dtests.seed=N} replays another run. */
  static final long SEED = Long.getLong("tests.seed", 20_260_521L);

  static final int DIMENSION = 16;
  static final int POINTS = 300;
  static final String[] CITIES = {"Da Nang", "Hanoi", "Tokyo", "Kyoto"};

  @TempDir Path dir;
  VectorStore store;

  /** The store under test, keeping what it needs on disk under {@code dir}. */
  abstract VectorStore open(Path dir) throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    System.out.println(getClass().getSimpleName() + " seed " + SEED);
    store = open(dir);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** The random points of a run: vectors in [-1, 1), a city and a price in the payload. */
  static List<Point> points(long seed) {
    Random random = new Random(seed);
    List<Point> out = new ArrayList<>();
    for (int i = 1; i <= POINTS; i++) {
      float[] v = new float[DIMENSION];
      for (int d = 0; d < DIMENSION; d++) {
        v[d] = random.nextFloat() * 2 - 1;
      }
      ObjectNode payload = Http.JSON.createObjectNode();
      payload.put("city", CITIES[i % CITIES.length]).put("price", i * 10L);
      out.add(new Point(PointId.of(i), v, payload));
    }
    return out;
  }

  static float[] query(long seed) {
    Random random = new Random(seed ^ 0x5DEECE66DL);
    float[] q = new float[DIMENSION];
    for (int d = 0; d < DIMENSION; d++) {
      q[d] = random.nextFloat() * 2 - 1;
    }
    return q;
  }

  VectorStore.Collection hotels() {
    VectorStore.Collection c =
        store.create("hotels", new CollectionConfig(DIMENSION, Distance.COSINE));
    c.upsert(points(SEED), true);
    return c;
  }

  /** The best {@code limit} points passing {@code keep}, by an exact cosine scan. */
  static List<ScoredPoint> exact(List<Point> points, float[] q, int limit, Set<String> cities) {
    return points.stream()
        .filter(p -> cities == null || cities.contains(p.payload().get("city").asText()))
        .map(p -> new ScoredPoint(p.id(), Distance.COSINE.score(q, p.vector()), null, null))
        .sorted(
            Comparator.comparingDouble((ScoredPoint h) -> -h.score())
                .thenComparing(ScoredPoint::id))
        .limit(limit)
        .toList();
  }

  static void assertSameHits(List<ScoredPoint> expected, List<ScoredPoint> actual) {
    assertEquals(
        expected.stream().map(ScoredPoint::id).toList(),
        actual.stream().map(ScoredPoint::id).toList(),
        "ids in score order, seed " + SEED);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-5, "score #" + i);
    }
  }

  @Test
  void createsOnceAndRefusesADuplicate() {
    assertFalse(store.exists("hotels"));
    VectorStore.Collection c =
        store.create("hotels", new CollectionConfig(DIMENSION, Distance.COSINE));
    assertEquals("hotels", c.name());
    assertTrue(store.exists("hotels"));
    AlreadyExistsException e =
        assertThrows(
            AlreadyExistsException.class,
            () -> store.create("hotels", new CollectionConfig(4, Distance.DOT)));
    assertTrue(e.getMessage().contains("hotels"), e.getMessage());
    CollectionConfig config = store.collection("hotels").config();
    assertEquals(DIMENSION, config.dimension());
    assertEquals(Distance.COSINE, config.distance());
  }

  @Test
  void pointsComeBackWithTheirPayload() {
    VectorStore.Collection c = hotels();
    List<Point> got =
        c.retrieve(List.of(PointId.of(7), PointId.of(999), PointId.of(3)), true, true);
    assertEquals(List.of(PointId.of(7), PointId.of(3)), got.stream().map(Point::id).toList());
    assertEquals("Kyoto", got.getFirst().payload().get("city").asText());
    assertEquals(70, got.getFirst().payload().get("price").asLong());
    float[] stored = got.getFirst().vector();
    assertEquals(DIMENSION, stored.length);
    // cosine vectors are kept normalized: the same direction as the one written
    assertEquals(1.0, Distance.COSINE.score(stored, points(SEED).get(6).vector()), 1e-5);
    List<Point> bare = c.retrieve(List.of(PointId.of(7)), false, false);
    assertNull(bare.getFirst().vector());
  }

  @Test
  void searchRanksByCosineAsAnExactScanDoes() {
    VectorStore.Collection c = hotels();
    float[] q = query(SEED);
    List<ScoredPoint> truth = exact(points(SEED), q, 10, null);
    assertSameHits(truth, c.search(SearchRequest.of(q, 10).withExact(true)));
    assertSameHits(truth, c.search(SearchRequest.of(q, 10)));
    List<ScoredPoint> withPayload = c.search(SearchRequest.of(q, 3));
    assertTrue(withPayload.getFirst().payload().has("city"));
  }

  @Test
  void aFilterOnAPayloadFieldKeepsOnlyMatchingPoints() {
    VectorStore.Collection c = hotels();
    float[] q = query(SEED);
    Filter hanoi = Filter.must(new Condition.Match("city", "Hanoi"));
    List<ScoredPoint> hits = c.search(SearchRequest.of(q, 5).withFilter(hanoi));
    assertSameHits(exact(points(SEED), q, 5, Set.of("Hanoi")), hits);
    hits.forEach(h -> assertEquals("Hanoi", h.payload().get("city").asText()));
    assertEquals(POINTS / CITIES.length, c.count(hanoi));
    Filter cheap = Filter.must(new Condition.Range("price", null, null, 100.0, null));
    assertEquals(9, c.count(cheap));
  }

  @Test
  void scrollPagesThroughEveryPointInIdOrder() {
    VectorStore.Collection c = hotels();
    List<PointId> seen = new ArrayList<>();
    PointId offset = null;
    int pages = 0;
    do {
      ScrollPage page = c.scroll(null, offset, 64, true, false);
      page.points().forEach(p -> seen.add(p.id()));
      offset = page.nextOffset();
      pages++;
    } while (offset != null);
    assertEquals(5, pages);
    assertEquals(IntStream.rangeClosed(1, POINTS).mapToObj(PointId::of).toList(), seen);
    ScrollPage kyoto =
        c.scroll(Filter.must(new Condition.Match("city", "Kyoto")), PointId.of(10), 3, true, false);
    assertEquals(
        List.of(PointId.of(11), PointId.of(15), PointId.of(19)),
        kyoto.points().stream().map(Point::id).toList());
    assertEquals(PointId.of(23), kyoto.nextOffset());
  }

  @Test
  void deletedPointsAreGoneFromEverything() {
    VectorStore.Collection c = hotels();
    c.delete(List.of(PointId.of(1), PointId.of(2), PointId.of(1000)), true);
    assertEquals(POINTS - 2, c.count(null));
    assertTrue(c.retrieve(List.of(PointId.of(1), PointId.of(2)), true, false).isEmpty());
    float[] q = points(SEED).get(0).vector();
    assertTrue(
        c.search(SearchRequest.of(q, 20)).stream()
            .noneMatch(h -> h.id().equals(PointId.of(1)) || h.id().equals(PointId.of(2))));
  }

  @Test
  void badInputIsRefusedAndNothingIsWritten() {
    VectorStore.Collection c = hotels();
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> c.upsert(List.of(new Point(PointId.of(5000), new float[3], null)), true));
    assertTrue(e.getMessage().contains("3"), e.getMessage());
    assertEquals(POINTS, c.count(null));
    assertThrows(
        InvalidInputException.class,
        () -> store.create("no/slashes", new CollectionConfig(4, Distance.DOT)));
  }

  @Test
  void aDeletedCollectionIsNotFound() {
    hotels();
    assertTrue(store.delete("hotels"));
    assertFalse(store.delete("hotels"));
    assertFalse(store.exists("hotels"));
    NotFoundException e = assertThrows(NotFoundException.class, () -> store.collection("hotels"));
    assertTrue(e.getMessage().contains("hotels"), e.getMessage());
  }
}
