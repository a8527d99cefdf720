package dev.scion.models;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The encoders of a process, loaded on first use and shared. Each loaded encoder holds its model in
 * memory (about 30 MB) and a cache of recent texts.
 */
public final class Encoders implements AutoCloseable {
  private final int threads;
  private final int cacheSize;
  private final Map<String, OnnxEncoder> loaded = new ConcurrentHashMap<>();

  public Encoders(int threads, int cacheSize) {
    this.threads = threads;
    this.cacheSize = cacheSize;
  }

  /** The names that {@link #get} accepts. */
  public List<String> names() {
    return OnnxEncoder.AVAILABLE;
  }

  /** The encoder called {@code name}, loading it if needed; a {@link ModelException} if unknown. */
  public OnnxEncoder get(String name) {
    if (!OnnxEncoder.AVAILABLE.contains(name)) {
      throw new ModelException(
          "unknown model '" + name + "'; available: " + String.join(", ", names()));
    }
    return loaded.computeIfAbsent(name, n -> OnnxEncoder.load(n, threads, cacheSize));
  }

  @Override
  public void close() {
    loaded.values().forEach(OnnxEncoder::close);
    loaded.clear();
  }
}
