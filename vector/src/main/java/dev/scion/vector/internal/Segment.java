package dev.scion.vector.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.vector.CollectionConfig;
import dev.scion.vector.Condition;
import dev.scion.vector.Filter;
import dev.scion.vector.PayloadSchema;
import dev.scion.vector.Point;
import dev.scion.vector.PointId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.IntPredicate;

/**
 * The in-memory state of a collection: points by ordinal, the id map, the HNSW graph and the
 * payload indexes. Writes come from one writer at a time (the collection's lock); reads are
 * lock-free. Replacing or deleting a point marks its ordinal deleted; {@link #compactedCopy}
 * reclaims them.
 */
public final class Segment {
  /** The number of points at which the int8 quantizer is trained. */
  static final int QUANTIZE_AT = Integer.getInteger("scion.quantizeAt", 1024);

  private static final ThreadLocal<HnswGraphSearcher> SEARCHERS =
      ThreadLocal.withInitial(HnswGraphSearcher::new);

  /** A search hit: an ordinal and its exact distance (lower is closer). */
  public record Hit(int ordinal, float distance) {}

  private final CollectionConfig config;
  private final int dim;
  final GraphVectors vectors;
  final HnswGraph graph;
  private final HnswGraphBuilder builder;
  private PointId[] ids = new PointId[0];
  private ObjectNode[] payloads = new ObjectNode[0];
  private final Bits deleted = new Bits(0);
  private final ConcurrentSkipListMap<PointId, Integer> ordinals = new ConcurrentSkipListMap<>();
  private final Map<String, PayloadIndex> indexes = new ConcurrentHashMap<>();
  private final byte[] codeScratch;
  private volatile int size;
  private volatile int live;

  public Segment(CollectionConfig config, Map<String, PayloadSchema> schema) {
    this.config = config;
    this.dim = config.dimension();
    this.vectors = new GraphVectors(config.distance(), dim);
    this.graph = new HnswGraph(config.hnsw().m());
    this.builder = new HnswGraphBuilder(graph, vectors, config.hnsw().efConstruction(), 42);
    this.codeScratch = new byte[dim];
    schema.forEach((k, v) -> indexes.put(k, new PayloadIndex(k, v)));
  }

  public CollectionConfig config() {
    return config;
  }

  /** Ordinals in use, deleted ones included. */
  public int size() {
    return size;
  }

  public int liveCount() {
    return live;
  }

  public boolean quantized() {
    return vectors.quantizer() != null;
  }

  public long bytesUsed() {
    return vectors.bytesUsed() + graph.bytesUsed() + (long) ids.length * 16;
  }

  // ---- writes (single writer) ----

  public void apply(Operation op) {
    switch (op) {
      case Operation.Upsert u -> u.points().forEach(this::upsert);
      case Operation.Delete d -> d.ids().forEach(this::delete);
    }
  }

  public void upsert(Point p) {
    int ord = size;
    storePoint(ord, p.id(), p.vector(), p.payload());
    if (vectors.quantizer() == null && ord + 1 >= QUANTIZE_AT) {
      vectors.quantize(
          ScalarQuantizer.train(vectors.floats, ord + 1, vectors.symmetricQuantization()), ord + 1);
    }
    builder.insert(ord);
    Integer old = ordinals.put(p.id(), ord);
    size = ord + 1;
    if (old != null) {
      deleted.set(old);
    } else {
      live++;
    }
  }

  private void storePoint(int ord, PointId id, float[] vector, ObjectNode payload) {
    if (ord >= ids.length) {
      int capacity = Math.max(ord + 1, ids.length * 3 / 2 + 16);
      ids = Arrays.copyOf(ids, capacity);
      payloads = Arrays.copyOf(payloads, capacity);
    }
    ids[ord] = id;
    payloads[ord] = payload;
    vectors.set(ord, vector, codeScratch);
    for (PayloadIndex index : indexes.values()) {
      index.add(ord, payload);
    }
  }

  public boolean delete(PointId id) {
    Integer ord = ordinals.remove(id);
    if (ord == null) {
      return false;
    }
    deleted.set(ord);
    live--;
    return true;
  }

  public void createIndex(String key, PayloadSchema schema) {
    PayloadIndex index = new PayloadIndex(key, schema);
    int n = size;
    for (int ord = 0; ord < n; ord++) {
      if (!deleted.get(ord)) {
        index.add(ord, payloads[ord]);
      }
    }
    indexes.put(key, index);
  }

  public void dropIndex(String key) {
    indexes.remove(key);
  }

  /** A new segment with the live points below {@code n}, a fresh graph and quantizer. */
  public Segment compactedCopy(int n, Map<String, PayloadSchema> schema) {
    Segment fresh = new Segment(config, schema);
    for (int ord = 0; ord < n; ord++) {
      if (!deleted.get(ord)) {
        fresh.upsert(new Point(ids[ord], vectors.floats.get(ord), payloads[ord]));
      }
    }
    return fresh;
  }

  // ---- restore from a segment file ----

  void restorePoint(int ord, PointId id, float[] vector, ObjectNode payload, boolean isDeleted) {
    storePoint(ord, id, vector, isDeleted ? null : payload);
    if (isDeleted) {
      deleted.set(ord);
    } else {
      ordinals.put(id, ord);
      live++;
    }
  }

  void finishRestore(int n, ScalarQuantizer quantizer) {
    if (quantizer != null) {
      vectors.quantize(quantizer, n);
    }
    size = n;
  }

  boolean isDeleted(int ord) {
    return deleted.get(ord);
  }

  // ---- reads (lock-free) ----

  public PointId id(int ord) {
    return ids[ord];
  }

  public ObjectNode payload(int ord) {
    return payloads[ord];
  }

  public float[] vector(int ord) {
    return vectors.floats.get(ord);
  }

  /** The live ordinal of {@code id}, or -1. */
  public int ordinal(PointId id) {
    Integer ord = ordinals.get(id);
    return ord == null ? -1 : ord;
  }

  /**
   * The {@code k} nearest live points that pass {@code filter}. Walks the graph with beam {@code
   * ef} unless {@code exact} is asked, or the candidates are few enough (the full-scan threshold),
   * or the filtered walk would score more points than pass the filter.
   */
  public List<Hit> search(float[] query, int k, int ef, Filter filter, boolean exact) {
    int n = size;
    Bits accepted = filter == null || filter.isEmpty() ? null : evaluate(filter, n);
    long candidates = accepted == null ? live : accepted.cardinality();
    if (candidates == 0) {
      return List.of();
    }
    long fullScanPoints = config.hnsw().fullScanThresholdKb() * 1024L / (dim * 4L);
    if (exact || candidates <= fullScanPoints || candidates <= k) {
      return exactSearch(query, k, accepted, n);
    }
    int beam = Math.max(ef > 0 ? ef : config.hnsw().efConstruction(), k);
    IntPredicate accept = accepted == null ? o -> o < n && !deleted.get(o) : accepted::get;
    HnswGraphSearcher searcher = SEARCHERS.get();
    long limit = accepted == null ? Long.MAX_VALUE : candidates;
    if (!searcher.search(graph, vectors.walkScorer(query), beam, accept, n, limit)) {
      return exactSearch(query, k, accepted, n);
    }
    return rerank(query, searcher.results, k);
  }

  private List<Hit> rerank(float[] query, NeighborQueue results, int k) {
    boolean rescore = vectors.quantizer() != null;
    Hit[] hits = new Hit[results.size()];
    for (int i = 0; results.size() > 0; i++) {
      long code = results.pop();
      int ord = NeighborQueue.decodeNode(code);
      float d = rescore ? vectors.exactDistance(query, 0, ord) : NeighborQueue.decodeDistance(code);
      hits[i] = new Hit(ord, d);
    }
    Arrays.sort(hits, (a, b) -> Float.compare(a.distance(), b.distance()));
    return List.of(Arrays.copyOf(hits, Math.min(k, hits.length)));
  }

  private List<Hit> exactSearch(float[] query, int k, Bits accepted, int n) {
    NeighborQueue top = new NeighborQueue(true);
    if (accepted == null) {
      for (int ord = 0; ord < n; ord++) {
        if (!deleted.get(ord)) {
          offer(top, k, vectors.exactDistance(query, 0, ord), ord);
        }
      }
    } else {
      for (int ord = accepted.nextSetBit(0);
          ord >= 0 && ord < n;
          ord = accepted.nextSetBit(ord + 1)) {
        offer(top, k, vectors.exactDistance(query, 0, ord), ord);
      }
    }
    Hit[] hits = new Hit[top.size()];
    for (int i = hits.length - 1; i >= 0; i--) {
      long code = top.pop();
      hits[i] = new Hit(NeighborQueue.decodeNode(code), NeighborQueue.decodeDistance(code));
    }
    return List.of(hits);
  }

  private static void offer(NeighborQueue top, int k, float d, int ord) {
    if (top.size() < k) {
      top.add(d, ord);
    } else if (d < top.topDistance()) {
      top.pop();
      top.add(d, ord);
    }
  }

  /** The number of live points that pass {@code filter} (all live points for null). */
  public int count(Filter filter) {
    return filter == null || filter.isEmpty() ? live : evaluate(filter, size).cardinality();
  }

  /** Up to {@code limit} live points with id at or after {@code from}, in id order. */
  public List<Integer> scroll(Filter filter, PointId from, int limit) {
    Bits accepted = filter == null || filter.isEmpty() ? null : evaluate(filter, size);
    ConcurrentNavigableMap<PointId, Integer> tail =
        from == null ? ordinals : ordinals.tailMap(from, true);
    List<Integer> out = new ArrayList<>(Math.min(limit, 1024));
    for (Integer ord : tail.values()) {
      if (accepted == null || accepted.get(ord)) {
        out.add(ord);
        if (out.size() == limit) {
          break;
        }
      }
    }
    return out;
  }

  /** The live ordinals below {@code n} that pass {@code filter}. */
  public Bits evaluate(Filter filter, int n) {
    Bits liveBits = liveBits(n);
    if (!usesIndex(filter)) {
      return scan(liveBits, ord -> FilterMatcher.matches(filter, ids[ord], payloads[ord]));
    }
    Bits result = liveBits.copy();
    for (Condition c : filter.must()) {
      result.and(evaluate(c, liveBits, n));
    }
    if (!filter.should().isEmpty()) {
      Bits any = new Bits(n);
      for (Condition c : filter.should()) {
        any.or(evaluate(c, liveBits, n));
      }
      result.and(any);
    }
    for (Condition c : filter.mustNot()) {
      result.andNot(evaluate(c, liveBits, n));
    }
    return result;
  }

  private Bits evaluate(Condition c, Bits liveBits, int n) {
    if (c instanceof Condition.Sub s) {
      return evaluate(s.filter(), n);
    }
    PayloadIndex index = indexFor(c);
    if (index != null) {
      return index.evaluate(c, n);
    }
    return scan(liveBits, ord -> FilterMatcher.matches(c, ids[ord], payloads[ord]));
  }

  private boolean usesIndex(Filter f) {
    if (indexes.isEmpty()) {
      return false;
    }
    for (List<Condition> list : List.of(f.must(), f.should(), f.mustNot())) {
      for (Condition c : list) {
        if (indexFor(c) != null || (c instanceof Condition.Sub s && usesIndex(s.filter()))) {
          return true;
        }
      }
    }
    return false;
  }

  private PayloadIndex indexFor(Condition c) {
    String key =
        switch (c) {
          case Condition.Match m -> m.key();
          case Condition.MatchAny m -> m.key();
          case Condition.Range r -> r.key();
          default -> null;
        };
    PayloadIndex index = key == null ? null : indexes.get(key);
    return index != null && index.supports(c) ? index : null;
  }

  private Bits liveBits(int n) {
    Bits bits = new Bits(n);
    for (int ord = 0; ord < n; ord++) {
      if (!deleted.get(ord)) {
        bits.set(ord);
      }
    }
    return bits;
  }

  private static Bits scan(Bits candidates, IntPredicate test) {
    Bits out = new Bits(0);
    for (int ord = candidates.nextSetBit(0); ord >= 0; ord = candidates.nextSetBit(ord + 1)) {
      if (test.test(ord)) {
        out.set(ord);
      }
    }
    return out;
  }
}
