package dev.scion.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection whose files are damaged does not keep the database from opening: the others open
 * normally, the damaged one is listed as unavailable with the reason naming the file (relative to
 * the data folder), and it can be restored from a snapshot or deleted.
 */
class DamagedCollectionTest {
  @TempDir Path dir;

  private static void fill(VectorCollection c, int n) {
    for (int i = 0; i < n; i++) {
      c.upsert(List.of(new Point(PointId.of(i), new float[] {i, 1, 2}, null)), false);
    }
    c.upsert(List.of(), true);
  }

  private static Path segmentOf(Path root, String name) throws Exception {
    try (Stream<Path> s = Files.list(root.resolve("collections").resolve(name))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".bin")).findFirst().orElseThrow();
    }
  }

  @Test
  void damagedCollectionsAreUnavailableAndTheOthersServe() throws Exception {
    SnapshotInfo snapshot;
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      for (String name : List.of("a", "b", "c")) {
        fill(db.create(name, new CollectionConfig(3, Distance.EUCLID)), 20);
      }
      snapshot = db.createSnapshot("a");
      db.collection("a").checkpoint();
    }
    Path segment = segmentOf(dir, "a");
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(segment, bytes);
    Files.writeString(dir.resolve("collections/b/collection.json"), "{\"dimension\":");

    try (VectorDatabase db = VectorDatabase.open(dir)) {
      assertEquals(20, db.collection("c").count(null), "the sound collection serves");
      assertEquals(List.of("c"), db.names());
      Map<String, String> unavailable = db.unavailable();
      assertEquals(List.of("a", "b"), List.copyOf(unavailable.keySet()));
      String segmentName = "collections/a/" + segment.getFileName();
      assertTrue(unavailable.get("a").contains(segmentName), unavailable.get("a"));
      assertTrue(unavailable.get("a").contains("checksum"), unavailable.get("a"));
      assertTrue(
          unavailable.get("b").contains("collections/b/collection.json"), unavailable.get("b"));
      for (String reason : unavailable.values()) {
        assertFalse(reason.contains(dir.toString()), "no server path in " + reason);
        assertFalse(reason.contains("\n"), "one line: " + reason);
      }

      CollectionUnavailableException refused =
          assertThrows(CollectionUnavailableException.class, () -> db.collection("a"));
      assertTrue(refused.getMessage().contains(segmentName), refused.getMessage());
      assertTrue(refused.getMessage().contains("snapshot"), refused.getMessage());
      assertTrue(db.exists("a"));
      assertThrows(
          AlreadyExistsException.class,
          () -> db.create("a", new CollectionConfig(3, Distance.EUCLID)));
      assertThrows(CollectionUnavailableException.class, () -> db.createSnapshot("a"));

      assertEquals(List.of(snapshot), db.snapshots("a"), "its snapshots can still be listed");
      VectorCollection restored = db.recoverSnapshot("a", db.snapshotFile("a", snapshot.name()));
      assertEquals(20, restored.count(null));
      assertTrue(db.delete("b"), "a damaged collection can be deleted");
      assertFalse(Files.exists(dir.resolve("collections/b")));
      assertEquals(List.of("a", "c"), db.names());
      assertTrue(db.unavailable().isEmpty());
    }
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      assertEquals(List.of("a", "c"), db.names());
      assertTrue(db.unavailable().isEmpty());
    }
  }
}
