package dev.scion.vector.internal;

import dev.scion.vector.StorageException;
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
 * [length][crc32c][sequence][operation]}, the checksum covering sequence and operation. A record is
 * acknowledged durable only after {@link #sync()}.
 *
 * <p>On start, {@link #replay} applies the records after the last segment. A record that fails its
 * checksum is told apart by what follows it: when no record after it verifies, it is a torn tail (a
 * crash in the middle of an append) and is cut off; when later records verify, it is damage: the
 * damaged bytes are skipped, every later record is recovered, and the damage is reported by {@link
 * #damage()} with the file and byte offsets. Since a damaged length hides where the next record
 * starts, the reader resynchronises at the next offset where a whole record verifies and carries
 * one of the next few sequence numbers, which random bytes do with negligible probability.
 */
public final class WriteAheadLog implements AutoCloseable {
  /** The handler of replayed records. */
  public interface Replayer {
    void apply(long sequence, Operation op);
  }

  private static final int MAX_RECORD = 1 << 30;
  private static final int HEADER = 8;
  private static final int MIN_BODY = 9;

  private final Path dir;
  private final String displayDir;
  private final int dim;
  private final List<String> damage = new ArrayList<>();
  private FileChannel channel;
  private long lastSequence;
  private boolean dirty;
  private long bytesSinceRotate;

  /**
   * A log in {@code dir}; {@code displayDir} names that folder in reports (relative to the data
   * folder, so that no server path leaks into an answer).
   */
  public WriteAheadLog(Path dir, String displayDir, int dim) {
    this.dir = dir;
    this.displayDir = displayDir;
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
        long nextFileFirst = i + 1 < files.size() ? firstSequence(files.get(i + 1)) : -1;
        replayFile(files.get(i), nextFileFirst, afterSequence, replayer);
      }
      if (files.isEmpty()) {
        open(lastSequence + 1);
      } else {
        channel =
            FileChannel.open(files.getLast(), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        bytesSinceRotate = 0;
        for (Path f : files) {
          bytesSinceRotate += Files.size(f);
        }
      }
      return lastSequence;
    } catch (IOException e) {
      throw new StorageException(
          "cannot open write-ahead log " + displayDir + ": " + e.getMessage(), e);
    }
  }

  /** What replay found damaged and skipped, one line each, naming the file and the bytes. */
  public synchronized List<String> damage() {
    return List.copyOf(damage);
  }

  /**
   * Replays one file. {@code nextFileFirst} is the first sequence of the next file, or -1 when this
   * is the last file, whose bad tail is torn and cut.
   */
  private void replayFile(Path file, long nextFileFirst, long afterSequence, Replayer replayer)
      throws IOException {
    long previous = firstSequence(file) - 1;
    long cutAt = -1;
    try (LogBytes log = new LogBytes(file)) {
      long pos = 0;
      while (pos < log.size) {
        byte[] record = log.verifiedRecord(pos, Long.MIN_VALUE, Long.MAX_VALUE);
        if (record == null) {
          long next = resynchronise(log, pos, previous);
          if (next < 0 && nextFileFirst < 0) {
            cutAt = pos;
            reportTail(file, log, pos);
            break;
          }
          long nextSequence = next < 0 ? nextFileFirst : log.getLong(next + HEADER);
          if (nextSequence - 1 > afterSequence) {
            reportDamage(file, pos, next < 0 ? log.size : next, previous, nextSequence);
          }
          if (next < 0) {
            break;
          }
          pos = next;
          continue;
        }
        long sequence = ByteBuffer.wrap(record).getLong();
        if (sequence > afterSequence) {
          replayer.apply(
              sequence,
              Codec.readOperation(
                  new DataInputStream(new ByteArrayInputStream(record, 8, record.length - 8)),
                  dim));
        }
        previous = sequence;
        lastSequence = Math.max(lastSequence, sequence);
        pos += HEADER + record.length;
      }
    }
    if (cutAt >= 0) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(cutAt);
        ch.force(true);
      }
    }
  }

  /**
   * The first offset after {@code bad} where a whole record verifies and carries one of the
   * sequence numbers that could follow {@code previous} past the bytes skipped; -1 if none does.
   */
  private static long resynchronise(LogBytes log, long bad, long previous) throws IOException {
    for (long q = bad + 1; q + HEADER + MIN_BODY <= log.size; q++) {
      long maxSkipped = (q - bad) / (HEADER + MIN_BODY) + 1;
      if (log.verifiedRecord(q, previous + 1, previous + 1 + maxSkipped) != null) {
        return q;
      }
    }
    return -1;
  }

  private void reportDamage(Path file, long from, long to, long previous, long nextSequence) {
    long lost = nextSequence - previous - 1;
    String message =
        "write-ahead log "
            + displayDir
            + "/"
            + file.getFileName()
            + " is damaged from byte "
            + from
            + " to byte "
            + to
            + ": "
            + (lost == 1
                ? "logged operation " + (previous + 1) + " could not be read and was"
                : lost
                    + " logged operations ("
                    + (previous + 1)
                    + " to "
                    + (nextSequence - 1)
                    + ") could not be read and were")
            + " skipped; the records after the damage were recovered;"
            + " restore a snapshot if those writes matter";
    damage.add(message);
    System.getLogger("dev.scion.vector").log(System.Logger.Level.WARNING, message);
  }

  /**
   * Cuts a bad tail of the last file. An incomplete last record, or zeros, is what a crash in the
   * middle of an append leaves: logged only. A whole record that fails its checksum is reported as
   * damage too.
   */
  private void reportTail(Path file, LogBytes log, long pos) throws IOException {
    String name = displayDir + "/" + file.getFileName();
    if (log.tornAt(pos)) {
      System.getLogger("dev.scion.vector")
          .log(System.Logger.Level.WARNING, "cutting torn tail of " + name + " at byte " + pos);
      return;
    }
    String message =
        "write-ahead log "
            + name
            + " is damaged from byte "
            + pos
            + " to its end ("
            + log.size
            + " bytes): the last logged operation after "
            + lastSequence
            + " fails its checksum and was cut; restore a snapshot if that write matters";
    damage.add(message);
    System.getLogger("dev.scion.vector").log(System.Logger.Level.WARNING, message);
  }

  /** Random access to the bytes of a log file through a window, for replay and resynchronising. */
  private static final class LogBytes implements AutoCloseable {
    private final FileChannel ch;
    final long size;
    private final ByteBuffer window = ByteBuffer.allocate(1 << 20);
    private long windowStart;

    LogBytes(Path file) throws IOException {
      ch = FileChannel.open(file, StandardOpenOption.READ);
      size = ch.size();
      window.limit(0);
    }

    /** Makes {@code [pos, pos + len)} readable from the window; len at most the window size. */
    private void fill(long pos, int len) throws IOException {
      if (pos >= windowStart && pos + len <= windowStart + window.limit()) {
        return;
      }
      window.clear();
      windowStart = pos;
      while (window.hasRemaining()) {
        int r = ch.read(window, pos + window.position());
        if (r < 0) {
          break;
        }
      }
      window.flip();
    }

    int getInt(long pos) throws IOException {
      fill(pos, 4);
      return window.getInt(Math.toIntExact(pos - windowStart));
    }

    long getLong(long pos) throws IOException {
      fill(pos, 8);
      return window.getLong(Math.toIntExact(pos - windowStart));
    }

    byte[] bytes(long pos, int len) throws IOException {
      byte[] out = new byte[len];
      if (len <= window.capacity()) {
        fill(pos, len);
        window.get(Math.toIntExact(pos - windowStart), out);
        return out;
      }
      ByteBuffer buf = ByteBuffer.wrap(out);
      while (buf.hasRemaining()) {
        if (ch.read(buf, pos + buf.position()) < 0) {
          throw new EOFException();
        }
      }
      return out;
    }

    /**
     * The body (sequence and operation) of the record at {@code pos} if it is whole, passes its
     * checksum and has a sequence number in {@code [minSequence, maxSequence]}; else null.
     */
    byte[] verifiedRecord(long pos, long minSequence, long maxSequence) throws IOException {
      if (pos + HEADER + MIN_BODY > size) {
        return null;
      }
      int length = getInt(pos);
      if (length < MIN_BODY || length > MAX_RECORD || pos + HEADER + length > size) {
        return null;
      }
      long sequence = getLong(pos + HEADER);
      if (sequence < minSequence || sequence > maxSequence) {
        return null;
      }
      byte[] record = bytes(pos + HEADER, length);
      CRC32C check = new CRC32C();
      check.update(record);
      return (int) check.getValue() == getInt(pos + 4) ? record : null;
    }

    /** Whether the bytes from {@code pos} are an incomplete last record or zeros. */
    boolean tornAt(long pos) throws IOException {
      if (pos + HEADER > size) {
        return true;
      }
      int length = getInt(pos);
      if (length >= MIN_BODY && length <= MAX_RECORD && pos + HEADER + length > size) {
        return true;
      }
      for (long p = pos; p < size; p++) {
        fill(p, 1);
        if (window.get(Math.toIntExact(p - windowStart)) != 0) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void close() throws IOException {
      ch.close();
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

  /** The bytes of log a restart would read: every file since the last checkpoint. */
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
