package dev.scion.datakit;

import java.util.Arrays;

/**
 * Near-duplicates by MinHash-LSH: signatures are cut into bands; documents sharing a band's values
 * become candidates, each candidate pair is verified by the exact Jaccard similarity of the shingle
 * sets, and verified pairs are joined into clusters.
 */
public final class MinHashDedup implements Deduplicator {
  /**
   * Settings: word {@code shingle} size, {@code permutations}, {@code bands} (0 chooses them for
   * the threshold; rows = permutations / bands), the Jaccard {@code threshold}, and how many
   * earlier members of one bucket a document is compared with at most.
   */
  public record Options(
      int shingle, int permutations, int bands, double threshold, int maxCompare, long seed) {
    public static final Options DEFAULT = new Options(5, 128, 0, 0.8, 64, 1);

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
      return new Options(shingle, permutations, bands, t, maxCompare, seed);
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
        if (store.jaccard(c, set) >= options.threshold()) {
          verified++;
          groups.union(c, ord);
        }
      }
    }
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
