package dev.scion.bench;

import dev.scion.vector.Distance;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * JVector's in-memory graph (hierarchical, alpha 1.2, overflow 1.2 as its README recommends), built
 * on one thread; its maximum degree is set to 2M, the base-layer degree of the HNSW systems.
 */
final class JVectorAnn implements AnnSystem {
  private static final VectorTypeSupport VTS =
      VectorizationProvider.getInstance().getVectorTypeSupport();
  private ListRandomAccessVectorValues vectors;
  private ImmutableGraphIndex graph;
  private VectorSimilarityFunction sim;
  private GraphSearcher searcher;
  private long heapBytes;

  @Override
  public String name() {
    return "jvector";
  }

  @Override
  public void build(Dataset data, int m, int efConstruction) throws Exception {
    sim =
        data.metric() == Distance.EUCLID
            ? VectorSimilarityFunction.EUCLIDEAN
            : VectorSimilarityFunction.DOT_PRODUCT;
    long before = VectorBench.usedHeap();
    List<VectorFloat<?>> list = new ArrayList<>(data.base().length);
    for (float[] v : data.base()) {
      list.add(VTS.createFloatVector(v.clone()));
    }
    vectors = new ListRandomAccessVectorValues(list, data.dimension());
    BuildScoreProvider bsp = BuildScoreProvider.randomAccessScoreProvider(vectors, sim);
    ForkJoinPool one = new ForkJoinPool(1);
    try (GraphIndexBuilder builder =
        new GraphIndexBuilder(
            bsp, data.dimension(), 2 * m, efConstruction, 1.2f, 1.2f, true, true, one, one)) {
      graph = builder.build(vectors);
    } finally {
      one.shutdown();
    }
    searcher = new GraphSearcher(graph);
    heapBytes = VectorBench.usedHeap() - before;
  }

  @Override
  public int[] search(float[] query, int k, int ef) {
    var ssp = DefaultSearchScoreProvider.exact(VTS.createFloatVector(query), sim, vectors);
    SearchResult r = searcher.search(ssp, k, Math.max(k, ef), 0f, 0f, Bits.ALL);
    SearchResult.NodeScore[] nodes = r.getNodes();
    int[] out = new int[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      out[i] = nodes[i].node;
    }
    return out;
  }

  @Override
  public long memoryBytes() {
    return heapBytes;
  }

  @Override
  public void close() throws Exception {
    if (searcher != null) {
      searcher.close();
    }
  }
}
