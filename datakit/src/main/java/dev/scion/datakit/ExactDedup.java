package dev.scion.datakit;

/**
 * Exact duplicates after {@link Text#normalize normalization} (case, Unicode forms, white space),
 * found by a 128-bit hash of the normalized text: memory per document is a few bytes, not its text.
 */
public final class ExactDedup implements Deduplicator {
  private static final long SEED_A = 0x5cb1_0a11_d3d0_0001L;
  private static final long SEED_B = 0x7f4a_7c15_9e37_79b9L;

  private final UnionFind groups = new UnionFind();
  private final LongIntMap first = new LongIntMap(1 << 16);
  private long[] second = new long[1 << 12];

  @Override
  public String method() {
    return "exact";
  }

  @Override
  public void add(Doc doc) {
    int ord = doc.ordinal();
    groups.grow(ord + 1);
    String norm = Text.normalize(doc.text());
    long a = Text.hash64(norm, SEED_A);
    long b = Text.hash64(norm, SEED_B);
    if (ord >= second.length) {
      second = java.util.Arrays.copyOf(second, Math.max(ord + 1, second.length * 2));
    }
    second[ord] = b;
    int seen = first.get(a);
    if (seen < 0) {
      first.put(a, ord);
    } else if (second[seen] == b) {
      groups.union(seen, ord);
    }
  }

  @Override
  public UnionFind finish(Progress progress) {
    return groups;
  }
}
