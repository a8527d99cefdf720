package dev.scion.datakit;

import java.util.Arrays;
import java.util.List;

/**
 * Near-duplicates by MinHash-LSH: signatures are cut into bands; documents sharing a band's values
 * become candidates, each candidate pair is verified by the exact Jaccard similarity of the shingle
 * sets, and verified pairs are joined into clusters.
 */
public final class MinHashDedup implements Deduplicator {
  /**
   * Settings: word {@code shingle} size, {@code permutations}, {@code bands} (0 chooses them for
   * the threshold; rows = permutations / bands), the Jaccard {@code threshold}, how many earlier
   * members of one bucket a document is compared with at most, and the linkage. With {@code
   * majority} (the default) a document joins one cluster at most, and only when it reaches the
   * threshold with at least half of the cluster's members (the first 16 of them), so clusters do
   * not chain dissimilar documents together; without it, every verified pair joins its clusters
   * (single linkage: A~B and B~C put A and C together however far apart they are).
   */
  public record Options(
      int shingle,
      int permutations,
      int bands,
      double threshold,
      int maxCompare,
      boolean majority,
      long seed) {
    public static final Options DEFAULT = new Options(5, 128, 0, 0.8, 64, true, 1);

    public Options {
      if (threshold <= 0 || threshold > 1) {
        throw new DataException(
            "a MinHash threshold is a Jaccard similarity in (0, 1], not " + threshold);
      }
      if (bands < 0 || bands > permutations) {
        throw new DataException(
            "bands must be between 1 and the permutations (" + permutations + ")");
      }
    }

    public Options withThreshold(double t) {
      return new Options(shingle, permutations, bands, t, maxCompare, majority, seed);
    }

    public Options withMajority(boolean m) {
      return new Options(shingle, permutations, bands, threshold, maxCompare, m, seed);
    }
  }

  private final Options options;
  private final MinHash minHash;
  private final int bands;
  private final int rows;
  private final LongIntMap[] heads;
  private int[][] next;
  private final UnionFind groups = new UnionFind();
  private final ShingleStore store = new ShingleStore();

  /** With majority linkage, the members of each cluster of more than one, by root. */
  private final java.util.Map<Integer, List<Integer>> members = new java.util.HashMap<>();

  /** With majority linkage, how many members of a cluster a newcomer is compared with. */
  private static final int MAJORITY_CHECKS = 16;

  private long candidates;
  private long verified;

  public MinHashDedup(Options options) {
    this.options = options;
    this.minHash = new MinHash(options.shingle(), options.permutations(), options.seed());
    this.bands =
        options.bands() > 0
            ? options.bands()
            : MinHash.bands(options.threshold(), options.permutations());
    this.rows = options.permutations() / bands;
    this.heads = new LongIntMap[bands];
    this.next = new int[bands][1024];
    for (int b = 0; b < bands; b++) {
      heads[b] = new LongIntMap(1 << 12);
    }
  }

  @Override
  public String method() {
    return "minhash";
  }

  public int bands() {
    return bands;
  }

  public int rows() {
    return rows;
  }

  @Override
  public void add(Doc doc) {
    int ord = doc.ordinal();
    groups.grow(ord + 1);
    int[] set = minHash.shingles(doc.text());
    if (set.length == 0) {
      return;
    }
    store.put(ord, set);
    int[] sig = minHash.signature(set);
    if (ord >= next[0].length) {
      for (int b = 0; b < bands; b++) {
        next[b] = Arrays.copyOf(next[b], Math.max(ord + 1, next[b].length * 2));
      }
    }
    LongIntMap seen = new LongIntMap(16);
    for (int b = 0; b < bands; b++) {
      long key = b;
      for (int r = b * rows; r < (b + 1) * rows; r++) {
        key = Text.mix64(key * 31 + sig[r]);
      }
      int prev = heads[b].put(key, ord);
      next[b][ord] = prev;
      int compared = 0;
      for (int c = prev; c >= 0 && compared < options.maxCompare(); c = next[b][c]) {
        if (groups.find(c) == groups.find(ord) || seen.put(c, 1) >= 0) {
          continue;
        }
        compared++;
        candidates++;
        if (store.jaccard(c, set) >= options.threshold()
            && (!options.majority() || joinsMajority(c, set))) {
          verified++;
          groups.union(c, ord);
          if (options.majority()) {
            members
                .computeIfAbsent(groups.find(c), r -> new java.util.ArrayList<>(List.of(r)))
                .add(ord);
            return;
          }
        }
      }
    }
  }

  /**
   * Whether {@code set} reaches the threshold with half the members (up to a cap) of c's cluster.
   */
  private boolean joinsMajority(int c, int[] set) {
    List<Integer> cluster = members.get(groups.find(c));
    if (cluster == null) {
      return true; // c is alone, and already verified
    }
    int checked = Math.min(MAJORITY_CHECKS, cluster.size());
    int similar = 0;
    for (int i = 0; i < checked; i++) {
      int m = cluster.get(i);
      if (m == c || store.jaccard(m, set) >= options.threshold()) {
        similar++;
      }
    }
    return 2 * similar >= checked;
  }

  /** Candidate pairs compared so far, and of those, pairs verified as near-duplicates. */
  public long candidates() {
    return candidates;
  }

  public long verified() {
    return verified;
  }

  @Override
  public UnionFind finish(Progress progress) {
    progress.note(
        String.format(
            java.util.Locale.ROOT,
            "%d bands x %d rows; %,d candidate pairs compared, %,d verified",
            bands,
            rows,
            candidates,
            verified));
    return groups;
  }

  @Override
  public void close() {
    store.close();
  }
}
