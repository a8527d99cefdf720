package dev.scion.vector.internal;

import java.util.Arrays;

/** A growable bit set over ordinals. */
public final class Bits {
  private long[] words;

  public Bits(int capacity) {
    words = new long[Math.max(1, (capacity + 63) >>> 6)];
  }

  public boolean get(int i) {
    int w = i >>> 6;
    long[] ws = words;
    return w < ws.length && (ws[w] & (1L << i)) != 0;
  }

  public void set(int i) {
    int w = i >>> 6;
    if (w >= words.length) {
      words = Arrays.copyOf(words, Math.max(w + 1, words.length * 3 / 2));
    }
    words[w] |= 1L << i;
  }

  public void clear(int i) {
    int w = i >>> 6;
    if (w < words.length) {
      words[w] &= ~(1L << i);
    }
  }

  public int cardinality() {
    int c = 0;
    for (long w : words) {
      c += Long.bitCount(w);
    }
    return c;
  }

  /** The first set bit at or after {@code from}, or -1. */
  public int nextSetBit(int from) {
    int w = from >>> 6;
    if (w >= words.length) {
      return -1;
    }
    long word = words[w] & (-1L << from);
    while (true) {
      if (word != 0) {
        return (w << 6) + Long.numberOfTrailingZeros(word);
      }
      if (++w >= words.length) {
        return -1;
      }
      word = words[w];
    }
  }

  public void and(Bits other) {
    int n = Math.min(words.length, other.words.length);
    for (int i = 0; i < n; i++) {
      words[i] &= other.words[i];
    }
    Arrays.fill(words, n, words.length, 0L);
  }

  public void or(Bits other) {
    if (other.words.length > words.length) {
      words = Arrays.copyOf(words, other.words.length);
    }
    for (int i = 0; i < other.words.length; i++) {
      words[i] |= other.words[i];
    }
  }

  public void andNot(Bits other) {
    int n = Math.min(words.length, other.words.length);
    for (int i = 0; i < n; i++) {
      words[i] &= ~other.words[i];
    }
  }

  public Bits copy() {
    Bits b = new Bits(0);
    b.words = words.clone();
    return b;
  }
}
