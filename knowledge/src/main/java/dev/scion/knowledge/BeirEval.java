package dev.scion.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.models.OnnxEncoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Retrieval quality on a BEIR-format data set ({@code corpus.jsonl}, {@code queries.jsonl}, {@code
 * qrels/test.tsv}): each corpus document (title and text) is one unit; every test query is answered
 * by BM25 alone, the dense encoder alone and their fusion, scored by nDCG@10 (linear gains, as
 * trec_eval) and recall@100.
 */
public final class BeirEval {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 256;

  private BeirEval() {}

  /** Runs the evaluation with an index in a temporary folder, removed afterwards. */
  public static Map<String, Object> run(Path data, String language, Consumer<String> progress) {
    Path work;
    try {
      work = Files.createTempDirectory("scion-beir");
    } catch (java.io.IOException e) {
      throw new KnowledgeException("cannot create a temporary folder: " + e.getMessage(), e);
    }
    try {
      return run(data, work, language, progress);
    } finally {
      KnowledgeBases.deleteTree(work);
    }
  }

  /** Runs the evaluation with an index built in {@code work} (an empty folder). */
  public static Map<String, Object> run(
      Path data, Path work, String language, Consumer<String> progress) {
    Path corpusFile = data.resolve("corpus.jsonl");
    Path queriesFile = data.resolve("queries.jsonl");
    Path qrelsFile = data.resolve("qrels").resolve("test.tsv");
    for (Path f : List.of(corpusFile, queriesFile, qrelsFile)) {
      if (!Files.isRegularFile(f)) {
        throw new KnowledgeException(
            f + " is missing; a BEIR folder has corpus.jsonl, queries.jsonl and qrels/test.tsv");
      }
    }
    Map<String, Map<String, Integer>> qrels = readQrels(qrelsFile);
    Map<String, String> queries = new LinkedHashMap<>();
    readJsonl(
        queriesFile,
        q -> {
          String id = q.path("_id").asText();
          if (qrels.containsKey(id)) {
            queries.put(id, q.path("text").asText());
          }
        });
    OnnxEncoder encoder =
        OnnxEncoder.load(
            language.equals("zh") ? OnnxEncoder.BGE_SMALL_ZH_V15 : OnnxEncoder.BGE_SMALL_EN_V15,
            Runtime.getRuntime().availableProcessors(),
            0);
    List<String> docIds = new ArrayList<>();
    long tokens = 0;
    double encodeSeconds = 0;
    long t0 = System.nanoTime();
    try (HybridIndex index = new HybridIndex(work, language, encoder)) {
      List<HybridIndex.Unit> batch = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      long[] counted = new long[1];
      double[] encoding = new double[1];
      Runnable flush =
          () -> {
            if (batch.isEmpty()) {
              return;
            }
            for (String t : texts) {
              counted[0] += encoder.countTokens(t);
            }
            long e0 = System.nanoTime();
            float[][] v = index.embed(texts);
            encoding[0] += (System.nanoTime() - e0) / 1e9;
            index.add(List.copyOf(batch), v);
            batch.clear();
            texts.clear();
          };
      readJsonl(
          corpusFile,
          d -> {
            String title = d.path("title").asText("");
            String text =
                title.isBlank() ? d.path("text").asText() : title + "\n" + d.path("text").asText();
            long id = docIds.size();
            docIds.add(d.path("_id").asText());
            ObjectNode payload = JSON.createObjectNode();
            batch.add(new HybridIndex.Unit(id, "beir", text, payload));
            texts.add(text);
            if (batch.size() == BATCH) {
              flush.run();
              double s = (System.nanoTime() - t0) / 1e9;
              progress.accept(
                  String.format(
                      Locale.ROOT,
                      "indexed %,d documents (%.0f/s)",
                      docIds.size(),
                      docIds.size() / s));
            }
          });
      flush.run();
      tokens = counted[0];
      encodeSeconds = encoding[0];
      double ingestSeconds = (System.nanoTime() - t0) / 1e9;
      progress.accept(
          String.format(
              Locale.ROOT,
              "indexed %,d documents in %.1f s; %,d queries",
              docIds.size(),
              ingestSeconds,
              queries.size()));
      Map<String, Object> out = new LinkedHashMap<>();
      Map<HybridIndex.Mode, double[]> scores = new LinkedHashMap<>();
      for (HybridIndex.Mode m : HybridIndex.Mode.values()) {
        scores.put(m, new double[2]);
      }
      for (var q : queries.entrySet()) {
        Map<String, Integer> rel = qrels.get(q.getKey());
        for (HybridIndex.Mode m : HybridIndex.Mode.values()) {
          List<String> ranked = new ArrayList<>();
          for (HybridIndex.Hit h : index.search(q.getValue(), 100, m, null)) {
            ranked.add(docIds.get((int) h.id()));
          }
          scores.get(m)[0] += ndcg(ranked, rel, 10);
          scores.get(m)[1] += recall(ranked, rel, 100);
        }
      }
      int n = Math.max(1, queries.size());
      out.put("queries", queries.size());
      out.put("ndcg@10", round(scores.get(HybridIndex.Mode.HYBRID)[0] / n));
      out.put("recall@100", round(scores.get(HybridIndex.Mode.HYBRID)[1] / n));
      out.put("docs_per_second", round(docIds.size() / ingestSeconds));
      out.put("documents", docIds.size());
      out.put("ingest_tokens_per_second", Math.round(tokens / ingestSeconds));
      out.put("encoder_tokens_per_second", Math.round(tokens / encodeSeconds));
      for (HybridIndex.Mode m : List.of(HybridIndex.Mode.BM25, HybridIndex.Mode.DENSE)) {
        Map<String, Object> alone = new LinkedHashMap<>();
        alone.put("ndcg@10", round(scores.get(m)[0] / n));
        alone.put("recall@100", round(scores.get(m)[1] / n));
        out.put(m.name().toLowerCase(Locale.ROOT), alone);
      }
      return out;
    }
  }

  /** nDCG at {@code k} with linear gains; the ideal ranking uses every judged relevant document. */
  static double ndcg(List<String> ranked, Map<String, Integer> rel, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      int g = rel.getOrDefault(ranked.get(i), 0);
      dcg += g / (Math.log(i + 2) / Math.log(2));
    }
    List<Integer> ideal = new ArrayList<>(rel.values());
    ideal.sort((a, b) -> b - a);
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += ideal.get(i) / (Math.log(i + 2) / Math.log(2));
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  static double recall(List<String> ranked, Map<String, Integer> rel, int k) {
    long relevant = rel.values().stream().filter(g -> g > 0).count();
    if (relevant == 0) {
      return 0;
    }
    long found = ranked.stream().limit(k).filter(d -> rel.getOrDefault(d, 0) > 0).count();
    return (double) found / relevant;
  }

  private static Map<String, Map<String, Integer>> readQrels(Path file) {
    Map<String, Map<String, Integer>> out = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        String[] f = line.split("\t");
        if (f.length < 3 || (n == 1 && f[0].equals("query-id"))) {
          continue;
        }
        try {
          int g = Integer.parseInt(f[2].strip());
          if (g > 0) {
            out.computeIfAbsent(f[0], q -> new HashMap<>()).put(f[1], g);
          }
        } catch (NumberFormatException e) {
          throw new KnowledgeException(
              file + ":" + n + ": the score '" + f[2] + "' is not a number");
        }
      }
    } catch (IOException e) {
      throw new KnowledgeException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static void readJsonl(Path file, Consumer<JsonNode> each) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          throw new KnowledgeException(file + ":" + n + ": not valid JSON");
        }
        each.accept(node);
      }
    } catch (IOException e) {
      throw new KnowledgeException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }
}
