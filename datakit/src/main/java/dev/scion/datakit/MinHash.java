package dev.scion.datakit;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MinHash signatures of word shingles. A document's shingles are its runs of {@code shingle}
 * consecutive {@link Text#words words} (the whole text when shorter), each hashed to 32 bits; the
 * signature holds, for each of {@code permutations} independent hash functions, the least hash of
 * any shingle. Two signatures agree at a position with probability equal to the Jaccard similarity
 * of the shingle sets.
 */
public final class MinHash {
  private final int shingle;
  private final int[] seeds;

  public MinHash(int shingle, int permutations, long seed) {
    if (shingle < 1) {
      throw new DataException("shingle size must be at least 1, not " + shingle);
    }
    if (permutations < 1) {
      throw new DataException("permutations must be at least 1, not " + permutations);
    }
    this.shingle = shingle;
    SplittableRandom random = new SplittableRandom(seed);
    this.seeds = new int[permutations];
    for (int i = 0; i < permutations; i++) {
      seeds[i] = random.nextInt();
    }
  }

  public int permutations() {
    return seeds.length;
  }

  /** The sorted, distinct 32-bit hashes of the shingles of {@code text}; empty for no words. */
  public int[] shingles(String text) {
    List<String> words = Text.words(text);
    if (words.isEmpty()) {
      return new int[0];
    }
    long[] wordHash = new long[words.size()];
    for (int i = 0; i < wordHash.length; i++) {
      wordHash[i] = Text.hash64(words.get(i), 0);
    }
    int count = Math.max(1, words.size() - shingle + 1);
    int[] out = new int[count];
    for (int s = 0; s < count; s++) {
      long h = 0x9E3779B97F4A7C15L;
      for (int k = s; k < Math.min(s + shingle, wordHash.length); k++) {
        h = Text.mix64(h ^ wordHash[k]);
      }
      out[s] = (int) (h ^ (h >>> 32));
    }
    Arrays.sort(out);
    int n = 0;
    for (int i = 0; i < out.length; i++) {
      if (i == 0 || out[i] != out[i - 1]) {
        out[n++] = out[i];
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The signature of a shingle set: hash functions are seeded 32-bit Murmur finalizers. */
  public int[] signature(int[] shingles) {
    int p = seeds.length;
    int[] sig = new int[p];
    Arrays.fill(sig, Integer.MAX_VALUE);
    for (int x : shingles) {
      for (int i = 0; i < p; i++) {
        int h = x ^ seeds[i];
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        sig[i] = Math.min(sig[i], h);
      }
    }
    return sig;
  }

  /** The chance that a pair exactly at the threshold becomes a candidate, at least. */
  public static final double RECALL_AT_THRESHOLD = 0.99;

  /**
   * The number of bands for a Jaccard {@code threshold}: the fewest (so the longest bands, which
   * pass the fewest dissimilar pairs) with which a pair exactly at the threshold still shares a
   * band with probability {@link #RECALL_AT_THRESHOLD}. Candidates are verified exactly, so a
   * dissimilar candidate costs only time, while a missed pair is lost.
   */
  public static int bands(double threshold, int permutations) {
    for (int rows = permutations; rows > 1; rows--) {
      int b = permutations / rows;
      if (1 - Math.pow(1 - Math.pow(threshold, rows), b) >= RECALL_AT_THRESHOLD) {
        return b;
      }
    }
    return permutations;
  }
}
