package dev.scion.vector.internal;

import dev.scion.vector.CollectionConfig;
import dev.scion.vector.PayloadSchema;
import dev.scion.vector.StorageException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A segment on disk: the state of a collection as of one log sequence number, with its graph, so
 * that start-up needs no rebuild. Written to a temporary file, fsynced and renamed into place, so a
 * crash leaves either the old file or the new one. The last 8 bytes are a CRC32C of the rest.
 *
 * <p>Layout: magic, version, sequence number, collection header (config and payload schema as
 * JSON), point count; each point (deleted flag, id, vector, payload); quantizer; entry point; each
 * point's layers and links.
 */
public final class SegmentFile {
  private static final long MAGIC = 0x5343494f4e534547L; // "SCIONSEG"
  private static final int VERSION = 1;

  /** What a segment file holds besides the points. */
  public record Header(long sequence, String collectionJson) {}

  private SegmentFile() {}

  /**
   * Writes ordinals below {@code n} of {@code segment}, as of {@code sequence}, to {@code target}
   * atomically. Safe while the single writer goes on: later changes are replayed from the log.
   */
  public static void write(
      Segment segment, int n, long sequence, String collectionJson, Path target) {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      CRC32C crc = new CRC32C();
      try (OutputStream file = Files.newOutputStream(tmp);
          DataOutputStream out =
              new DataOutputStream(
                  new BufferedOutputStream(new CheckedOutputStream(file, crc), 1 << 16))) {
        writeBody(segment, n, sequence, collectionJson, out);
        out.flush();
        new DataOutputStream(file).writeLong(crc.getValue());
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(target.getParent());
    } catch (IOException e) {
      throw new StorageException("cannot write segment " + target + ": " + e.getMessage(), e);
    }
  }

  private static void writeBody(
      Segment segment, int n, long sequence, String collectionJson, DataOutputStream out)
      throws IOException {
    out.writeLong(MAGIC);
    out.writeInt(VERSION);
    out.writeLong(sequence);
    out.writeUTF(collectionJson);
    out.writeInt(n);
    int dim = segment.config().dimension();
    ByteBuffer scratch = Codec.vectorBuffer(dim);
    for (int ord = 0; ord < n; ord++) {
      boolean isDeleted = segment.isDeleted(ord);
      out.writeBoolean(isDeleted);
      Codec.writeId(out, segment.id(ord));
      Codec.writeVector(out, segment.vector(ord), scratch);
      Codec.writePayload(out, isDeleted ? null : segment.payload(ord));
    }
    ScalarQuantizer q = segment.vectors.quantizer();
    out.writeBoolean(q != null);
    if (q != null) {
      out.writeFloat(q.lo());
      out.writeFloat(q.step());
    }
    writeGraph(segment.graph, n, out);
  }

  private static void writeGraph(HnswGraph graph, int n, DataOutputStream out) throws IOException {
    long entry = graph.entry();
    int entryNode = (int) entry;
    int bestLevel = -1;
    for (int ord = 0; ord < n; ord++) {
      bestLevel = Math.max(bestLevel, graph.levelOf(ord));
    }
    if (entry == -1L || entryNode >= n) {
      entryNode = -1;
      for (int ord = 0; ord < n && entryNode < 0; ord++) {
        if (graph.levelOf(ord) == bestLevel) {
          entryNode = ord;
        }
      }
    }
    out.writeInt(entryNode);
    out.writeInt(bestLevel);
    int[] kept = new int[graph.m0];
    for (int ord = 0; ord < n; ord++) {
      int levels = graph.levelOf(ord);
      out.writeByte(levels);
      for (int level = 0; level <= levels; level++) {
        int[] links = graph.links(ord, level);
        int off = graph.linksOffset(ord, level);
        int count = Math.min(links[off], graph.maxLinks(level));
        int c = 0;
        for (int i = 1; i <= count; i++) {
          if (links[off + i] < n) {
            kept[c++] = links[off + i];
          }
        }
        out.writeByte(c);
        for (int i = 0; i < c; i++) {
          out.writeInt(kept[i]);
        }
      }
    }
  }

  /** Reads only the header of a segment or snapshot file (to validate it before use). */
  public static Header readHeader(Path file) {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      return readHeader(in, file);
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Header readHeader(DataInputStream in, Path file) throws IOException {
    if (in.readLong() != MAGIC) {
      throw new StorageException(file + " is not a Scion segment or snapshot file");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new StorageException(
          file + " has format version " + version + "; this build reads " + VERSION);
    }
    return new Header(in.readLong(), in.readUTF());
  }

  /** Loads a segment written by {@link #write}; checks the CRC first. */
  public static Segment read(
      Path file, CollectionConfig config, Map<String, PayloadSchema> schema) {
    verifyChecksum(file);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      readHeader(in, file);
      int n = in.readInt();
      Segment segment = new Segment(config, schema);
      int dim = config.dimension();
      byte[] scratch = new byte[dim * Float.BYTES];
      for (int ord = 0; ord < n; ord++) {
        boolean isDeleted = in.readBoolean();
        segment.restorePoint(
            ord,
            Codec.readId(in),
            Codec.readVector(in, dim, scratch),
            Codec.readPayload(in),
            isDeleted);
      }
      ScalarQuantizer q =
          in.readBoolean() ? new ScalarQuantizer(in.readFloat(), in.readFloat()) : null;
      readGraph(segment.graph, n, in);
      segment.finishRestore(n, q);
      return segment;
    } catch (IOException | RuntimeException e) {
      if (e instanceof StorageException se) {
        throw se;
      }
      throw new StorageException("cannot read segment " + file + ": " + e.getMessage(), e);
    }
  }

  private static void readGraph(HnswGraph graph, int n, DataInputStream in) throws IOException {
    int entryNode = in.readInt();
    int top = in.readInt();
    int[] links = new int[graph.m0];
    for (int ord = 0; ord < n; ord++) {
      int levels = in.readUnsignedByte();
      graph.addNode(ord, levels);
      for (int level = 0; level <= levels; level++) {
        int c = in.readUnsignedByte();
        for (int i = 0; i < c; i++) {
          links[i] = in.readInt();
        }
        graph.setLinks(ord, level, links, c);
      }
    }
    if (entryNode >= 0) {
      graph.setEntry(entryNode, top);
    }
  }

  private static void verifyChecksum(Path file) {
    try {
      long length = Files.size(file);
      if (length < 8) {
        throw new StorageException(file + " is truncated");
      }
      CRC32C crc = new CRC32C();
      try (InputStream in = new CheckedInputStream(Files.newInputStream(file), crc)) {
        byte[] buf = new byte[1 << 16];
        long left = length - 8;
        while (left > 0) {
          int r = in.read(buf, 0, (int) Math.min(buf.length, left));
          if (r < 0) {
            throw new StorageException(file + " is truncated");
          }
          left -= r;
        }
        long actual = crc.getValue();
        long expected = new DataInputStream(in).readLong();
        if (expected != actual) {
          throw new StorageException(file + " is damaged (checksum mismatch)");
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
