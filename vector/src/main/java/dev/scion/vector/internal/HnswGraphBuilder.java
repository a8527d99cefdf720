package dev.scion.vector.internal;

import java.util.SplittableRandom;

/**
 * Inserts nodes into an {@link HnswGraph} (the paper's INSERT with the neighbour-selection
 * heuristic, SELECT-NEIGHBORS-HEURISTIC, without extending candidates or keeping pruned links, as
 * hnswlib and Lucene do). Single writer.
 */
final class HnswGraphBuilder {
  private static final int MAX_LEVEL = 24;

  private final HnswGraph graph;
  private final GraphVectors vectors;
  private final int efConstruction;
  private final double levelMultiplier;
  private final SplittableRandom random;
  private final HnswGraphSearcher searcher = new HnswGraphSearcher();
  private int[] candidateNodes = new int[0];
  private float[] candidateDistances = new float[0];
  private final int[] selected;
  private final int[] pruneNodes;
  private final float[] pruneDistances;
  private final int[] pruneKept;

  HnswGraphBuilder(HnswGraph graph, GraphVectors vectors, int efConstruction, long seed) {
    this.graph = graph;
    this.vectors = vectors;
    this.efConstruction = efConstruction;
    this.levelMultiplier = 1 / Math.log(graph.m);
    this.random = new SplittableRandom(seed);
    this.selected = new int[graph.m0 + 1];
    this.pruneNodes = new int[graph.m0 + 1];
    this.pruneDistances = new float[graph.m0 + 1];
    this.pruneKept = new int[graph.m0 + 1];
  }

  /** Links node {@code node}, whose vector is stored; nodes below it are already in the graph. */
  void insert(int node) {
    int level = randomLevel();
    graph.addNode(node, level);
    long entry = graph.entry();
    if (entry == -1L) {
      graph.setEntry(node, level);
      return;
    }
    int ep = (int) entry;
    int top = (int) (entry >>> 32);
    NodeScorer scorer = vectors.walkScorerForNode(node);
    float epDistance = scorer.distance(ep);
    for (int l = top; l > level; l--) {
      long best = searcher.findBestEntryPoint(graph, scorer, ep, epDistance, l, node);
      ep = NeighborQueue.decodeNode(best);
      epDistance = NeighborQueue.decodeDistance(best);
    }
    searcher.startLevel(node);
    searcher.seed(ep, epDistance, null);
    for (int l = Math.min(level, top); l >= 0; l--) {
      searcher.searchLevel(graph, scorer, efConstruction, l, null, node, Long.MAX_VALUE);
      int count = drainCandidates();
      int kept = selectDiverse(candidateNodes, candidateDistances, count, graph.m, selected);
      graph.setLinks(node, l, selected, kept);
      for (int i = 0; i < kept; i++) {
        linkBack(selected[i], node, l);
      }
      if (l > 0) {
        searcher.startLevel(node);
        for (int i = 0; i < count; i++) {
          searcher.seed(candidateNodes[i], candidateDistances[i], null);
        }
      }
    }
    if (level > top) {
      graph.setEntry(node, level);
    }
  }

  private int randomLevel() {
    double u = 1.0 - random.nextDouble();
    return (int) Math.min(MAX_LEVEL, Math.floor(-Math.log(u) * levelMultiplier));
  }

  /** Moves the searcher's results into the candidate arrays, nearest first. */
  private int drainCandidates() {
    NeighborQueue results = searcher.results;
    int count = results.size();
    if (candidateNodes.length < count) {
      candidateNodes = new int[count];
      candidateDistances = new float[count];
    }
    for (int i = count - 1; i >= 0; i--) {
      long code = results.pop();
      candidateNodes[i] = NeighborQueue.decodeNode(code);
      candidateDistances[i] = NeighborQueue.decodeDistance(code);
    }
    return count;
  }

  /**
   * The heuristic: walk candidates nearest first and keep one only if it is closer to the base than
   * to every candidate already kept, which spreads links in all directions.
   */
  private int selectDiverse(int[] nodes, float[] distances, int count, int max, int[] out) {
    int kept = 0;
    for (int i = 0; i < count && kept < max; i++) {
      int c = nodes[i];
      boolean diverse = true;
      for (int j = 0; j < kept; j++) {
        if (vectors.walkDistance(c, out[j]) < distances[i]) {
          diverse = false;
          break;
        }
      }
      if (diverse) {
        out[kept++] = c;
      }
    }
    return kept;
  }

  /** Adds the reverse link {@code from -> to}; a full list is pruned with the heuristic. */
  private void linkBack(int from, int to, int level) {
    int[] links = graph.links(from, level);
    int off = graph.linksOffset(from, level);
    int count = links[off];
    int max = graph.maxLinks(level);
    if (count < max) {
      links[off + 1 + count] = to;
      links[off] = count + 1;
      return;
    }
    NodeScorer scorer = vectors.walkScorerForNode(from);
    int[] nodes = pruneNodes;
    float[] distances = pruneDistances;
    for (int i = 0; i < count; i++) {
      nodes[i] = links[off + 1 + i];
      distances[i] = scorer.distance(nodes[i]);
    }
    nodes[count] = to;
    distances[count] = scorer.distance(to);
    sortByDistance(nodes, distances, count + 1);
    int kept = selectDiverse(nodes, distances, count + 1, max, pruneKept);
    graph.setLinks(from, level, pruneKept, kept);
  }

  private static void sortByDistance(int[] nodes, float[] distances, int n) {
    for (int i = 1; i < n; i++) {
      int node = nodes[i];
      float d = distances[i];
      int j = i - 1;
      while (j >= 0 && distances[j] > d) {
        nodes[j + 1] = nodes[j];
        distances[j + 1] = distances[j];
        j--;
      }
      nodes[j + 1] = node;
      distances[j + 1] = d;
    }
  }
}
