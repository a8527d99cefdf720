package dev.scion.vector.internal;

/** Marks of visited nodes, cleared in O(1) by moving to a new generation. */
final class VisitedSet {
  private int[] marks = new int[0];
  private int generation;

  void reset(int capacity) {
    if (marks.length < capacity) {
      marks = new int[Math.max(capacity, marks.length * 3 / 2)];
      generation = 0;
    }
    generation++;
    if (generation == 0) {
      java.util.Arrays.fill(marks, 0);
      generation = 1;
    }
  }

  /** Marks {@code node} and returns whether it was unmarked. */
  boolean visit(int node) {
    if (marks[node] == generation) {
      return false;
    }
    marks[node] = generation;
    return true;
  }
}
