package dev.scion.vector.internal;

import java.util.Arrays;

/** Append-only int8 codes of vectors, paged like {@link FloatStore}, with each code's sum. */
final class ByteStore {
  private final int dim;
  private final int pageShift;
  private final int pageMask;
  private byte[][] pages = new byte[0][];
  private int[] sums = new int[0];

  ByteStore(int dim) {
    this.dim = dim;
    this.pageShift = Math.max(0, 31 - Integer.numberOfLeadingZeros(Math.max(1, (1 << 24) / dim)));
    this.pageMask = (1 << pageShift) - 1;
  }

  void set(int ord, byte[] code, int sum) {
    int p = ord >>> pageShift;
    if (p >= pages.length) {
      byte[][] grown = Arrays.copyOf(pages, p + 1);
      for (int i = pages.length; i <= p; i++) {
        grown[i] = new byte[(pageMask + 1) * dim];
      }
      pages = grown;
    }
    if (ord >= sums.length) {
      sums = Arrays.copyOf(sums, Math.max(ord + 1, sums.length * 3 / 2 + 16));
    }
    System.arraycopy(code, 0, pages[p], (ord & pageMask) * dim, dim);
    sums[ord] = sum;
  }

  byte[] page(int ord) {
    return pages[ord >>> pageShift];
  }

  int offset(int ord) {
    return (ord & pageMask) * dim;
  }

  int sum(int ord) {
    return sums[ord];
  }

  long bytesUsed() {
    return (long) pages.length * (pageMask + 1) * dim + (long) sums.length * Integer.BYTES;
  }
}
