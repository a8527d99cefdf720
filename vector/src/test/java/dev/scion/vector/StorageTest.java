package dev.scion.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static List<Point> batch(Random random, int from, int n, int dim) {
    float[][] v = TestData.clustered(random, n, dim, 4);
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ObjectNode p = JSON.createObjectNode().put("n", from + i);
      points.add(new Point(PointId.of(from + i), v[i], p));
    }
    return points;
  }

  private static Path walFile(Path root) throws Exception {
    try (Stream<Path> s = Files.list(root.resolve("collections/c/wal"))) {
      return s.sorted().toList().getLast();
    }
  }

  @Test
  void acknowledgedWritesSurviveReopenFromLogAlone() {
    Random random = new Random(TestData.seed("reopen"));
    List<Point> points = batch(random, 0, 1500, 8);
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.create("c", new CollectionConfig(8, Distance.EUCLID));
      c.upsert(points, true);
      c.delete(List.of(PointId.of(3)), true);
    }
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.collection("c");
      assertEquals(1499, c.count(null));
      Point p = c.retrieve(List.of(PointId.of(42)), true, true).getFirst();
      assertEquals(42, p.payload().get("n").asInt());
      assertArrayEquals(points.get(42).vector(), p.vector());
      assertTrue(c.retrieve(List.of(PointId.of(3)), true, false).isEmpty());
    }
  }

  @Test
  void tornTailOfTheLogIsCutAndEarlierRecordsKept() throws Exception {
    Random random = new Random(TestData.seed("torn"));
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.create("c", new CollectionConfig(8, Distance.COSINE));
      c.upsert(batch(random, 0, 10, 8), true);
      c.upsert(batch(random, 10, 10, 8), true);
    }
    Path wal = walFile(dir);
    long size = Files.size(wal);
    // A crash in the middle of an append leaves half a record: simulate with a partial copy of one.
    byte[] all = Files.readAllBytes(wal);
    Files.write(wal, java.util.Arrays.copyOfRange(all, 0, 37), StandardOpenOption.APPEND);
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.collection("c");
      assertEquals(20, c.count(null));
      assertEquals(size, Files.size(wal), "the torn tail was cut");
      c.upsert(batch(random, 20, 5, 8), true);
    }
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      assertEquals(25, db.collection("c").count(null), "appends after the repair are readable");
    }
  }

  /** The byte offsets at which the records of a log file start. */
  static List<Long> recordStarts(byte[] log) {
    List<Long> starts = new ArrayList<>();
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(log);
    for (int pos = 0; pos + 8 <= log.length; pos += 8 + buf.getInt(pos)) {
      starts.add((long) pos);
    }
    return starts;
  }

  @Test
  void damagedRecordsInTheMiddleOfTheLogAreSkippedReportedAndLaterRecordsKept() throws Exception {
    Random random = new Random(TestData.seed("midlog"));
    List<List<Point>> batches = new ArrayList<>();
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.create("c", new CollectionConfig(8, Distance.EUCLID));
      for (int b = 0; b < 5; b++) {
        batches.add(batch(random, b * 10, 10, 8));
        c.upsert(batches.getLast(), true);
      }
    }
    Path wal = walFile(dir);
    byte[] bytes = Files.readAllBytes(wal);
    List<Long> starts = recordStarts(bytes);
    assertEquals(5, starts.size());
    bytes[Math.toIntExact(starts.get(1))] ^= 0x10; // the length of record 2: its end is unknown
    bytes[Math.toIntExact(starts.get(3) + 40)] ^= 0x04; // a bit inside record 4
    Files.write(wal, bytes);
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.collection("c");
      assertEquals(30, c.count(null), "batches 1, 3 and 5 are kept");
      for (int b : new int[] {0, 2, 4}) {
        for (Point p : batches.get(b)) {
          Point got = c.retrieve(List.of(p.id()), true, true).getFirst();
          assertArrayEquals(p.vector(), got.vector());
          assertEquals(p.payload(), got.payload());
        }
      }
      assertEquals(bytes.length, Files.size(wal), "nothing was truncated");
      List<String> damage = c.damage();
      assertEquals(2, damage.size(), damage.toString());
      String name = "collections/c/wal/" + wal.getFileName();
      assertTrue(damage.getFirst().contains(name), damage.getFirst());
      assertTrue(damage.getFirst().contains("byte " + starts.get(1)), damage.getFirst());
      assertTrue(damage.get(1).contains("byte " + starts.get(3)), damage.get(1));
      assertTrue(damage.stream().noneMatch(d -> d.contains(dir.toString())), "relative names");
      c.upsert(batch(random, 100, 5, 8), true);
    }
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      assertEquals(35, db.collection("c").count(null), "appends after the damage are readable");
      assertEquals(2, db.collection("c").damage().size(), "the damage is still reported");
    }
  }

  @Test
  void leftoverTemporaryFilesOfACrashedCheckpointAreRemovedOnOpen() throws Exception {
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.create("c", new CollectionConfig(2, Distance.EUCLID));
      c.upsert(List.of(new Point(PointId.of(1), new float[] {1, 2}, null)), true);
      c.checkpoint();
      c.upsert(List.of(new Point(PointId.of(2), new float[] {3, 4}, null)), true);
    }
    Path c = dir.resolve("collections/c");
    List<Path> leftovers =
        List.of(
            c.resolve("segment-99999999999999999999.bin.tmp"),
            c.resolve("collection.json.tmp"),
            dir.resolve("collections/.recovering/c/segment-00000000000000000001.bin"),
            dir.resolve("snapshots/c/c-2026-01-01-00-00-00-000.snapshot.tmp"));
    for (Path p : leftovers) {
      Files.createDirectories(p.getParent());
      Files.write(p, new byte[] {1, 2, 3});
    }
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      assertEquals(2, db.collection("c").count(null));
      assertTrue(db.snapshots("c").isEmpty());
    }
    for (Path p : leftovers) {
      assertTrue(!Files.exists(p), p + " was removed");
    }
    assertTrue(!Files.exists(dir.resolve("collections/.recovering/c")));
  }

  private static long logBytes(Path root) throws Exception {
    try (Stream<Path> s = Files.list(root.resolve("collections/c/wal"))) {
      long n = 0;
      for (Path p : s.toList()) {
        n += Files.size(p);
      }
      return n;
    }
  }

  @Test
  void checkpointsFollowTheLogSizeSoARestartReplaysLittle() throws Exception {
    Random random = new Random(TestData.seed("checkpoint-size"));
    long limit = VectorCollection.CHECKPOINT_AFTER_LOG_BYTES;
    String padding = "x".repeat(4000);
    int perBatch = 100;
    int batches = (int) (3 * limit / (perBatch * 4000L)) + 1;
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.create("c", new CollectionConfig(4, Distance.DOT));
      for (int b = 0; b < batches; b++) {
        List<Point> points = batch(random, b * perBatch, perBatch, 4);
        points.forEach(p -> ((ObjectNode) p.payload()).put("padding", padding));
        c.upsert(points, true);
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (logBytes(dir) > limit && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(logBytes(dir) <= limit, "log of " + logBytes(dir) + " bytes was checkpointed");
    }
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      assertEquals((long) batches * perBatch, db.collection("c").count(null));
    }
  }

  @Test
  void checkpointThenLogReplayRestoresGraphAndRecentWrites() {
    Random random = new Random(TestData.seed("checkpoint"));
    float[] query;
    List<PointId> before;
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.create("c", HnswSearchTest.graphOnly(16, Distance.DOT));
      c.createPayloadIndex("n", PayloadSchema.INTEGER);
      c.upsert(batch(random, 0, 3000, 16), false);
      c.checkpoint();
      c.upsert(batch(random, 3000, 200, 16), true);
      c.delete(List.of(PointId.of(5)), true);
      query = batch(random, 0, 1, 16).getFirst().vector();
      before = c.search(SearchRequest.of(query, 10)).stream().map(ScoredPoint::id).toList();
    }
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.collection("c");
      assertEquals(3199, c.count(null));
      assertEquals(
          before, c.search(SearchRequest.of(query, 10)).stream().map(ScoredPoint::id).toList());
      assertEquals(1, c.count(Filter.must(new Condition.Match("n", 3100L))));
      assertEquals(PayloadSchema.INTEGER, c.info().payloadSchema().get("n"));
    }
  }

  @Test
  void compactionReclaimsDeletedPointsAndKeepsTheRest() {
    Random random = new Random(TestData.seed("compact"));
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.create("c", HnswSearchTest.graphOnly(8, Distance.EUCLID));
      c.upsert(batch(random, 0, 3000, 8), false);
      List<PointId> gone = new ArrayList<>();
      for (int i = 0; i < 3000; i += 2) {
        gone.add(PointId.of(i));
      }
      c.delete(gone, true);
      assertEquals(3000, c.info().indexedVectorsCount());
      c.compact();
      assertEquals(1500, c.info().indexedVectorsCount());
      assertEquals(0, c.info().deletedCount());
      assertEquals(1500, c.count(null));
      Point p = c.retrieve(List.of(PointId.of(7)), true, false).getFirst();
      assertEquals(7, p.payload().get("n").asInt());
    }
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      assertEquals(1500, db.collection("c").count(null));
    }
  }

  @Test
  void snapshotRestoresTheStateItWasTakenAt() {
    Random random = new Random(TestData.seed("snapshot"));
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.create("c", new CollectionConfig(8, Distance.EUCLID));
      c.upsert(batch(random, 0, 100, 8), true);
      SnapshotInfo snap = db.createSnapshot("c");
      c.upsert(batch(random, 100, 50, 8), true);
      c.delete(List.of(PointId.of(1)), true);
      assertEquals(List.of(snap), db.snapshots("c"));
      VectorCollection restored = db.recoverSnapshot("c", db.snapshotFile("c", snap.name()));
      assertEquals(100, restored.count(null));
      assertEquals(1, restored.retrieve(List.of(PointId.of(1)), true, false).size());
      VectorCollection copy = db.recoverSnapshot("copy", db.snapshotFile("c", snap.name()));
      assertEquals(100, copy.count(null));
    }
  }

  @Test
  void aRecoveryCutShortBetweenItsTwoMovesIsFinishedOnOpen() throws Exception {
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.create("c", new CollectionConfig(2, Distance.EUCLID));
      c.upsert(List.of(new Point(PointId.of(1), new float[] {1, 2}, null)), true);
    }
    // The old collection was moved aside and the crash came before the staged copy moved in.
    Files.createDirectories(dir.resolve("collections/.recovering"));
    Files.move(dir.resolve("collections/c"), dir.resolve("collections/.recovering/c"));
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      assertEquals(1, db.collection("c").count(null));
    }
    Files.createDirectories(dir.resolve("collections/.replaced"));
    Files.move(dir.resolve("collections/c"), dir.resolve("collections/.replaced/c"));
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      assertEquals(1, db.collection("c").count(null), "the old collection is put back");
    }
  }

  @Test
  void corruptSnapshotIsRejectedAndTheCollectionKept() throws Exception {
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.create("c", new CollectionConfig(2, Distance.EUCLID));
      c.upsert(List.of(new Point(PointId.of(1), new float[] {1, 2}, null)), true);
      SnapshotInfo snap = db.createSnapshot("c");
      Path file = db.snapshotFile("c", snap.name());
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length - 20] ^= 0x55;
      Files.write(file, bytes);
      InvalidInputException refused =
          assertThrows(InvalidInputException.class, () -> db.recoverSnapshot("c", file));
      assertTrue(refused.getMessage().contains(snap.name()), refused.getMessage());
      assertTrue(refused.getMessage().contains("checksum"), refused.getMessage());
      assertTrue(!refused.getMessage().contains(dir.toString()), refused.getMessage());
      assertEquals(1, db.collection("c").count(null));
      assertTrue(!Files.exists(dir.resolve("collections/.recovering/c")), "staging removed");
    }
  }
}
