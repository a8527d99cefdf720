package dev.scion.vector.internal;

import java.util.function.IntPredicate;

/**
 * The search of HNSW (the paper's SEARCH-LAYER and K-NN-SEARCH), with its scratch state. Not
 * thread-safe: each thread uses its own.
 */
final class HnswGraphSearcher {
  private final VisitedSet visited = new VisitedSet();
  private final NeighborQueue candidates = new NeighborQueue(false);
  final NeighborQueue results = new NeighborQueue(true);
  private int visitedCount;
  private int[] batch = new int[64];
  private float[] batchDistances = new float[64];

  /**
   * Searches the whole graph: greedy descent on the upper layers, then a beam of width {@code ef}
   * on layer 0 that collects only nodes {@code accept} takes (null takes all). Nodes at or above
   * {@code size} are ignored. Returns false when more than {@code visitLimit} nodes were scored, in
   * which case the caller should search exactly instead.
   */
  boolean search(
      HnswGraph graph, NodeScorer scorer, int ef, IntPredicate accept, int size, long visitLimit) {
    results.clear();
    long entry = graph.entry();
    if (entry == -1L) {
      return true;
    }
    int ep = (int) entry;
    int top = (int) (entry >>> 32);
    float epDistance = scorer.distance(ep);
    for (int level = top; level > 0; level--) {
      long best = findBestEntryPoint(graph, scorer, ep, epDistance, level, size);
      ep = NeighborQueue.decodeNode(best);
      epDistance = NeighborQueue.decodeDistance(best);
    }
    // The entry point may be a node inserted after the caller read size: visible, but not counted.
    visited.reset(Math.max(size, ep + 1));
    candidates.clear();
    seed(ep, epDistance, accept);
    return searchLevel(graph, scorer, ef, 0, accept, size, visitLimit);
  }

  /** Greedy walk on one layer towards the query; returns the packed (distance, node) reached. */
  long findBestEntryPoint(
      HnswGraph graph, NodeScorer scorer, int ep, float epDistance, int level, int size) {
    boolean changed = true;
    while (changed) {
      changed = false;
      int[] links = graph.links(ep, level);
      int off = graph.linksOffset(ep, level);
      int count = links[off];
      for (int i = 1; i <= count; i++) {
        int n = links[off + i];
        if (n >= size) {
          continue;
        }
        float d = scorer.distance(n);
        if (d < epDistance) {
          epDistance = d;
          ep = n;
          changed = true;
        }
      }
    }
    return NeighborQueue.encode(epDistance, ep);
  }

  /** Gathers the links of {@code node} not yet visited (and below {@code size}) into the batch. */
  private int collectUnvisited(HnswGraph graph, int node, int level, int size) {
    int[] links = graph.links(node, level);
    int off = graph.linksOffset(node, level);
    int count = links[off];
    if (batch.length < count) {
      batch = new int[count];
      batchDistances = new float[count];
    }
    int c = 0;
    for (int i = 1; i <= count; i++) {
      int n = links[off + i];
      if (n < size && visited.visit(n)) {
        batch[c++] = n;
      }
    }
    return c;
  }

  /** Starts a layer search from the given entry points (used while building). */
  void startLevel(int size) {
    visited.reset(size);
    candidates.clear();
    results.clear();
    visitedCount = 0;
  }

  void seed(int node, float distance, IntPredicate accept) {
    if (visited.visit(node)) {
      candidates.add(distance, node);
      if (accept == null || accept.test(node)) {
        results.add(distance, node);
      }
    }
  }

  /** The paper's SEARCH-LAYER: a best-first beam of width {@code ef} on one layer. */
  boolean searchLevel(
      HnswGraph graph,
      NodeScorer scorer,
      int ef,
      int level,
      IntPredicate accept,
      int size,
      long visitLimit) {
    visitedCount = 0;
    while (candidates.size() > 0) {
      float nearest = candidates.topDistance();
      if (results.size() >= ef && nearest > results.topDistance()) {
        break;
      }
      int node = NeighborQueue.decodeNode(candidates.pop());
      int count = collectUnvisited(graph, node, level, size);
      visitedCount += count;
      if (visitedCount > visitLimit) {
        return false;
      }
      scorer.distances(batch, count, batchDistances);
      for (int i = 0; i < count; i++) {
        float d = batchDistances[i];
        if (results.size() < ef || d < results.topDistance()) {
          int n = batch[i];
          candidates.add(d, n);
          if (accept == null || accept.test(n)) {
            results.add(d, n);
            if (results.size() > ef) {
              results.pop();
            }
          }
        }
      }
    }
    return true;
  }
}
