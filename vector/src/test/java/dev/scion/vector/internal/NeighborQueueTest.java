package dev.scion.vector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scion.vector.TestData;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NeighborQueueTest {
  @Test
  void minAndMaxHeapsPopInDistanceOrderIncludingNegativeDistances() {
    Random random = new Random(TestData.seed("queue"));
    float[] ds = new float[500];
    NeighborQueue min = new NeighborQueue(false);
    NeighborQueue max = new NeighborQueue(true);
    for (int i = 0; i < ds.length; i++) {
      ds[i] = (float) random.nextGaussian() * 100;
      min.add(ds[i], i);
      max.add(ds[i], i);
    }
    float[] sorted = ds.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < ds.length; i++) {
      long m = min.pop();
      assertEquals(sorted[i], NeighborQueue.decodeDistance(m));
      assertEquals(ds[NeighborQueue.decodeNode(m)], sorted[i]);
      assertEquals(sorted[ds.length - 1 - i], NeighborQueue.decodeDistance(max.pop()));
    }
  }
}
