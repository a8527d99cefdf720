package dev.scion.vector.internal;

/** Distance from a fixed query to a node; lower is closer. */
interface NodeScorer {
  float distance(int node);
}
