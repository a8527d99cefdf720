package dev.scion.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
  @TempDir Path dir;

  @Test
  void badPointsRejectTheWholeBatchAndNameTheProblem() {
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.create("c", new CollectionConfig(3, Distance.COSINE));
      c.upsert(List.of(new Point(PointId.of(1), new float[] {1, 2, 3}, null)), true);
      var wrongDim =
          assertThrows(
              InvalidInputException.class,
              () ->
                  c.upsert(
                      List.of(
                          new Point(PointId.of(2), new float[] {1, 2, 3}, null),
                          new Point(PointId.of(3), new float[] {1, 2}, null)),
                      true));
      assertTrue(
          wrongDim.getMessage().contains("point 3 has 2 dimensions but collection 'c' expects 3"),
          wrongDim.getMessage());
      var nan =
          assertThrows(
              InvalidInputException.class,
              () ->
                  c.upsert(
                      List.of(new Point(PointId.of(4), new float[] {1, Float.NaN, 3}, null)),
                      true));
      assertTrue(nan.getMessage().contains("non-finite value at index 1"));
      assertThrows(
          InvalidInputException.class,
          () -> c.upsert(List.of(new Point(PointId.of(5), new float[] {0, 0, 0}, null)), true));
      assertThrows(
          InvalidInputException.class, () -> c.search(SearchRequest.of(new float[] {1}, 3)));
      assertEquals(1, c.count(null), "nothing of a rejected batch was written");
    }
  }

  @Test
  void namesAndExistenceAreChecked() {
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      assertThrows(
          InvalidInputException.class,
          () -> db.create("../etc", new CollectionConfig(3, Distance.DOT)));
      assertThrows(NotFoundException.class, () -> db.collection("nope"));
      db.create("a", new CollectionConfig(3, Distance.DOT));
      assertThrows(
          AlreadyExistsException.class,
          () -> db.create("a", new CollectionConfig(3, Distance.DOT)));
      assertThrows(InvalidInputException.class, () -> new CollectionConfig(0, Distance.DOT));
      assertThrows(InvalidInputException.class, () -> Distance.parse("Manhattan2"));
      assertThrows(InvalidInputException.class, () -> PointId.parse("not-an-id"));
    }
  }
}
