package dev.scion.bench;

import dev.scion.vector.CollectionConfig;
import dev.scion.vector.HnswParams;
import dev.scion.vector.Point;
import dev.scion.vector.PointId;
import dev.scion.vector.ScoredPoint;
import dev.scion.vector.SearchRequest;
import dev.scion.vector.VectorCollection;
import dev.scion.vector.VectorDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Scion's own engine, in-process, through its public API (write-ahead log included). */
final class ScionAnn implements AnnSystem {
  private final Path dir;
  private VectorDatabase db;
  private VectorCollection collection;

  ScionAnn() throws java.io.IOException {
    dir = Files.createTempDirectory("scion-bench");
  }

  @Override
  public String name() {
    return "scion";
  }

  @Override
  public void build(Dataset data, int m, int efConstruction) {
    db = VectorDatabase.open(dir);
    collection =
        db.create(
            "bench",
            new CollectionConfig(
                data.dimension(), data.metric(), new HnswParams(m, efConstruction, 0)));
    float[][] base = data.base();
    for (int from = 0; from < base.length; from += 1000) {
      List<Point> batch = new ArrayList<>(1000);
      for (int i = from; i < Math.min(base.length, from + 1000); i++) {
        batch.add(new Point(PointId.of(i), base[i], null));
      }
      collection.upsert(batch, false);
    }
  }

  @Override
  public int[] search(float[] query, int k, int ef) {
    SearchRequest r = new SearchRequest(query, k, 0, null, ef, false, false, false, null);
    List<ScoredPoint> hits = collection.search(r);
    int[] out = new int[hits.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) ((PointId.Num) hits.get(i).id()).value();
    }
    return out;
  }

  @Override
  public long memoryBytes() {
    return collection.memoryBytes();
  }

  @Override
  public void close() throws Exception {
    if (db != null) {
      db.close();
    }
    dev.scion.vector.internal.FileTrees.delete(dir);
  }
}
