package dev.scion.vector.internal;

import dev.scion.vector.StorageException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The write-ahead log of a collection: files {@code wal-<first sequence>.log} of records {@code
 * [length][crc32c][sequence][operation]}. A record is acknowledged durable only after {@link
 * #sync()}. On start, {@link #replay} applies the records after the last segment and cuts a torn or
 * corrupt tail of the last file (a crash in the middle of an append).
 */
public final class WriteAheadLog implements AutoCloseable {
  /** The handler of replayed records. */
  public interface Replayer {
    void apply(long sequence, Operation op);
  }

  private static final int MAX_RECORD = 1 << 30;

  private final Path dir;
  private final int dim;
  private FileChannel channel;
  private long lastSequence;
  private boolean dirty;
  private long bytesSinceRotate;

  public WriteAheadLog(Path dir, int dim) {
    this.dir = dir;
    this.dim = dim;
  }

  /**
   * Replays every record after {@code afterSequence}, repairs a torn tail, and opens the log for
   * appending. Returns the last sequence number seen (at least {@code afterSequence}).
   */
  public synchronized long replay(long afterSequence, Replayer replayer) {
    try {
      Files.createDirectories(dir);
      List<Path> files = files();
      lastSequence = afterSequence;
      for (int i = 0; i < files.size(); i++) {
        replayFile(files.get(i), i == files.size() - 1, afterSequence, replayer);
      }
      if (files.isEmpty()) {
        open(lastSequence + 1);
      } else {
        channel =
            FileChannel.open(files.getLast(), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      }
      return lastSequence;
    } catch (IOException e) {
      throw new StorageException(
          "cannot open write-ahead log in " + dir + ": " + e.getMessage(), e);
    }
  }

  private void replayFile(Path file, boolean last, long afterSequence, Replayer replayer)
      throws IOException {
    long good = 0;
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      while (true) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException end) {
          break;
        }
        byte[] record = readRecord(in, length);
        if (record == null) {
          break;
        }
        long sequence = ByteBuffer.wrap(record).getLong();
        if (sequence > afterSequence) {
          replayer.apply(
              sequence,
              Codec.readOperation(
                  new DataInputStream(new ByteArrayInputStream(record, 8, record.length - 8)),
                  dim));
        }
        lastSequence = Math.max(lastSequence, sequence);
        good += 8 + length;
      }
    }
    if (good == Files.size(file)) {
      return;
    }
    if (!last) {
      throw new StorageException(
          "write-ahead log " + file + " is corrupt at byte " + good + "; restore a snapshot");
    }
    System.getLogger("dev.scion.vector")
        .log(System.Logger.Level.WARNING, "cutting torn tail of " + file + " at byte " + good);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(good);
      ch.force(true);
    }
  }

  /** Reads one record body after its length; null when it is torn or fails its checksum. */
  private static byte[] readRecord(DataInputStream in, int length) throws IOException {
    if (length < 9 || length > MAX_RECORD) {
      return null;
    }
    try {
      int crc = in.readInt();
      byte[] record = new byte[length];
      in.readFully(record);
      CRC32C check = new CRC32C();
      check.update(record);
      return (int) check.getValue() == crc ? record : null;
    } catch (EOFException torn) {
      return null;
    }
  }

  /** Appends {@code op} (not yet durable) and returns its sequence number. */
  public synchronized long append(Operation op) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(0);
      out.writeInt(0);
      out.writeLong(lastSequence + 1);
      Codec.writeOperation(out, op, dim);
      out.flush();
      byte[] record = bytes.toByteArray();
      if (record.length - 8 > MAX_RECORD) {
        throw new StorageException(
            "an operation of " + record.length + " bytes is too large; send smaller batches");
      }
      CRC32C crc = new CRC32C();
      crc.update(record, 8, record.length - 8);
      ByteBuffer buf = ByteBuffer.wrap(record);
      buf.putInt(0, record.length - 8);
      buf.putInt(4, (int) crc.getValue());
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      dirty = true;
      bytesSinceRotate += record.length;
      return ++lastSequence;
    } catch (IOException e) {
      throw new StorageException(
          "cannot append to write-ahead log in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Forces appended records to disk. */
  public synchronized void sync() {
    if (!dirty) {
      return;
    }
    try {
      channel.force(false);
      dirty = false;
    } catch (IOException e) {
      throw new StorageException(
          "cannot sync write-ahead log in " + dir + ": " + e.getMessage(), e);
    }
  }

  public synchronized long lastSequence() {
    return lastSequence;
  }

  public synchronized long bytesSinceRotate() {
    return bytesSinceRotate;
  }

  /** Closes the current file and starts a new one at the next sequence number. */
  public synchronized void rotate() {
    sync();
    try {
      channel.close();
      open(lastSequence + 1);
    } catch (IOException e) {
      throw new StorageException(
          "cannot rotate write-ahead log in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the files whose records all have sequence numbers up to {@code sequence}. */
  public synchronized void deleteUpTo(long sequence) {
    try {
      List<Path> files = files();
      for (int i = 0; i + 1 < files.size(); i++) {
        if (firstSequence(files.get(i + 1)) <= sequence + 1) {
          Files.deleteIfExists(files.get(i));
        }
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot clean write-ahead log in " + dir + ": " + e.getMessage(), e);
    }
  }

  private void open(long firstSequence) throws IOException {
    Path file = dir.resolve(String.format(java.util.Locale.ROOT, "wal-%020d.log", firstSequence));
    channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    SegmentFile.syncDirectory(dir);
    bytesSinceRotate = 0;
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(
          s.filter(p -> p.getFileName().toString().matches("wal-\\d{20}\\.log")).sorted().toList());
    }
  }

  private static long firstSequence(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(4, 24));
  }

  @Override
  public synchronized void close() {
    try {
      if (channel != null && channel.isOpen()) {
        sync();
        channel.close();
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot close write-ahead log in " + dir + ": " + e.getMessage(), e);
    }
  }
}
