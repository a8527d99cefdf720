package dev.scion.bench;

import dev.scion.datakit.UnionFind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A straightforward MinHash-LSH, written the way it usually is (as in datasketch): shingles as a
 * set of strings, each permutation {@code (a * hash + b) mod p} over every shingle, bands as lists
 * in a hash map, candidates verified by set intersection. The baseline for throughput.
 */
final class ReferenceMinHash {
  private static final long PRIME = (1L << 61) - 1;

  private ReferenceMinHash() {}

  static UnionFind run(
      List<String> texts, int shingle, int permutations, double threshold, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] a = new long[permutations];
    long[] b = new long[permutations];
    for (int i = 0; i < permutations; i++) {
      a[i] = random.nextLong(1, PRIME);
      b[i] = random.nextLong(0, PRIME);
    }
    int bands = dev.scion.datakit.MinHash.bands(threshold, permutations);
    int rows = permutations / bands;
    List<Map<List<Long>, List<Integer>>> buckets = new ArrayList<>();
    for (int i = 0; i < bands; i++) {
      buckets.add(new HashMap<>());
    }
    List<Set<String>> sets = new ArrayList<>();
    UnionFind groups = new UnionFind();
    for (int d = 0; d < texts.size(); d++) {
      groups.grow(d + 1);
      String[] words = texts.get(d).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
      Set<String> set = new HashSet<>();
      for (int i = 0; i + shingle <= Math.max(shingle, words.length); i++) {
        set.add(
            String.join(
                " ", java.util.Arrays.copyOfRange(words, i, Math.min(words.length, i + shingle))));
      }
      sets.add(set);
      long[] sig = new long[permutations];
      java.util.Arrays.fill(sig, Long.MAX_VALUE);
      for (int p = 0; p < permutations; p++) {
        for (String s : set) {
          long h = s.hashCode() & 0xffffffffL;
          long v = Long.remainderUnsigned(a[p] * h + b[p], PRIME); // wraps, as numpy's uint64
          sig[p] = Math.min(sig[p], v);
        }
      }
      Set<Integer> candidates = new HashSet<>();
      for (int band = 0; band < bands; band++) {
        List<Long> key = new ArrayList<>();
        for (int r = band * rows; r < (band + 1) * rows; r++) {
          key.add(sig[r]);
        }
        List<Integer> bucket = buckets.get(band).computeIfAbsent(key, k -> new ArrayList<>());
        candidates.addAll(bucket);
        bucket.add(d);
      }
      for (int c : candidates) {
        Set<String> other = sets.get(c);
        int common = 0;
        for (String s : set) {
          common += other.contains(s) ? 1 : 0;
        }
        if ((double) common / (set.size() + other.size() - common) >= threshold) {
          groups.union(c, d);
        }
      }
    }
    return groups;
  }
}
