package dev.scion.vector;

import dev.scion.vector.internal.CollectionJson;
import dev.scion.vector.internal.Operation;
import dev.scion.vector.internal.Segment;
import dev.scion.vector.internal.SegmentFile;
import dev.scion.vector.internal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A named set of points of one dimension and distance. Obtain one from {@link VectorDatabase}.
 *
 * <p>Writes are logged, then applied; with {@code wait = true} the log is fsynced before the call
 * returns. Searches never wait for writes. Segments (checkpoints of the whole state) are written by
 * the database's maintenance thread, which also reclaims deleted points by compaction.
 */
public final class VectorCollection implements VectorStore.Collection, AutoCloseable {
  /**
   * The log size at which the maintenance thread writes a segment and drops the log, which bounds
   * what a restart replays: 4 MiB unless the system property {@code scion.checkpointLogBytes} says
   * otherwise.
   */
  static final long CHECKPOINT_AFTER_LOG_BYTES = Long.getLong("scion.checkpointLogBytes", 4L << 20);

  private static final double COMPACT_DELETED_FRACTION = 0.2;
  private static final int COMPACT_MIN_DELETED = 1000;

  private final String name;
  private final Path dir;
  private final CollectionConfig config;
  private final Map<String, PayloadSchema> schema;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Object maintenanceLock = new Object();
  private final WriteAheadLog wal;
  private volatile Segment segment;
  private List<Operation> sinceCompactionStart;
  private volatile boolean closed;

  private VectorCollection(String name, Path dir, String displayDir) {
    this.name = name;
    this.dir = dir;
    removeLeftovers(dir);
    CollectionJson description = CollectionJson.read(dir.resolve("collection.json"));
    this.config = description.config();
    this.schema = Collections.synchronizedMap(new TreeMap<>(description.schema()));
    Path segmentFile = latestSegment();
    this.segment =
        segmentFile == null
            ? new Segment(config, schema)
            : SegmentFile.read(segmentFile, config, schema);
    long after = segmentFile == null ? 0 : SegmentFile.readHeader(segmentFile).sequence();
    this.wal = new WriteAheadLog(dir.resolve("wal"), displayDir + "/wal", config.dimension());
    Segment s = segment;
    wal.replay(after, (seq, op) -> s.apply(op));
  }

  static VectorCollection create(
      String name, Path dir, String displayDir, CollectionConfig config) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StorageException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    new CollectionJson(config, Map.of()).write(dir.resolve("collection.json"));
    return new VectorCollection(name, dir, displayDir);
  }

  /**
   * Opens the collection in {@code dir}; {@code displayDir} names that folder in reports, relative
   * to the data folder.
   */
  static VectorCollection open(String name, Path dir, String displayDir) {
    return new VectorCollection(name, dir, displayDir);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CollectionConfig config() {
    return config;
  }

  // ---- writes ----

  /**
   * Inserts or replaces points. The whole batch is validated first: one bad point rejects the batch
   * and nothing is written. Returns the operation's sequence number.
   */
  @Override
  public long upsert(List<Point> points, boolean wait) {
    List<Point> prepared = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      if (p == null || p.id() == null) {
        throw new InvalidInputException("point #" + i + " has no id; give every point an id");
      }
      prepared.add(new Point(p.id(), prepareVector(p.vector(), "point " + p.id()), p.payload()));
    }
    return write(new Operation.Upsert(prepared), wait);
  }

  /** Deletes points by id; unknown ids are ignored. Returns the operation's sequence number. */
  @Override
  public long delete(List<PointId> ids, boolean wait) {
    return write(new Operation.Delete(List.copyOf(ids)), wait);
  }

  /** Deletes every point that passes {@code filter}. Returns the number deleted. */
  public int delete(Filter filter, boolean wait) {
    writeLock.lock();
    try {
      Segment s = segment;
      List<PointId> ids = new ArrayList<>();
      for (int ord : s.scroll(filter, null, Integer.MAX_VALUE)) {
        ids.add(s.id(ord));
      }
      if (!ids.isEmpty()) {
        write(new Operation.Delete(ids), wait);
      }
      return ids.size();
    } finally {
      writeLock.unlock();
    }
  }

  private long write(Operation op, boolean wait) {
    writeLock.lock();
    try {
      ensureOpen();
      long seq = wal.append(op);
      if (wait) {
        wal.sync();
      }
      segment.apply(op);
      if (sinceCompactionStart != null) {
        sinceCompactionStart.add(op);
      }
      return seq;
    } finally {
      writeLock.unlock();
    }
  }

  /** Creates (or replaces) an index on a payload field, used by filters on that field. */
  public void createPayloadIndex(String field, PayloadSchema type) {
    if (field == null || field.isBlank()) {
      throw new InvalidInputException("field_name is required to create a payload index");
    }
    synchronized (maintenanceLock) {
      writeLock.lock();
      try {
        ensureOpen();
        schema.put(field, type);
        new CollectionJson(config, schema).write(dir.resolve("collection.json"));
        segment.createIndex(field, type);
      } finally {
        writeLock.unlock();
      }
    }
  }

  /** Drops the index on a payload field; returns whether there was one. */
  public boolean deletePayloadIndex(String field) {
    synchronized (maintenanceLock) {
      writeLock.lock();
      try {
        ensureOpen();
        if (schema.remove(field) == null) {
          return false;
        }
        new CollectionJson(config, schema).write(dir.resolve("collection.json"));
        segment.dropIndex(field);
        return true;
      } finally {
        writeLock.unlock();
      }
    }
  }

  // ---- reads ----

  @Override
  public List<ScoredPoint> search(SearchRequest request) {
    ensureOpen();
    float[] query = prepareVector(request.vector(), "the query vector");
    Segment s = segment;
    List<Segment.Hit> hits =
        s.search(
            query,
            request.limit() + request.offset(),
            request.ef(),
            request.filter(),
            request.exact());
    List<ScoredPoint> out = new ArrayList<>(Math.min(hits.size(), request.limit()));
    for (int i = request.offset(); i < hits.size(); i++) {
      Segment.Hit h = hits.get(i);
      float score = score(h.distance());
      if (request.scoreThreshold() != null && !passes(score, request.scoreThreshold())) {
        break;
      }
      out.add(
          new ScoredPoint(
              s.id(h.ordinal()),
              score,
              request.withPayload() ? s.payload(h.ordinal()) : null,
              request.withVector() ? s.vector(h.ordinal()) : null));
    }
    return out;
  }

  /** The points with the given ids that exist, in the order asked. */
  @Override
  public List<Point> retrieve(List<PointId> ids, boolean withPayload, boolean withVector) {
    ensureOpen();
    Segment s = segment;
    List<Point> out = new ArrayList<>(ids.size());
    for (PointId id : ids) {
      int ord = s.ordinal(id);
      if (ord >= 0) {
        out.add(toPoint(s, ord, withPayload, withVector));
      }
    }
    return out;
  }

  /** A page of points in id order, starting at {@code offset} (inclusive; null for the start). */
  @Override
  public ScrollPage scroll(
      Filter filter, PointId offset, int limit, boolean withPayload, boolean withVector) {
    ensureOpen();
    if (limit < 1 || limit > SearchRequest.MAX_RESULTS) {
      throw new InvalidInputException(
          "scroll limit must be between 1 and " + SearchRequest.MAX_RESULTS + ", got " + limit);
    }
    Segment s = segment;
    List<Integer> ords = s.scroll(filter, offset, limit + 1);
    List<Point> points = new ArrayList<>(Math.min(limit, ords.size()));
    for (int i = 0; i < Math.min(limit, ords.size()); i++) {
      points.add(toPoint(s, ords.get(i), withPayload, withVector));
    }
    PointId next = ords.size() > limit ? s.id(ords.get(limit)) : null;
    return new ScrollPage(points, next);
  }

  /** The number of points that pass {@code filter} (all points for null). */
  @Override
  public long count(Filter filter) {
    ensureOpen();
    return segment.count(filter);
  }

  public CollectionInfo info() {
    Segment s = segment;
    return new CollectionInfo(
        config,
        s.liveCount(),
        s.size(),
        s.size() - s.liveCount(),
        s.quantized(),
        Map.copyOf(schema));
  }

  /**
   * Damage found when the collection was opened: log records that failed their checksum and were
   * skipped, one line each naming the file and bytes. Empty when the files were sound.
   */
  public List<String> damage() {
    return wal.damage();
  }

  /** Memory held by vectors, codes and the graph, in bytes. */
  public long memoryBytes() {
    return segment.bytesUsed();
  }

  // ---- maintenance ----

  /** Writes a segment of the current state and drops the log it covers. */
  public void checkpoint() {
    synchronized (maintenanceLock) {
      Segment s;
      int n;
      long seq;
      writeLock.lock();
      try {
        ensureOpen();
        s = segment;
        n = s.size();
        seq = wal.lastSequence();
        wal.rotate();
      } finally {
        writeLock.unlock();
      }
      Path target = dir.resolve(String.format(java.util.Locale.ROOT, "segment-%020d.bin", seq));
      SegmentFile.write(s, n, seq, new CollectionJson(config, schema).toJson(), target);
      for (Path old : segmentFiles()) {
        if (!old.equals(target)) {
          deleteQuietly(old);
        }
      }
      wal.deleteUpTo(seq);
    }
  }

  /**
   * Rebuilds the index without deleted points. Runs beside reads and writes: writes made during the
   * rebuild are replayed onto the new index before it replaces the old one.
   */
  public void compact() {
    synchronized (maintenanceLock) {
      Segment old;
      int n;
      writeLock.lock();
      try {
        ensureOpen();
        old = segment;
        n = old.size();
        sinceCompactionStart = new ArrayList<>();
      } finally {
        writeLock.unlock();
      }
      Segment fresh;
      try {
        fresh = old.compactedCopy(n, schema);
      } catch (RuntimeException e) {
        writeLock.lock();
        sinceCompactionStart = null;
        writeLock.unlock();
        throw e;
      }
      writeLock.lock();
      try {
        sinceCompactionStart.forEach(fresh::apply);
        sinceCompactionStart = null;
        segment = fresh;
      } finally {
        writeLock.unlock();
      }
      checkpoint();
    }
  }

  /** Periodic work: sync the log, checkpoint a long log, compact when many points are deleted. */
  void maintain() {
    if (closed) {
      return;
    }
    wal.sync();
    Segment s = segment;
    int deleted = s.size() - s.liveCount();
    if (deleted >= COMPACT_MIN_DELETED && deleted >= COMPACT_DELETED_FRACTION * s.size()) {
      compact();
    } else if (wal.bytesSinceRotate() > CHECKPOINT_AFTER_LOG_BYTES) {
      checkpoint();
    }
  }

  /** Writes a self-contained snapshot file; writers wait while it is written. */
  SnapshotInfo snapshot(Path file) {
    writeLock.lock();
    try {
      ensureOpen();
      Segment s = segment;
      SegmentFile.write(
          s, s.size(), wal.lastSequence(), new CollectionJson(config, schema).toJson(), file);
      return new SnapshotInfo(
          file.getFileName().toString(),
          Files.getLastModifiedTime(file).toInstant(),
          Files.size(file));
    } catch (IOException e) {
      throw new StorageException("cannot stat snapshot " + file + ": " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public void close() {
    synchronized (maintenanceLock) {
      writeLock.lock();
      try {
        if (!closed) {
          closed = true;
          wal.close();
        }
      } finally {
        writeLock.unlock();
      }
    }
  }

  // ---- helpers ----

  private float[] prepareVector(float[] v, String what) {
    if (v == null) {
      throw new InvalidInputException(
          what + " has no vector; send \"vector\": [" + config.dimension() + " numbers]");
    }
    if (v.length != config.dimension()) {
      throw new InvalidInputException(
          what
              + " has "
              + v.length
              + " dimensions but collection '"
              + name
              + "' expects "
              + config.dimension());
    }
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new InvalidInputException(
            what + " has a non-finite value at index " + i + "; send finite numbers");
      }
      norm += (double) v[i] * v[i];
    }
    if (config.distance() != Distance.COSINE) {
      return v.clone();
    }
    if (norm == 0) {
      throw new InvalidInputException(
          what + " is all zeros, which has no direction for Cosine distance");
    }
    float inv = (float) (1 / Math.sqrt(norm));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * inv;
    }
    return out;
  }

  private float score(float distance) {
    return config.distance() == Distance.EUCLID
        ? (float) Math.sqrt(Math.max(0, distance))
        : -distance;
  }

  private boolean passes(float score, float threshold) {
    return config.distance().higherIsCloser() ? score >= threshold : score <= threshold;
  }

  private static Point toPoint(Segment s, int ord, boolean withPayload, boolean withVector) {
    return new Point(
        s.id(ord), withVector ? s.vector(ord) : null, withPayload ? s.payload(ord) : null);
  }

  private void ensureOpen() {
    if (closed) {
      throw new NotFoundException("collection '" + name + "' was deleted or closed");
    }
  }

  /**
   * Removes the temporary files of a segment or description write that a crash interrupted: they
   * were never renamed into place, so nothing acknowledged depends on them.
   */
  private static void removeLeftovers(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
        deleteQuietly(p);
      }
    } catch (IOException e) {
      throw new StorageException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private Path latestSegment() {
    List<Path> files = segmentFiles();
    return files.isEmpty() ? null : files.getLast();
  }

  private List<Path> segmentFiles() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("segment-\\d{20}\\.bin"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new StorageException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      System.getLogger("dev.scion.vector")
          .log(System.Logger.Level.WARNING, "cannot delete " + p, e);
    }
  }
}
