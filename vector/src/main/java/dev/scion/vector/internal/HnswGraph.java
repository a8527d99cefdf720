package dev.scion.vector.internal;

import java.util.Arrays;

/**
 * The layered proximity graph of HNSW. Layer 0 holds every node with up to {@code 2M} links in one
 * flat array (count, then links); the few nodes on upper layers keep their upper links in a small
 * array of their own. The entry point and top layer are published together in one volatile long.
 */
final class HnswGraph {
  final int m;
  final int m0;
  private final int stride0;
  private int[] level0 = new int[0];
  private int[][] upper = new int[0][];
  private volatile long entry = -1L;

  HnswGraph(int m) {
    this.m = m;
    this.m0 = 2 * m;
    this.stride0 = m0 + 1;
  }

  int entryNode() {
    return (int) entry;
  }

  /** Returns the packed entry: node in the low int, top layer in the high int; -1 when empty. */
  long entry() {
    return entry;
  }

  void setEntry(int node, int level) {
    entry = ((long) level << 32) | (node & 0xffffffffL);
  }

  /** Adds {@code node} on layers 0..level with no links yet. Called by the single writer. */
  void addNode(int node, int level) {
    if ((long) (node + 1) * stride0 > level0.length) {
      int capacity =
          Math.max(
              node + 1,
              (int) Math.min(Integer.MAX_VALUE / stride0, level0.length / stride0 * 3L / 2 + 64));
      level0 = Arrays.copyOf(level0, capacity * stride0);
      upper = Arrays.copyOf(upper, capacity);
    }
    level0[node * stride0] = 0;
    upper[node] = level > 0 ? new int[level * (m + 1)] : null;
  }

  int levelOf(int node) {
    int[] u = upper[node];
    return u == null ? 0 : u.length / (m + 1);
  }

  /** The array holding the links of {@code node} on {@code level}. */
  int[] links(int node, int level) {
    return level == 0 ? level0 : upper[node];
  }

  /** Where the count of links of {@code node} on {@code level} sits in {@link #links}. */
  int linksOffset(int node, int level) {
    return level == 0 ? node * stride0 : (level - 1) * (m + 1);
  }

  int maxLinks(int level) {
    return level == 0 ? m0 : m;
  }

  /** Replaces the links of a node; the links are written before the count, for readers. */
  void setLinks(int node, int level, int[] nodes, int count) {
    int[] arr = links(node, level);
    int off = linksOffset(node, level);
    System.arraycopy(nodes, 0, arr, off + 1, count);
    arr[off] = count;
  }

  long bytesUsed() {
    long bytes = (long) level0.length * Integer.BYTES + (long) upper.length * 8;
    for (int[] u : upper) {
      if (u != null) {
        bytes += 16 + (long) u.length * Integer.BYTES;
      }
    }
    return bytes;
  }
}
