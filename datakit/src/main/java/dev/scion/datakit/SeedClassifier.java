package dev.scion.datakit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.models.OnnxEncoder;
import dev.scion.vector.internal.VectorKernels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Classification from a handful of labelled seed texts per class, over encoder vectors: by the
 * nearest class centroid, or by a similarity-weighted vote of the {@code k} nearest seeds. Adds
 * {@code label} and {@code confidence} (0..1) to each document; below {@code minConfidence} the
 * label is {@code unknown}. With {@code keep} it also filters to those labels.
 */
public final class SeedClassifier implements DocStep {
  /** Settings: {@code method} is {@code centroid} or {@code knn}. */
  public record Options(
      String encoder, String method, int k, double minConfidence, List<String> keep) {
    public Options {
      if (!method.equals("centroid") && !method.equals("knn")) {
        throw new DataException(
            "unknown classification method '" + method + "'; use centroid or knn");
      }
      if (k < 1) {
        throw new DataException("k must be at least 1, not " + k);
      }
      keep = List.copyOf(keep);
    }

    public static Options defaults() {
      return new Options(OnnxEncoder.BGE_SMALL_EN_V15, "centroid", 5, 0, List.of());
    }
  }

  /** Sharpness of the softmax that turns centroid similarities into a confidence. */
  private static final float TEMPERATURE = 0.05f;

  private static final VectorKernels KERNELS = VectorKernels.get();

  private final Options options;
  private final OnnxEncoder encoder;
  private final List<String> labels;
  private final float[][] seeds;
  private final int[] seedLabel;
  private final float[][] centroids;
  private final Map<String, Long> counts = new TreeMap<>();

  /** Reads seeds ({@code {"text":…,"label":…}} lines) from {@code seedFile}. */
  public static SeedClassifier fromFile(Path seedFile, Options options) {
    List<String> texts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    Jsonl.read(
        seedFile,
        BadLines.fail(),
        Progress.silent(),
        doc -> {
          var label = doc.json().get("label");
          if (label == null || !label.isTextual() || label.asText().isBlank()) {
            throw new DataException(
                seedFile
                    + ":"
                    + doc.line()
                    + ": a seed needs a string \"label\" beside its \"text\"");
          }
          texts.add(doc.text());
          labels.add(label.asText());
        });
    return new SeedClassifier(texts, labels, options);
  }

  public SeedClassifier(List<String> texts, List<String> labels, Options options) {
    Set<String> distinct = new TreeSet<>(labels);
    if (distinct.size() < 2) {
      throw new DataException(
          "classification needs seeds of at least two labels, found " + distinct);
    }
    for (String k : options.keep()) {
      if (!distinct.contains(k)) {
        throw new DataException(
            "label '" + k + "' is kept but no seed has it; labels: " + distinct);
      }
    }
    this.options = options;
    this.labels = List.copyOf(distinct);
    this.encoder =
        OnnxEncoder.load(options.encoder(), Runtime.getRuntime().availableProcessors(), 0);
    this.seeds = encoder.embed(texts);
    this.seedLabel = labels.stream().mapToInt(this.labels::indexOf).toArray();
    int dim = encoder.dimension();
    this.centroids = new float[this.labels.size()][dim];
    for (int s = 0; s < seeds.length; s++) {
      for (int d = 0; d < dim; d++) {
        centroids[seedLabel[s]][d] += seeds[s][d];
      }
    }
    for (float[] c : centroids) {
      OnnxEncoder.normalize(c);
    }
  }

  @Override
  public String name() {
    return "classify(" + options.method() + ")";
  }

  /** A label and its confidence. */
  public record Label(String label, double confidence) {}

  /** Labels the texts. */
  public List<Label> classify(List<String> texts) {
    float[][] vectors = encoder.embed(texts);
    List<Label> out = new ArrayList<>(texts.size());
    for (float[] v : vectors) {
      double[] score = options.method().equals("centroid") ? byCentroid(v) : byNeighbours(v);
      int best = 0;
      for (int c = 1; c < score.length; c++) {
        if (score[c] > score[best]) {
          best = c;
        }
      }
      out.add(
          score[best] < options.minConfidence()
              ? new Label("unknown", score[best])
              : new Label(labels.get(best), score[best]));
    }
    return out;
  }

  /** Softmax over the cosine to each class centroid. */
  private double[] byCentroid(float[] v) {
    double[] p = new double[centroids.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < p.length; c++) {
      p[c] = KERNELS.dot(v, 0, centroids[c], 0, v.length) / TEMPERATURE;
      max = Math.max(max, p[c]);
    }
    double sum = 0;
    for (int c = 0; c < p.length; c++) {
      p[c] = Math.exp(p[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < p.length; c++) {
      p[c] /= sum;
    }
    return p;
  }

  /** The share of the similarity of the k nearest seeds that each class holds. */
  private double[] byNeighbours(float[] v) {
    int k = Math.min(options.k(), seeds.length);
    int[] near = new int[k];
    float[] sim = new float[k];
    java.util.Arrays.fill(sim, Float.NEGATIVE_INFINITY);
    for (int s = 0; s < seeds.length; s++) {
      float x = KERNELS.dot(v, 0, seeds[s], 0, v.length);
      if (x > sim[k - 1]) {
        int at = k - 1;
        while (at > 0 && sim[at - 1] < x) {
          sim[at] = sim[at - 1];
          near[at] = near[at - 1];
          at--;
        }
        sim[at] = x;
        near[at] = s;
      }
    }
    double[] p = new double[labels.size()];
    double sum = 0;
    for (int i = 0; i < k; i++) {
      double w = Math.max(0, sim[i]);
      p[seedLabel[near[i]]] += w;
      sum += w;
    }
    for (int c = 0; c < p.length && sum > 0; c++) {
      p[c] /= sum;
    }
    return p;
  }

  @Override
  public String apply(ObjectNode doc, String text) {
    return applyAll(List.of(doc), List.of(text)).getFirst();
  }

  @Override
  public List<String> applyAll(List<ObjectNode> docs, List<String> texts) {
    List<Label> found = classify(texts);
    List<String> out = new ArrayList<>(docs.size());
    for (int i = 0; i < docs.size(); i++) {
      Label l = found.get(i);
      docs.get(i).put("label", l.label());
      docs.get(i).put("confidence", Math.round(l.confidence() * 1000) / 1000.0);
      counts.merge(l.label(), 1L, Long::sum);
      out.add(
          options.keep().isEmpty() || options.keep().contains(l.label())
              ? null
              : "label." + l.label());
    }
    return out;
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("labels", Map.copyOf(counts));
    return m;
  }

  @Override
  public void close() {
    encoder.close();
  }
}
