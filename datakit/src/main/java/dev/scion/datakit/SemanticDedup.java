package dev.scion.datakit;

import dev.scion.models.OnnxEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Semantic duplicates, SemDeDup-style: each text becomes an encoder vector; vectors are split by
 * k-means and pairs within a part whose cosine reaches the threshold are joined; one document per
 * cluster (the first) is kept. Vectors are held in memory (4 bytes per dimension per document).
 */
public final class SemanticDedup implements Deduplicator {
  /** Settings: the encoder, the cosine threshold, k-means parts (0: about sqrt n) and probes. */
  public record Options(String encoder, double threshold, int parts, int probes, long seed) {
    public static final Options DEFAULT = new Options(OnnxEncoder.BGE_SMALL_EN_V15, 0.95, 0, 2, 1);

    public Options {
      if (threshold <= 0 || threshold > 1) {
        throw new DataException(
            "a semantic threshold is a cosine similarity in (0, 1], not " + threshold);
      }
    }

    public Options withThreshold(double t) {
      return new Options(encoder, t, parts, probes, seed);
    }
  }

  private static final int BATCH = 256;

  private final Options options;
  private final OnnxEncoder encoder;
  private final int dim;
  private final List<String> pending = new ArrayList<>(BATCH);
  private float[] vectors = new float[0];
  private int count;

  public SemanticDedup(Options options) {
    this.options = options;
    this.encoder =
        OnnxEncoder.load(options.encoder(), Runtime.getRuntime().availableProcessors(), 0);
    this.dim = encoder.dimension();
  }

  @Override
  public String method() {
    return "semantic";
  }

  @Override
  public void add(Doc doc) {
    pending.add(doc.text());
    if (pending.size() == BATCH) {
      flush();
    }
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    float[][] batch = encoder.embed(pending);
    long need = (long) (count + batch.length) * dim;
    if (need > Integer.MAX_VALUE - 8) {
      throw new DataException(
          "semantic dedup holds vectors in memory and is limited to "
              + (Integer.MAX_VALUE / dim)
              + " documents; split the input or use --method minhash");
    }
    if (need > vectors.length) {
      vectors =
          Arrays.copyOf(
              vectors, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, vectors.length * 2L)));
    }
    for (float[] v : batch) {
      System.arraycopy(v, 0, vectors, count * dim, dim);
      count++;
    }
    pending.clear();
  }

  @Override
  public UnionFind finish(Progress progress) {
    flush();
    progress.note(String.format(Locale.ROOT, "%,d texts encoded with %s", count, encoder.name()));
    return group(vectors, count, dim, options, progress);
  }

  /** Groups unit vectors whose cosine reaches the threshold. */
  public static UnionFind group(
      float[] vectors, int n, int dim, Options options, Progress progress) {
    UnionFind groups = new UnionFind();
    groups.grow(n);
    long[] pairs = new long[1];
    SimilarPairs.partitioned(
        vectors,
        n,
        dim,
        (float) options.threshold(),
        options.parts(),
        options.probes(),
        options.seed(),
        (i, j, s) -> {
          synchronized (groups) {
            pairs[0]++;
            groups.union(i, j);
          }
        });
    progress.note(
        String.format(
            Locale.ROOT, "%,d similar pairs at cosine >= %s", pairs[0], options.threshold()));
    return groups;
  }

  @Override
  public void close() {
    encoder.close();
  }
}
