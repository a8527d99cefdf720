package dev.scion.bench;

import dev.scion.vector.Distance;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;

/**
 * Lucene's HNSW (Lucene99HnswVectorsFormat, float vectors) through a real index: one segment
 * written with a large RAM buffer, searched on its leaf reader with a collector of size ef.
 */
final class LuceneAnn implements AnnSystem {
  private final Path dir;
  private Directory directory;
  private DirectoryReader reader;
  private LeafReader leaf;
  private int[] docToOrd;

  LuceneAnn() throws java.io.IOException {
    dir = Files.createTempDirectory("lucene-bench");
  }

  @Override
  public String name() {
    return "lucene";
  }

  @Override
  public void build(Dataset data, int m, int efConstruction) throws Exception {
    VectorSimilarityFunction sim =
        data.metric() == Distance.EUCLID
            ? VectorSimilarityFunction.EUCLIDEAN
            : VectorSimilarityFunction.DOT_PRODUCT;
    KnnVectorsFormat format = new Lucene99HnswVectorsFormat(m, efConstruction);
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(
                new Lucene103Codec() {
                  @Override
                  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return format;
                  }
                })
            .setRAMBufferSizeMB(4096)
            .setUseCompoundFile(false);
    directory = new MMapDirectory(dir);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      float[][] base = data.base();
      for (int i = 0; i < base.length; i++) {
        Document doc = new Document();
        doc.add(new KnnFloatVectorField("v", base[i], sim));
        writer.addDocument(doc);
      }
      writer.commit();
    }
    reader = DirectoryReader.open(directory);
    if (reader.leaves().size() != 1) {
      throw new IllegalStateException("expected one segment, got " + reader.leaves().size());
    }
    leaf = reader.leaves().getFirst().reader();
    docToOrd = new int[leaf.maxDoc()];
    for (int i = 0; i < docToOrd.length; i++) {
      docToOrd[i] = i;
    }
  }

  @Override
  public int[] search(float[] query, int k, int ef) throws Exception {
    TopKnnCollector collector = new TopKnnCollector(Math.max(k, ef), Integer.MAX_VALUE);
    leaf.searchNearestVectors("v", query, collector, AcceptDocs.fromLiveDocs(null, leaf.maxDoc()));
    TopDocs top = collector.topDocs();
    int n = Math.min(k, top.scoreDocs.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      ScoreDoc sd = top.scoreDocs[i];
      out[i] = docToOrd[sd.doc];
    }
    return out;
  }

  @Override
  public long memoryBytes() throws Exception {
    long bytes = 0;
    for (String f : directory.listAll()) {
      bytes += directory.fileLength(f);
    }
    return bytes;
  }

  @Override
  public void close() throws Exception {
    if (reader != null) {
      reader.close();
    }
    if (directory != null) {
      directory.close();
    }
    dev.scion.vector.internal.FileTrees.delete(dir);
  }
}
