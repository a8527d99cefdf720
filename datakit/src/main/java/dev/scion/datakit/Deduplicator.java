package dev.scion.datakit;

/**
 * A way of finding duplicates. It sees every document once, in input order, then groups them; the
 * first document of each group is kept.
 */
public interface Deduplicator extends AutoCloseable {
  /** The method's name in reports ({@code exact}, {@code minhash}, {@code semantic}). */
  String method();

  /** Sees the next document; ordinals arrive as 0, 1, 2, ... */
  void add(Doc doc);

  /** Groups the documents seen; called once, after the last {@link #add}. */
  UnionFind finish(Progress progress);

  @Override
  default void close() {}
}
