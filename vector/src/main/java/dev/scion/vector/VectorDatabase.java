package dev.scion.vector;

import dev.scion.vector.internal.CollectionJson;
import dev.scion.vector.internal.NamedThreads;
import dev.scion.vector.internal.SegmentFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The collections under one data directory: {@code collections/<name>/} (description, segments,
 * write-ahead log) and {@code snapshots/<name>/}. A maintenance thread syncs logs every second,
 * writes segments and compacts.
 */
public final class VectorDatabase implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Pattern SNAPSHOT = Pattern.compile("[A-Za-z0-9_.-]{1,255}\\.snapshot");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss-SSS", java.util.Locale.ROOT);

  private final Path root;
  private final Map<String, VectorCollection> collections = new ConcurrentHashMap<>();
  private final ScheduledExecutorService maintenance;

  private VectorDatabase(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root.resolve("collections"));
      Files.createDirectories(root.resolve("snapshots"));
      try (Stream<Path> dirs = Files.list(root.resolve("collections"))) {
        for (Path dir : dirs.toList()) {
          String name = dir.getFileName().toString();
          if (NAME.matcher(name).matches() && Files.exists(dir.resolve("collection.json"))) {
            collections.put(name, VectorCollection.open(name, dir));
          }
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot open data directory " + root + ": " + e.getMessage(), e);
    }
    maintenance =
        Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("scion-maintenance"));
    maintenance.scheduleWithFixedDelay(this::maintain, 1, 1, TimeUnit.SECONDS);
  }

  /** Opens (creating if needed) the database under {@code root}, recovering every collection. */
  public static VectorDatabase open(Path root) {
    return new VectorDatabase(root);
  }

  public Path root() {
    return root;
  }

  public synchronized VectorCollection create(String name, CollectionConfig config) {
    checkName(name);
    if (collections.containsKey(name)) {
      throw new AlreadyExistsException(
          "collection '" + name + "' already exists; delete it first or pick another name");
    }
    VectorCollection c = VectorCollection.create(name, collectionDir(name), config);
    collections.put(name, c);
    return c;
  }

  /** The collection called {@code name}; throws {@link NotFoundException} if there is none. */
  public VectorCollection collection(String name) {
    VectorCollection c = collections.get(name);
    if (c == null) {
      throw new NotFoundException(
          "collection '" + name + "' does not exist; create it with PUT /collections/" + name);
    }
    return c;
  }

  public boolean exists(String name) {
    return collections.containsKey(name);
  }

  public List<String> names() {
    return collections.keySet().stream().sorted().toList();
  }

  /** Deletes a collection and its files; returns whether it existed. Snapshots are kept. */
  public synchronized boolean delete(String name) {
    VectorCollection c = collections.remove(name);
    if (c == null) {
      return false;
    }
    c.close();
    deleteTree(collectionDir(name));
    return true;
  }

  public SnapshotInfo createSnapshot(String name) {
    VectorCollection c = collection(name);
    Path dir = snapshotDir(name);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StorageException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    // the folder names the collection; the file's name keeps within 255 bytes whatever its length
    String prefix = name.substring(0, Math.min(name.length(), 200));
    return c.snapshot(
        dir.resolve(
            prefix
                + "-"
                + LocalDateTime.now(java.time.ZoneOffset.UTC).format(STAMP)
                + ".snapshot"));
  }

  public List<SnapshotInfo> snapshots(String name) {
    collection(name);
    Path dir = snapshotDir(name);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<SnapshotInfo> out = new ArrayList<>();
      for (Path f :
          files.filter(p -> SNAPSHOT.matcher(p.getFileName().toString()).matches()).toList()) {
        out.add(
            new SnapshotInfo(
                f.getFileName().toString(),
                Files.getLastModifiedTime(f).toInstant(),
                Files.size(f)));
      }
      out.sort(Comparator.comparing(SnapshotInfo::name));
      return out;
    } catch (IOException e) {
      throw new StorageException("cannot list snapshots in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The file of a snapshot, checked to exist. */
  public Path snapshotFile(String name, String snapshot) {
    if (!SNAPSHOT.matcher(snapshot).matches()) {
      throw new InvalidInputException(
          "snapshot name '" + snapshot + "' is invalid; names end in .snapshot");
    }
    Path file = snapshotDir(name).resolve(snapshot);
    if (!Files.isRegularFile(file)) {
      throw new NotFoundException(
          "snapshot '" + snapshot + "' of collection '" + name + "' does not exist");
    }
    return file;
  }

  public boolean deleteSnapshot(String name, String snapshot) {
    try {
      return Files.deleteIfExists(snapshotFile(name, snapshot));
    } catch (IOException e) {
      throw new StorageException("cannot delete snapshot " + snapshot + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replaces collection {@code name} (creating it if absent) with the contents of a snapshot file.
   * The file is validated (header and checksum) before anything is replaced.
   */
  public synchronized VectorCollection recoverSnapshot(String name, Path file) {
    checkName(name);
    if (!Files.isRegularFile(file)) {
      throw new NotFoundException("snapshot file " + file + " does not exist");
    }
    SegmentFile.Header header = SegmentFile.readHeader(file);
    CollectionJson description = CollectionJson.parse(header.collectionJson());
    // a name that is no collection's, and short enough however long the collection's name is
    Path staging =
        root.resolve("collections")
            .resolve("." + name.substring(0, Math.min(name.length(), 200)) + ".recovering");
    deleteTree(staging);
    try {
      Files.createDirectories(staging);
      Path segment =
          staging.resolve(
              String.format(java.util.Locale.ROOT, "segment-%020d.bin", header.sequence()));
      Files.copy(file, segment);
      SegmentFile.read(segment, description.config(), description.schema());
      description.write(staging.resolve("collection.json"));
      VectorCollection old = collections.remove(name);
      if (old != null) {
        old.close();
      }
      Path target = collectionDir(name);
      deleteTree(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StorageException("cannot recover snapshot " + file + ": " + e.getMessage(), e);
    }
    VectorCollection c = VectorCollection.open(name, collectionDir(name));
    collections.put(name, c);
    return c;
  }

  private void maintain() {
    for (VectorCollection c : collections.values()) {
      try {
        c.maintain();
      } catch (RuntimeException e) {
        System.getLogger("dev.scion.vector")
            .log(
                System.Logger.Level.ERROR,
                "maintenance of collection '" + c.name() + "' failed",
                e);
      }
    }
  }

  @Override
  public synchronized void close() {
    maintenance.shutdown();
    try {
      maintenance.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    collections.values().forEach(VectorCollection::close);
    collections.clear();
  }

  private Path collectionDir(String name) {
    return root.resolve("collections").resolve(name);
  }

  private Path snapshotDir(String name) {
    return root.resolve("snapshots").resolve(name);
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "collection name '" + name + "' is invalid; use 1-255 letters, digits, '-' or '_'");
    }
  }

  private static void deleteTree(Path dir) {
    try {
      dev.scion.vector.internal.FileTrees.delete(dir);
    } catch (IOException e) {
      throw new StorageException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
