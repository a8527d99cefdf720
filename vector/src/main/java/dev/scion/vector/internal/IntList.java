package dev.scion.vector.internal;

import java.util.Arrays;

/** An append-only list of ints that one writer grows and many readers read. */
final class IntList {
  private int[] values = new int[4];
  private volatile int size;

  void add(int v) {
    int n = size;
    if (n == values.length) {
      values = Arrays.copyOf(values, n * 2);
    }
    values[n] = v;
    size = n + 1;
  }

  /** Sets the bits of every value below {@code limit}. */
  void setBits(Bits bits, int limit) {
    int n = size;
    int[] vs = values;
    for (int i = 0; i < n; i++) {
      if (vs[i] < limit) {
        bits.set(vs[i]);
      }
    }
  }
}
