package dev.scion.vector.internal;

import java.util.Arrays;

/**
 * A binary heap of (distance, node) pairs packed into longs: the distance's sortable bits high, the
 * node low, so that one long comparison orders by distance. A min-heap pops the nearest node first;
 * a max-heap keeps the farthest on top, which is what a bounded result set needs.
 */
final class NeighborQueue {
  private final boolean maxHeap;
  private long[] heap = new long[64];
  private int size;

  NeighborQueue(boolean maxHeap) {
    this.maxHeap = maxHeap;
  }

  static long encode(float distance, int node) {
    int bits = Float.floatToIntBits(distance);
    int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
    return ((long) sortable << 32) | (node & 0xffffffffL);
  }

  static float decodeDistance(long code) {
    int sortable = (int) (code >> 32);
    return Float.intBitsToFloat(sortable ^ ((sortable >> 31) & 0x7fffffff));
  }

  static int decodeNode(long code) {
    return (int) code;
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  void add(float distance, int node) {
    long code = encode(distance, node);
    push(maxHeap ? ~code : code);
  }

  /** The top's distance: the smallest for a min-heap, the largest for a max-heap. */
  float topDistance() {
    return decodeDistance(maxHeap ? ~heap[0] : heap[0]);
  }

  int topNode() {
    return decodeNode(maxHeap ? ~heap[0] : heap[0]);
  }

  /** Removes the top and returns its packed (distance, node). */
  long pop() {
    long top = heap[0];
    size--;
    if (size > 0) {
      heap[0] = heap[size];
      siftDown(0);
    }
    return maxHeap ? ~top : top;
  }

  private void push(long key) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] <= key) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = key;
  }

  private void siftDown(int i) {
    long key = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && heap[right] < heap[child]) {
        child = right;
      }
      if (key <= heap[child]) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = key;
  }
}
