package dev.scion.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages the files of a collection the way disks do, at seeded random offsets (printed with the
 * seed), and checks what survives: a flipped bit in the write-ahead log loses the one record it hit
 * and nothing else, and is reported naming the file; a truncated log loses only what was cut; a
 * damaged segment makes the collection unavailable naming the segment, never silently smaller.
 */
class FaultInjectionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TRIALS = 12;
  private static final int BATCHES = 30;
  private static final int PER_BATCH = 3;
  @TempDir Path dir;

  private static List<List<Point>> write(Path root, Random random, boolean checkpoint) {
    List<List<Point>> batches = new ArrayList<>();
    try (VectorDatabase db = VectorDatabase.open(root)) {
      VectorCollection c = db.create("c", new CollectionConfig(4, Distance.EUCLID));
      for (int b = 0; b < BATCHES; b++) {
        List<Point> batch = new ArrayList<>();
        for (int i = 0; i < PER_BATCH; i++) {
          int id = b * PER_BATCH + i;
          float[] v = {random.nextFloat(), random.nextFloat(), random.nextFloat(), id};
          batch.add(new Point(PointId.of(id), v, JSON.createObjectNode().put("n", id)));
        }
        c.upsert(batch, true);
        batches.add(batch);
        if (checkpoint && b == BATCHES / 2) {
          c.checkpoint();
        }
      }
    }
    return batches;
  }

  private static Path only(Path folder, String suffix) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      List<Path> found = s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
      assertEquals(1, found.size(), found.toString());
      return found.getFirst();
    }
  }

  /** Where each record of a log file starts, and the file's length last. */
  private static List<Long> boundaries(byte[] log) {
    List<Long> out = new ArrayList<>();
    int pos = 0;
    while (pos < log.length) {
      out.add((long) pos);
      pos += 8 + ByteBuffer.wrap(log).getInt(pos);
    }
    out.add((long) pos);
    return out;
  }

  private static void assertBatch(VectorCollection c, List<Point> batch, boolean present) {
    for (Point p : batch) {
      List<Point> got = c.retrieve(List.of(p.id()), true, true);
      if (!present) {
        assertTrue(got.isEmpty(), "point " + p.id() + " of the damaged record is gone");
        continue;
      }
      assertEquals(1, got.size(), "point " + p.id() + " survives");
      assertArrayEquals(p.vector(), got.getFirst().vector(), "vector of " + p.id());
      assertEquals(p.payload(), got.getFirst().payload(), "payload of " + p.id());
    }
  }

  /** The database still takes writes after the repair, and reads them back after a restart. */
  private static void assertWritableAfterwards(Path root, long count) {
    try (VectorDatabase db = VectorDatabase.open(root)) {
      db.collection("c")
          .upsert(List.of(new Point(PointId.of(1_000_000), new float[] {1, 2, 3, 4}, null)), true);
    }
    try (VectorDatabase db = VectorDatabase.open(root)) {
      assertEquals(count + 1, db.collection("c").count(null));
    }
  }

  @Test
  void aFlippedBitInTheLogLosesOnlyTheRecordItHitAndIsReported() throws Exception {
    Random random = new Random(TestData.seed("fault-log-bitflip"));
    for (int trial = 0; trial < TRIALS; trial++) {
      Path root = dir.resolve("flip-" + trial);
      List<List<Point>> batches = write(root, random, false);
      Path wal = only(root.resolve("collections/c/wal"), ".log");
      byte[] bytes = Files.readAllBytes(wal);
      List<Long> bounds = boundaries(bytes);
      int offset = flipBit(random, trial, wal, bytes);
      int hit = 0;
      while (bounds.get(hit + 1) <= offset) {
        hit++;
      }
      boolean last = hit == BATCHES - 1;
      try (VectorDatabase db = VectorDatabase.open(root)) {
        VectorCollection c = db.collection("c");
        for (int b = 0; b < BATCHES; b++) {
          assertBatch(c, batches.get(b), b != hit);
        }
        assertEquals((BATCHES - 1) * PER_BATCH, c.count(null));
        List<String> damage = c.damage();
        String name = "collections/c/wal/" + wal.getFileName();
        if (last) {
          assertEquals(bounds.get(hit), Files.size(wal), "the bad tail was cut at its start");
          assertTrue(damage.size() <= 1, damage.toString());
        } else {
          assertEquals(bytes.length, Files.size(wal), "nothing was cut");
          assertEquals(1, damage.size(), damage.toString());
        }
        for (String d : damage) {
          assertTrue(d.contains(name) && d.contains("from byte " + bounds.get(hit)), d);
          assertFalse(d.contains(root.toString()), d);
        }
      }
      assertWritableAfterwards(root, (BATCHES - 1) * PER_BATCH);
    }
  }

  @Test
  void aTruncatedLogLosesOnlyTheRecordsCut() throws Exception {
    Random random = new Random(TestData.seed("fault-log-truncate"));
    for (int trial = 0; trial < TRIALS; trial++) {
      Path root = dir.resolve("cut-" + trial);
      List<List<Point>> batches = write(root, random, trial % 2 == 1);
      Path wal = only(root.resolve("collections/c/wal"), ".log");
      List<Long> bounds = boundaries(Files.readAllBytes(wal));
      long size = Files.size(wal);
      long cut = random.nextLong(size + 1);
      System.out.println(
          "[fault] trial "
              + trial
              + ": truncate "
              + wal.getFileName()
              + " at byte "
              + cut
              + " of "
              + size);
      try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.WRITE)) {
        ch.truncate(cut);
      }
      int whole = 0;
      while (whole + 1 < bounds.size() && bounds.get(whole + 1) <= cut) {
        whole++;
      }
      int inLog = bounds.size() - 1;
      int kept = BATCHES - inLog + whole;
      try (VectorDatabase db = VectorDatabase.open(root)) {
        VectorCollection c = db.collection("c");
        for (int b = 0; b < BATCHES; b++) {
          assertBatch(c, batches.get(b), b < kept);
        }
        assertEquals(bounds.get(whole), Files.size(wal), "the torn record was cut");
        assertTrue(c.damage().isEmpty(), "a torn tail is not damage: " + c.damage());
      }
      assertWritableAfterwards(root, (long) kept * PER_BATCH);
    }
  }

  @Test
  void aDamagedSegmentMakesTheCollectionUnavailableNamingTheFile() throws Exception {
    Random random = new Random(TestData.seed("fault-segment"));
    for (int trial = 0; trial < TRIALS; trial++) {
      Path root = dir.resolve("segment-" + trial);
      write(root, random, true);
      try (VectorDatabase db = VectorDatabase.open(root)) {
        db.create("other", new CollectionConfig(2, Distance.DOT))
            .upsert(List.of(new Point(PointId.of(7), new float[] {1, 2}, null)), true);
      }
      Path segment = only(root.resolve("collections/c"), ".bin");
      byte[] bytes = Files.readAllBytes(segment);
      if (trial % 2 == 0) {
        flipBit(random, trial, segment, bytes);
      } else {
        int cut = random.nextInt(bytes.length);
        System.out.println(
            "[fault] trial "
                + trial
                + ": truncate "
                + segment.getFileName()
                + " at byte "
                + cut
                + " of "
                + bytes.length);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
          ch.truncate(cut);
        }
      }
      try (VectorDatabase db = VectorDatabase.open(root)) {
        assertEquals(1, db.collection("other").count(null), "the other collection serves");
        String reason = db.unavailable().get("c");
        assertTrue(reason != null, "collection c is reported unavailable");
        assertTrue(reason.contains("collections/c/" + segment.getFileName()), reason);
        assertFalse(reason.contains(root.toString()), reason);
        assertTrue(db.delete("c"));
      }
    }
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static List<Path> filesOf(Path collection) throws Exception {
    try (Stream<Path> walk = Files.walk(collection)) {
      return walk.filter(Files::isRegularFile).map(collection::relativize).sorted().toList();
    }
  }

  /**
   * Rebuilds, from the files before and after a checkpoint or a compaction, what a crash at each
   * step of it leaves on disk (a half-written temporary segment; the new segment beside the old one
   * and the old log; the old log not yet dropped), and opens each: nothing is lost.
   */
  @Test
  void aCrashAtAnyStepOfACheckpointOrCompactionLosesNothing() throws Exception {
    Random random = new Random(TestData.seed("fault-checkpoint-steps"));
    for (boolean compaction : new boolean[] {false, true}) {
      Path root = dir.resolve(compaction ? "compaction" : "checkpoint");
      List<List<Point>> batches = write(root, random, true);
      try (VectorDatabase db = VectorDatabase.open(root)) {
        List<PointId> gone = new ArrayList<>();
        for (Point p : batches.getFirst()) {
          gone.add(p.id());
        }
        db.collection("c").delete(gone, true);
      }
      Path before = dir.resolve((compaction ? "compaction" : "checkpoint") + "-before");
      copyTree(root, before);
      try (VectorDatabase db = VectorDatabase.open(root)) {
        if (compaction) {
          db.collection("c").compact();
        } else {
          db.collection("c").checkpoint();
        }
      }
      Path oldDir = before.resolve("collections/c");
      Path newDir = root.resolve("collections/c");
      Path newSegment = only(newDir, ".bin");
      Path oldSegment = only(oldDir, ".bin");
      Path newLog = only(newDir.resolve("wal"), ".log");
      byte[] segmentBytes = Files.readAllBytes(newSegment);
      for (int step = 0; step < 3; step++) {
        Path image = dir.resolve((compaction ? "compaction" : "checkpoint") + "-crash-" + step);
        copyTree(before, image);
        Path c = image.resolve("collections/c");
        Files.write(c.resolve("wal").resolve(newLog.getFileName()), new byte[0]);
        switch (step) {
          case 0 ->
              Files.write(
                  c.resolve(newSegment.getFileName() + ".tmp"),
                  java.util.Arrays.copyOf(segmentBytes, segmentBytes.length / 2));
          case 1 -> Files.write(c.resolve(newSegment.getFileName()), segmentBytes);
          default -> {
            Files.write(c.resolve(newSegment.getFileName()), segmentBytes);
            Files.delete(c.resolve(oldSegment.getFileName()));
          }
        }
        System.out.println("[fault] crash image " + step + ": " + filesOf(c));
        try (VectorDatabase db = VectorDatabase.open(image)) {
          VectorCollection reopened = db.collection("c");
          for (int b = 0; b < BATCHES; b++) {
            assertBatch(reopened, batches.get(b), b != 0);
          }
          assertTrue(reopened.damage().isEmpty(), reopened.damage().toString());
        }
        assertWritableAfterwards(image, (BATCHES - 1) * PER_BATCH);
      }
    }
  }

  /**
   * Flips a random bit of {@code bytes} (the contents of {@code file}), prints where and writes the
   * file back; returns the offset of the byte flipped.
   */
  private static int flipBit(Random random, int trial, Path file, byte[] bytes) throws IOException {
    int offset = random.nextInt(bytes.length);
    int bit = random.nextInt(8);
    System.out.println(
        "[fault] trial "
            + trial
            + ": flip bit "
            + bit
            + " of byte "
            + offset
            + " of "
            + file.getFileName()
            + " ("
            + bytes.length
            + " bytes)");
    bytes[offset] ^= (byte) (1 << bit);
    Files.write(file, bytes);
    return offset;
  }
}
