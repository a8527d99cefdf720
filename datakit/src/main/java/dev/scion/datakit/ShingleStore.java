package dev.scion.datakit;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shingle sets of the documents seen, for verifying candidate pairs by exact Jaccard. Sets live
 * in a memory-mapped temporary file, so the operating system pages them rather than the heap
 * holding them; the file is deleted on {@link #close}.
 */
final class ShingleStore implements AutoCloseable {
  private static final long CHUNK = 1L << 30;
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

  private final Path file;
  private final FileChannel channel;
  private final Arena arena = Arena.ofShared();
  private final List<MemorySegment> chunks = new ArrayList<>();
  private long[] where = new long[1024]; // chunk << 32 | int index in chunk
  private int[] lengths = new int[1024];
  private long used = CHUNK; // bytes used in the last chunk; forces a first chunk

  ShingleStore() {
    try {
      file = Files.createTempFile("scion-shingles", ".bin");
      channel =
          FileChannel.open(
              file,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE,
              StandardOpenOption.DELETE_ON_CLOSE);
    } catch (IOException e) {
      throw new DataException("cannot create a temporary file for shingles: " + e.getMessage(), e);
    }
  }

  /** Stores the sorted set of document {@code ord}. */
  void put(int ord, int[] set) {
    long bytes = (long) set.length * Integer.BYTES;
    if (used + bytes > CHUNK) {
      try {
        chunks.add(
            channel.map(FileChannel.MapMode.READ_WRITE, chunks.size() * CHUNK, CHUNK, arena));
      } catch (IOException e) {
        throw new DataException("cannot map the shingle file: " + e.getMessage(), e);
      }
      used = 0;
    }
    MemorySegment seg = chunks.getLast();
    MemorySegment.copy(set, 0, seg, INT, used, set.length);
    if (ord >= where.length) {
      where = Arrays.copyOf(where, Math.max(ord + 1, where.length * 2));
      lengths = Arrays.copyOf(lengths, where.length);
    }
    where[ord] = ((long) (chunks.size() - 1) << 32) | (used / Integer.BYTES);
    lengths[ord] = set.length;
    used += bytes;
  }

  /** The Jaccard similarity of the stored set of {@code ord} and {@code set}. */
  double jaccard(int ord, int[] set) {
    MemorySegment seg = chunks.get((int) (where[ord] >>> 32));
    long base = (where[ord] & 0xffffffffL) * Integer.BYTES;
    int n = lengths[ord];
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < n && j < set.length) {
      int a = seg.get(INT, base + (long) i * Integer.BYTES);
      int b = set[j];
      if (a == b) {
        common++;
        i++;
        j++;
      } else if (a < b) {
        i++;
      } else {
        j++;
      }
    }
    int union = n + set.length - common;
    return union == 0 ? 1 : (double) common / union;
  }

  @Override
  public void close() {
    arena.close();
    try {
      channel.close();
    } catch (IOException ignored) {
      // a temporary file, deleted on close
    }
  }
}
