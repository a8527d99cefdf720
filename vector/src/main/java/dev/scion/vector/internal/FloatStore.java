package dev.scion.vector.internal;

import java.util.Arrays;

/**
 * Append-only float vectors in pages of a power-of-two number of points, so that a vector never
 * straddles two arrays and a collection may hold more than 2^31 floats.
 */
public final class FloatStore {
  private final int dim;
  private final int pageShift;
  private final int pageMask;
  private float[][] pages = new float[0][];

  public FloatStore(int dim) {
    this.dim = dim;
    this.pageShift = Math.max(0, 31 - Integer.numberOfLeadingZeros(Math.max(1, (1 << 22) / dim)));
    this.pageMask = (1 << pageShift) - 1;
  }

  public int dim() {
    return dim;
  }

  public void set(int ord, float[] v) {
    int p = ord >>> pageShift;
    if (p >= pages.length) {
      float[][] grown = Arrays.copyOf(pages, p + 1);
      for (int i = pages.length; i <= p; i++) {
        grown[i] = new float[(pageMask + 1) * dim];
      }
      pages = grown;
    }
    System.arraycopy(v, 0, pages[p], (ord & pageMask) * dim, dim);
  }

  public float[] page(int ord) {
    return pages[ord >>> pageShift];
  }

  public int offset(int ord) {
    return (ord & pageMask) * dim;
  }

  public float[] get(int ord) {
    return Arrays.copyOfRange(page(ord), offset(ord), offset(ord) + dim);
  }

  public long bytesUsed() {
    return (long) pages.length * (pageMask + 1) * dim * Float.BYTES;
  }
}
