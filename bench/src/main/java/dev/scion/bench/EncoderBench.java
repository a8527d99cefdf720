package dev.scion.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.scion.models.OnnxEncoder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code scion bench encoder}: texts/s and tokens/s of Scion's encoder beside LangChain4j's
 * embedding model of the same ONNX file, on the same texts (WordNet glosses), in one run, with the
 * cosine agreement of their vectors.
 */
public final class EncoderBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EncoderBench() {}

  public static ObjectNode run(int count, int threads, Path json, PrintStream progress)
      throws Exception {
    List<String> all = TextSet.wordnetGlosses(TextSet.WORDNET);
    List<String> texts = all.subList(0, Math.min(count, all.size()));
    List<String> warmup = all.subList(all.size() - 200, all.size());
    ObjectNode report = JSON.createObjectNode();
    report.put("texts", texts.size());
    report.put("threads", threads);
    var results = report.putArray("results");
    float[][] ours;
    try (OnnxEncoder encoder = OnnxEncoder.load(OnnxEncoder.BGE_SMALL_EN_V15, threads, 0)) {
      long tokens = 0;
      for (String t : texts) {
        tokens += encoder.countTokens(t);
      }
      report.put("tokens", tokens);
      encoder.embed(warmup);
      long t0 = System.nanoTime();
      ours = encoder.embed(texts);
      addRow(
          results.addObject(),
          "scion",
          texts.size(),
          tokens,
          (System.nanoTime() - t0) / 1e9,
          progress);
    }
    var reference = new BgeSmallEnV15QuantizedEmbeddingModel();
    reference.embedAll(warmup.stream().map(TextSegment::from).toList());
    long t0 = System.nanoTime();
    List<Embedding> theirs =
        reference.embedAll(texts.stream().map(TextSegment::from).toList()).content();
    addRow(
        results.addObject(),
        "langchain4j",
        texts.size(),
        report.get("tokens").asLong(),
        (System.nanoTime() - t0) / 1e9,
        progress);
    double cosine = 0;
    for (int i = 0; i < texts.size(); i++) {
      float[] b = theirs.get(i).vector();
      for (int d = 0; d < b.length; d++) {
        cosine += ours[i][d] * b[d];
      }
    }
    report.put("mean_cosine", cosine / texts.size());
    progress.printf(
        Locale.ROOT, "mean cosine of the two systems' vectors: %.6f%n", cosine / texts.size());
    if (json != null) {
      JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
    }
    return report;
  }

  private static void addRow(
      ObjectNode row, String system, int texts, long tokens, double seconds, PrintStream progress) {
    row.put("system", system);
    row.put("seconds", Math.round(seconds * 1000) / 1000.0);
    row.put("texts_per_second", Math.round(texts / seconds));
    row.put("tokens_per_second", Math.round(tokens / seconds));
    progress.printf(
        Locale.ROOT,
        "%s: %.0f texts/s, %.0f tokens/s%n",
        system,
        texts / seconds,
        tokens / seconds);
  }
}
