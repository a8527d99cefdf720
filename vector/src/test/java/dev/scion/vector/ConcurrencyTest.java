package dev.scion.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {
  @TempDir Path dir;

  @Test
  void searchesWhileWritingAndCompactingNeverFailAndSeeOnlyValidPoints() throws Exception {
    Random random = new Random(TestData.seed("concurrent"));
    float[][] data = TestData.clustered(random, 6000, 24, 8);
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      VectorCollection c = db.create("c", HnswSearchTest.graphOnly(24, Distance.COSINE));
      AtomicBoolean done = new AtomicBoolean();
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      AtomicInteger searches = new AtomicInteger();
      Thread[] readers = new Thread[2];
      for (int t = 0; t < readers.length; t++) {
        long readerSeed = random.nextLong();
        readers[t] =
            new Thread(
                () -> {
                  Random r = new Random(readerSeed);
                  while (!done.get()) {
                    try {
                      List<ScoredPoint> hits =
                          c.search(SearchRequest.of(data[r.nextInt(data.length)], 10));
                      for (ScoredPoint h : hits) {
                        long id = ((PointId.Num) h.id()).value();
                        if (id < 0 || id >= data.length || Float.isNaN(h.score())) {
                          throw new AssertionError("bad hit " + h);
                        }
                      }
                      searches.incrementAndGet();
                    } catch (Throwable e) {
                      errors.add(e);
                      return;
                    }
                  }
                },
                "reader-" + t);
        readers[t].start();
      }
      for (int from = 0; from < data.length; from += 500) {
        List<Point> batch = TestData.points(data).subList(from, from + 500);
        c.upsert(batch, false);
        if (from == 3000) {
          c.delete(TestData.points(data).subList(0, 1500).stream().map(Point::id).toList(), false);
          c.compact();
        }
      }
      done.set(true);
      for (Thread t : readers) {
        t.join();
      }
      errors.forEach(Throwable::printStackTrace);
      assertTrue(errors.isEmpty(), () -> "reader failed: " + errors.peek());
      assertTrue(searches.get() > 0);
      assertEquals(4500, c.count(null));
      assertEquals(PointId.of(4000), c.search(SearchRequest.of(data[4000], 1)).getFirst().id());
    }
  }
}
