package dev.scion.knowledge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.models.OnnxEncoder;
import dev.scion.vector.CollectionConfig;
import dev.scion.vector.Condition;
import dev.scion.vector.Distance;
import dev.scion.vector.Filter;
import dev.scion.vector.HnswParams;
import dev.scion.vector.PayloadSchema;
import dev.scion.vector.Point;
import dev.scion.vector.PointId;
import dev.scion.vector.ScoredPoint;
import dev.scion.vector.SearchRequest;
import dev.scion.vector.VectorCollection;
import dev.scion.vector.VectorDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;

/**
 * The retrieval core: Lucene BM25 over analyzed text beside the project's vector engine over
 * encoder vectors of the same units, fused by reciprocal rank. Units carry a JSON payload (kept in
 * the vector store) and a {@code source} for deletion and filtering.
 */
public final class HybridIndex implements AutoCloseable {
  /** How results are found. */
  public enum Mode {
    BM25,
    DENSE,
    HYBRID
  }

  /** One retrieved unit with its fused score and its rank in each list (0 when absent). */
  public record Hit(long id, double score, int bm25Rank, int denseRank, ObjectNode payload) {}

  /** A unit to index: its id, source, the text to index and embed, and a payload. */
  public record Unit(long id, String source, String text, ObjectNode payload) {}

  /**
   * English words that carry no topic, left out of the index and of queries: Lucene's default
   * English stop words are only articles and a few prepositions, so questions such as "can I bring
   * my dog" would otherwise match "My Khe Beach" and "rates can be cancelled".
   */
  static final org.apache.lucene.analysis.CharArraySet ENGLISH_FUNCTION_WORDS =
      new org.apache.lucene.analysis.CharArraySet(
          List.of(
              "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
              "at", "be", "been", "before", "being", "both", "but", "by", "can", "could", "did",
              "do", "does", "doing", "during", "each", "for", "from", "had", "has", "have",
              "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into",
              "is", "it", "its", "just", "may", "me", "might", "more", "most", "much", "must", "my",
              "myself", "no", "nor", "not", "of", "off", "on", "once", "only", "or", "other", "our",
              "ours", "out", "over", "own", "same", "shall", "she", "should", "so", "some", "such",
              "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
              "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we",
              "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
              "with", "would", "you", "your", "yours"),
          true);

  /** SmartChineseAnalyzer's punctuation stop set, plus common function words. */
  private static org.apache.lucene.analysis.CharArraySet chineseStopWords() {
    org.apache.lucene.analysis.CharArraySet set =
        new org.apache.lucene.analysis.CharArraySet(
            SmartChineseAnalyzer.getDefaultStopSet(), false);
    set.addAll(
        List.of(
            "的", "了", "吗", "呢", "吧", "啊", "是", "在", "有", "和", "与", "或", "我", "我们", "你", "你们", "他",
            "她", "它", "这", "那", "这个", "那个", "可以", "能", "会", "要", "想", "请", "请问", "怎么", "怎样", "什么",
            "哪", "哪里", "多少", "吗", "就", "都", "也", "还", "把", "被", "给", "对", "从", "到", "为", "让"));
    return set;
  }

  /** Candidates taken from each list before fusion. */
  public static final int DEPTH = 100;

  /** The constant of reciprocal rank fusion (Cormack et al. 2009). */
  static final int RRF_K = 60;

  private final Analyzer analyzer;
  private final OnnxEncoder encoder;
  private final String queryPrefix;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final VectorDatabase vectors;
  private final VectorCollection units;

  /** Opens (or creates) an index in {@code dir} for {@code language} ({@code en} or {@code zh}). */
  public HybridIndex(Path dir, String language, OnnxEncoder encoder) {
    this.analyzer =
        switch (language) {
          case "en" -> new EnglishAnalyzer(ENGLISH_FUNCTION_WORDS);
          case "zh" -> new SmartChineseAnalyzer(chineseStopWords());
          default ->
              throw new KnowledgeException("unknown language '" + language + "'; use en or zh");
        };
    this.encoder = encoder;
    this.queryPrefix =
        language.equals("en")
            ? "Represent this sentence for searching relevant passages: "
            : "为这个句子生成表示以用于检索相关文章：";
    try {
      this.directory = FSDirectory.open(dir.resolve("bm25"));
      this.writer =
          new IndexWriter(
              directory,
              new IndexWriterConfig(analyzer)
                  .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
      this.searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new KnowledgeException(
          "cannot open the text index in " + dir + ": " + e.getMessage(), e);
    }
    this.vectors = VectorDatabase.open(dir.resolve("vectors"));
    if (vectors.exists("units")) {
      this.units = vectors.collection("units");
    } else {
      this.units =
          vectors.create(
              "units",
              new CollectionConfig(encoder.dimension(), Distance.COSINE, HnswParams.DEFAULT));
      units.createPayloadIndex("source", PayloadSchema.parse("keyword"));
    }
  }

  public OnnxEncoder encoder() {
    return encoder;
  }

  /** Embeds texts as passages. */
  public float[][] embed(List<String> texts) {
    return encoder.embed(texts);
  }

  /** Adds units with their vectors (from {@link #embed}); durable when this returns. */
  public void add(List<Unit> batch, float[][] vectorsOfBatch) {
    try {
      List<Point> points = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        Unit u = batch.get(i);
        Document d = new Document();
        d.add(new StringField("id", Long.toString(u.id()), Field.Store.YES));
        d.add(new StringField("source", u.source(), Field.Store.NO));
        d.add(new StoredField("sid", u.id()));
        d.add(new TextField("text", u.text(), Field.Store.NO));
        writer.addDocument(d);
        ObjectNode payload = u.payload().deepCopy();
        payload.put("source", u.source());
        points.add(new Point(PointId.of(u.id()), vectorsOfBatch[i], payload));
      }
      units.upsert(points, true);
      writer.commit();
      searchers.maybeRefresh();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes every unit of {@code source}. */
  public void deleteSource(String source) {
    try {
      writer.deleteDocuments(new Term("source", source));
      writer.commit();
      searchers.maybeRefresh();
      units.delete(Filter.must(new Condition.Match("source", source)), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The analyzed terms of a text, distinct, in order. */
  public List<String> terms(String text) {
    Set<String> out = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }

  /** The ids of the best BM25 matches, best first. */
  List<Long> bm25(String query, int depth, String source) {
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    for (String t : terms(query)) {
      q.add(new TermQuery(new Term("text", t)), BooleanClause.Occur.SHOULD);
    }
    BooleanQuery.Builder outer =
        new BooleanQuery.Builder().add(q.build(), BooleanClause.Occur.MUST);
    if (source != null) {
      outer.add(new TermQuery(new Term("source", source)), BooleanClause.Occur.FILTER);
    }
    List<Long> out = new ArrayList<>();
    try {
      IndexSearcher s = searchers.acquire();
      try {
        for (ScoreDoc sd : s.search(outer.build(), depth).scoreDocs) {
          out.add(Long.parseLong(s.storedFields().document(sd.doc).get("id")));
        }
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A query's vector: the encoder's retrieval instruction, then the query. */
  public float[] embedQuery(String query) {
    return encoder.embed(queryPrefix + query);
  }

  /** The ids of the nearest vectors to the query, best first. */
  List<Long> dense(String query, int depth, String source) {
    float[] q = embedQuery(query);
    SearchRequest r = SearchRequest.of(q, depth).withEf(Math.max(depth, 128));
    if (source != null) {
      r = r.withFilter(Filter.must(new Condition.Match("source", source)));
    }
    List<Long> out = new ArrayList<>();
    for (ScoredPoint p : units.search(r)) {
      out.add(((PointId.Num) p.id()).value());
    }
    return out;
  }

  /** The best {@code k} units for {@code query}, optionally only from {@code source}. */
  public List<Hit> search(String query, int k, Mode mode, String source) {
    List<Long> lexical = mode == Mode.DENSE ? List.of() : bm25(query, DEPTH, source);
    List<Long> semantic = mode == Mode.BM25 ? List.of() : dense(query, DEPTH, source);
    Map<Long, double[]> fused = new HashMap<>(); // score, bm25 rank, dense rank
    for (int r = 0; r < lexical.size(); r++) {
      double[] f = fused.computeIfAbsent(lexical.get(r), id -> new double[3]);
      f[0] += 1.0 / (RRF_K + r + 1);
      f[1] = r + 1;
    }
    for (int r = 0; r < semantic.size(); r++) {
      double[] f = fused.computeIfAbsent(semantic.get(r), id -> new double[3]);
      f[0] += 1.0 / (RRF_K + r + 1);
      f[2] = r + 1;
    }
    List<Map.Entry<Long, double[]>> ranked = new ArrayList<>(fused.entrySet());
    ranked.sort(
        (a, b) -> {
          int c = Double.compare(b.getValue()[0], a.getValue()[0]);
          if (c != 0) {
            return c;
          }
          c = Double.compare(rank(a.getValue()[2]), rank(b.getValue()[2])); // ties: dense first
          return c != 0 ? c : Long.compare(a.getKey(), b.getKey());
        });
    List<Map.Entry<Long, double[]>> top = ranked.subList(0, Math.min(k, ranked.size()));
    List<PointId> ids = top.stream().map(e -> PointId.of(e.getKey())).toList();
    Map<Long, ObjectNode> payloads = new HashMap<>();
    for (Point p : units.retrieve(ids, true, false)) {
      payloads.put(((PointId.Num) p.id()).value(), p.payload());
    }
    List<Hit> out = new ArrayList<>();
    for (var e : top) {
      double[] f = e.getValue();
      out.add(new Hit(e.getKey(), f[0], (int) f[1], (int) f[2], payloads.get(e.getKey())));
    }
    return out;
  }

  /** A rank for ordering, absent (0) last. */
  private static double rank(double r) {
    return r == 0 ? Double.MAX_VALUE : r;
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      vectors.close();
    }
  }
}
