package dev.scion.knowledge;

import dev.scion.models.OnnxEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Named knowledge bases under one folder, opened on first use, sharing encoders. */
public final class KnowledgeBases implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Path root;
  private final Function<String, OnnxEncoder> encoders;
  private final long maxFileBytes;
  private final Map<String, KnowledgeBase> open = new HashMap<>();

  public KnowledgeBases(Path root, Function<String, OnnxEncoder> encoders, long maxFileBytes) {
    this.root = root;
    this.encoders = encoders;
    this.maxFileBytes = maxFileBytes;
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new KnowledgeException(
          "knowledge base name '" + name + "' is not allowed; use 1-64 letters, digits, _ or -");
    }
  }

  public synchronized List<String> names() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.exists(d.resolve("kb.json")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new KnowledgeException("cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  public synchronized boolean exists(String name) {
    checkName(name);
    return Files.exists(root.resolve(name).resolve("kb.json"));
  }

  /** Creates a base; false when one of that name exists already. */
  public synchronized boolean create(String name, KnowledgeBase.Settings settings) {
    if (exists(name)) {
      return false;
    }
    open.put(name, KnowledgeBase.open(root.resolve(name), settings, maxFileBytes, encoders));
    return true;
  }

  /** The base of that name, or null. */
  public synchronized KnowledgeBase get(String name) {
    if (!exists(name)) {
      return null;
    }
    return open.computeIfAbsent(
        name,
        n ->
            KnowledgeBase.open(
                root.resolve(n), KnowledgeBase.Settings.DEFAULT_EN, maxFileBytes, encoders));
  }

  /**
   * A folder beside this one ({@code knowledge-uploads} beside {@code knowledge}) for uploads
   * waiting to be ingested.
   */
  public Path uploads() {
    return root.resolveSibling(root.getFileName() + "-uploads");
  }

  /** Deletes a base and its files; false when there was none. */
  public synchronized boolean delete(String name) {
    if (!exists(name)) {
      return false;
    }
    KnowledgeBase kb = open.remove(name);
    if (kb != null) {
      kb.close();
    }
    deleteTree(root.resolve(name));
    return true;
  }

  /** Deletes a folder and everything in it. */
  static void deleteTree(Path dir) {
    try {
      dev.scion.vector.internal.FileTrees.delete(dir);
    } catch (IOException e) {
      throw new KnowledgeException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    for (KnowledgeBase kb : new ArrayList<>(open.values())) {
      kb.close();
    }
    open.clear();
  }
}
