package dev.scion.vector.internal;

/** Distance from a fixed query to a node; lower is closer. */
interface NodeScorer {
  float distance(int node);

  /** Distances to {@code nodes[0..count)} into {@code out}; implementations may batch loads. */
  default void distances(int[] nodes, int count, float[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = distance(nodes[i]);
    }
  }
}
