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
 * writes segments and compacts. A collection whose files are damaged does not stop the others from
 * opening: it is listed by {@link #unavailable()} and refused by {@link #collection} until it is
 * recovered from a snapshot or deleted.
 */
public final class VectorDatabase implements VectorStore {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Pattern SNAPSHOT = Pattern.compile("[A-Za-z0-9_.-]{1,255}\\.snapshot");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss-SSS", java.util.Locale.ROOT);

  private final Path root;
  private final Map<String, VectorCollection> collections = new ConcurrentHashMap<>();
  private final Map<String, String> unavailable = new ConcurrentHashMap<>();
  private final ScheduledExecutorService maintenance;

  private VectorDatabase(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root.resolve("collections"));
      Files.createDirectories(root.resolve("snapshots"));
      removeLeftovers();
      try (Stream<Path> dirs = Files.list(root.resolve("collections"))) {
        for (Path dir : dirs.toList()) {
          String name = dir.getFileName().toString();
          if (NAME.matcher(name).matches() && Files.exists(dir.resolve("collection.json"))) {
            openOrMarkUnavailable(name, dir);
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

  /**
   * Opens one collection; when its files are damaged or unreadable it is kept aside as unavailable,
   * with the reason, so that the other collections still open.
   */
  private void openOrMarkUnavailable(String name, Path dir) {
    try {
      collections.put(name, VectorCollection.open(name, dir, display(dir)));
    } catch (RuntimeException e) {
      String reason = withoutRoot(e.getMessage());
      unavailable.put(name, reason);
      System.getLogger("dev.scion.vector")
          .log(
              System.Logger.Level.ERROR,
              "collection '" + name + "' is unavailable: " + reason + " (in " + root + ")");
    }
  }

  /**
   * Tidies what a crash in the middle of a snapshot recovery or a snapshot leaves: a recovery is
   * finished or undone (a staged copy is only moved in once complete, and the old collection is
   * moved aside whole, never deleted before), and unfinished snapshot files are removed.
   */
  private void removeLeftovers() throws IOException {
    Path collections = root.resolve("collections");
    for (String aside : List.of(".recovering", ".replaced")) {
      Path folder = collections.resolve(aside);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> dirs = Files.list(folder)) {
        for (Path dir : dirs.toList()) {
          Path target = collections.resolve(dir.getFileName().toString());
          if (!Files.exists(target) && Files.exists(dir.resolve("collection.json"))) {
            // The recovery crashed between moving the old collection aside and moving the new
            // one in: finish it (the staged copy was complete) or put the old one back.
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
          } else {
            deleteTree(dir);
          }
        }
      }
    }
    try (Stream<Path> files = Files.walk(root.resolve("snapshots"), 2)) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().endsWith(".snapshot.tmp")) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /** An error message made fit for an answer: paths relative to the data folder, one line. */
  private String withoutRoot(String message) {
    String m = message == null ? "unreadable" : message.lines().findFirst().orElse("");
    for (Path r : List.of(root.toAbsolutePath(), root)) {
      m = m.replace(r + java.io.File.separator, "").replace(java.io.File.separatorChar, '/');
    }
    return m;
  }

  /** Opens (creating if needed) the database under {@code root}, recovering every collection. */
  public static VectorDatabase open(Path root) {
    return new VectorDatabase(root);
  }

  public Path root() {
    return root;
  }

  @Override
  public synchronized VectorCollection create(String name, CollectionConfig config) {
    checkName(name);
    if (exists(name)) {
      throw new AlreadyExistsException(
          "collection '"
              + name
              + "' already exists"
              + (unavailable.containsKey(name) ? " (unavailable: its files are damaged)" : "")
              + "; delete it first or pick another name");
    }
    VectorCollection c =
        VectorCollection.create(name, collectionDir(name), display(collectionDir(name)), config);
    collections.put(name, c);
    return c;
  }

  /**
   * The collection called {@code name}; throws {@link NotFoundException} if there is none and
   * {@link CollectionUnavailableException} if its files are damaged.
   */
  @Override
  public VectorCollection collection(String name) {
    VectorCollection c = collections.get(name);
    if (c == null) {
      String reason = unavailable.get(name);
      if (reason != null) {
        throw new CollectionUnavailableException(
            "collection '"
                + name
                + "' is unavailable: "
                + reason
                + "; restore a snapshot of it (PUT /collections/"
                + name
                + "/snapshots/recover) or delete it (DELETE /collections/"
                + name
                + ")");
      }
      throw new NotFoundException(
          "collection '" + name + "' does not exist; create it with PUT /collections/" + name);
    }
    return c;
  }

  /** Whether a collection of that name exists, available or not. */
  @Override
  public boolean exists(String name) {
    return collections.containsKey(name) || unavailable.containsKey(name);
  }

  /** The names of the collections open for use, sorted; see {@link #unavailable()} for the rest. */
  public List<String> names() {
    return collections.keySet().stream().sorted().toList();
  }

  /**
   * The collections that could not be opened, by name (sorted), each with the reason: the damaged
   * file, named relative to the data folder, and what is wrong with it.
   */
  public Map<String, String> unavailable() {
    return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(unavailable));
  }

  /** Deletes a collection and its files; returns whether it existed. Snapshots are kept. */
  @Override
  public synchronized boolean delete(String name) {
    VectorCollection c = collections.remove(name);
    boolean wasUnavailable = unavailable.remove(name) != null;
    if (c == null && !wasUnavailable) {
      return false;
    }
    if (c != null) {
      c.close();
    }
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
    if (!exists(name)) {
      collection(name);
    }
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
    // a folder named as the collection, beside the collections: fits however long the name is
    Path staging = root.resolve("collections").resolve(".recovering").resolve(name);
    deleteTree(staging);
    try {
      Files.createDirectories(staging);
      stage(file, staging);
      VectorCollection old = collections.remove(name);
      if (old != null) {
        old.close();
      }
      unavailable.remove(name);
      Path target = collectionDir(name);
      Path replaced = root.resolve("collections").resolve(".replaced").resolve(name);
      deleteTree(replaced);
      Files.createDirectories(replaced.getParent());
      if (Files.exists(target)) {
        Files.move(target, replaced, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(replaced);
    } catch (IOException e) {
      deleteTree(staging);
      throw new StorageException("cannot recover snapshot " + file + ": " + e.getMessage(), e);
    }
    VectorCollection c =
        VectorCollection.open(name, collectionDir(name), display(collectionDir(name)));
    collections.put(name, c);
    return c;
  }

  /**
   * Copies a snapshot into a staging folder as a collection, validated (header, checksum, every
   * point). A snapshot that fails is refused as bad input naming the snapshot, not the server path.
   */
  private void stage(Path file, Path staging) throws IOException {
    try {
      SegmentFile.Header header = SegmentFile.readHeader(file);
      CollectionJson description = CollectionJson.parse(header.collectionJson());
      Path segment =
          staging.resolve(
              String.format(java.util.Locale.ROOT, "segment-%020d.bin", header.sequence()));
      Files.copy(file, segment);
      SegmentFile.read(segment, description.config(), description.schema());
      description.write(staging.resolve("collection.json"));
    } catch (StorageException e) {
      deleteTree(staging);
      String why =
          e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("");
      for (Path p : List.of(file.toAbsolutePath(), file, staging.toAbsolutePath(), staging)) {
        why = why.replace(p.toString(), "it");
      }
      throw new InvalidInputException(
          "snapshot "
              + file.getFileName()
              + " cannot be recovered: "
              + withoutRoot(why)
              + "; pick another snapshot");
    }
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

  /** A path as reports show it: relative to the data folder, with forward slashes. */
  private String display(Path path) {
    return root.relativize(path).toString().replace(java.io.File.separatorChar, '/');
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
