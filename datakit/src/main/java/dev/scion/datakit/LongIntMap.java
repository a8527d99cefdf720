package dev.scion.datakit;

/** An open-addressing map from long keys to int values, with no boxing; -1 means absent. */
final class LongIntMap {
  private long[] keys;
  private int[] values;
  private boolean[] used;
  private int size;

  LongIntMap(int capacity) {
    int n = Integer.highestOneBit(Math.max(16, capacity * 2) - 1) << 1;
    keys = new long[n];
    values = new int[n];
    used = new boolean[n];
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32) & mask;
  }

  int get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); used[i]; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i];
      }
    }
    return -1;
  }

  /** Sets {@code key} to {@code value} and returns the previous value, or -1. */
  int put(long key, int value) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    for (; used[i]; i = (i + 1) & mask) {
      if (keys[i] == key) {
        int old = values[i];
        values[i] = value;
        return old;
      }
    }
    used[i] = true;
    keys[i] = key;
    values[i] = value;
    if (++size * 2 > keys.length) {
      rehash();
    }
    return -1;
  }

  int size() {
    return size;
  }

  private void rehash() {
    long[] k = keys;
    int[] v = values;
    boolean[] u = used;
    keys = new long[k.length * 2];
    values = new int[k.length * 2];
    used = new boolean[k.length * 2];
    size = 0;
    for (int i = 0; i < k.length; i++) {
      if (u[i]) {
        put(k[i], v[i]);
      }
    }
  }
}
