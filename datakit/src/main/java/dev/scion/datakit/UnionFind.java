package dev.scion.datakit;

import java.util.Arrays;

/**
 * Disjoint sets over ordinals 0..n-1 that grow as documents arrive. The root of a set is always its
 * smallest ordinal, so the first occurrence of a group is the one kept.
 */
public final class UnionFind {
  private int[] parent = new int[1024];
  private int size;

  /** Makes room for ordinals below {@code n}, each in a set of its own. */
  public void grow(int n) {
    if (n > parent.length) {
      parent = Arrays.copyOf(parent, Math.max(n, parent.length * 2));
    }
    for (int i = size; i < n; i++) {
      parent[i] = i;
    }
    size = Math.max(size, n);
  }

  public int size() {
    return size;
  }

  public int find(int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  /** Joins the sets of {@code a} and {@code b}; returns false when they were already one. */
  public boolean union(int a, int b) {
    int ra = find(a);
    int rb = find(b);
    if (ra == rb) {
      return false;
    }
    if (ra < rb) {
      parent[rb] = ra;
    } else {
      parent[ra] = rb;
    }
    return true;
  }

  /** Whether {@code x} is the first member of its set (the one a deduplication keeps). */
  public boolean isRoot(int x) {
    return find(x) == x;
  }
}
