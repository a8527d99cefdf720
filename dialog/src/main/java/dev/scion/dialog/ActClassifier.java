package dev.scion.dialog;

import dev.scion.models.OnnxEncoder;
import dev.scion.nlu.Example;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The dialogue act of a message with its probability: a softmax (multinomial logistic regression)
 * over the pack's act labels and {@value #OTHER}, trained on the same examples as the pack's joint
 * model. An example's label is the first of its intents that the pack declares an act, {@value
 * #OTHER} when it has none. Features are hashed words, word pairs and character trigrams, with the
 * sentence vector of the language's encoder when there is one; the probability is what lets the
 * engine ask a short question instead of guessing when it is unsure.
 */
final class ActClassifier {
  /** The label of a message that is no dialogue act (a request, a question, a value). */
  static final String OTHER = "other";

  private static final int HASHED = 1 << 16;
  private static final int FORMAT = 1;

  /** The act of a message and the classifier's probability for it. */
  record Guess(String act, double probability) {
    boolean is(String a) {
      return act.equals(a);
    }
  }

  private final List<String> labels;
  private final float[][] weights; // [label][HASHED + dim + 1]
  private final OnnxEncoder encoder;
  private final int dim;

  private ActClassifier(List<String> labels, float[][] weights, OnnxEncoder encoder) {
    this.labels = labels;
    this.weights = weights;
    this.encoder = encoder;
    this.dim = encoder == null ? 0 : encoder.dimension();
  }

  List<String> labels() {
    return labels;
  }

  /** The label of one example: its first intent among {@code acts}, or {@value #OTHER}. */
  static String label(Example e, List<String> acts) {
    for (String a : acts) {
      if (e.intents().contains(a)) {
        return a;
      }
    }
    return OTHER;
  }

  /**
   * Trains on {@code data}; {@code acts} are the intents that are acts, in the order that picks an
   * example's label when it has two. Deterministic for a given {@code seed}.
   */
  static ActClassifier train(
      List<Example> data, List<String> acts, OnnxEncoder encoder, int epochs, long seed) {
    List<String> labels = new ArrayList<>(acts);
    labels.add(OTHER);
    int dim = encoder == null ? 0 : encoder.dimension();
    int[][] x = new int[data.size()][];
    float[][] dense = new float[data.size()][];
    int[] y = new int[data.size()];
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      Example e = data.get(i);
      x[i] = features(e.words());
      y[i] = labels.indexOf(label(e, acts));
      texts.add(String.join(" ", e.words()));
    }
    if (encoder != null) {
      for (int from = 0; from < texts.size(); from += 64) {
        float[][] v = encoder.embed(texts.subList(from, Math.min(texts.size(), from + 64)));
        System.arraycopy(v, 0, dense, from, v.length);
      }
    }
    float[][] w = new float[labels.size()][HASHED + dim + 1];
    Random random = new Random(seed);
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, random);
      float rate = 0.5f / (1 + epoch);
      for (int i : order) {
        double[] p = probabilities(w, x[i], dense[i], dim);
        for (int k = 0; k < labels.size(); k++) {
          float g = (float) ((k == y[i] ? 1 : 0) - p[k]) * rate;
          if (g == 0) {
            continue;
          }
          for (int f : x[i]) {
            w[k][f] += g;
          }
          for (int d = 0; d < dim; d++) {
            w[k][HASHED + d] += g * dense[i][d] * 4;
          }
          w[k][HASHED + dim] += g;
        }
      }
    }
    return new ActClassifier(labels, w, encoder);
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** The most probable act of a message given as words. */
  Guess guess(List<String> words) {
    float[] v = encoder == null ? null : encoder.embed(String.join(" ", words));
    double[] p = probabilities(weights, features(words), v, dim);
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return new Guess(labels.get(best), p[best]);
  }

  private static double[] probabilities(float[][] w, int[] x, float[] dense, int dim) {
    double[] s = new double[w.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < w.length; k++) {
      double z = w[k][HASHED + dim];
      for (int f : x) {
        z += w[k][f];
      }
      for (int d = 0; d < dim; d++) {
        z += w[k][HASHED + d] * dense[d] * 4;
      }
      s[k] = z;
      max = Math.max(max, z);
    }
    double sum = 0;
    for (int k = 0; k < s.length; k++) {
      s[k] = Math.exp(s[k] - max);
      sum += s[k];
    }
    for (int k = 0; k < s.length; k++) {
      s[k] /= sum;
    }
    return s;
  }

  /** Hashed features: lower-cased words, word pairs, character trigrams of the message. */
  static int[] features(List<String> words) {
    List<String> f = new ArrayList<>();
    List<String> lower = words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    f.add("len=" + Math.min(lower.size(), 8));
    String prev = "<s>";
    for (String w : lower) {
      f.add("w=" + w);
      f.add("b=" + prev + "_" + w);
      prev = w;
    }
    f.add("b=" + prev + "_</s>");
    if (!lower.isEmpty()) {
      f.add("first=" + lower.getFirst());
      f.add("last=" + lower.getLast());
    }
    String text = " " + String.join(" ", lower) + " ";
    for (int i = 0; i + 3 <= text.length(); i++) {
      f.add("c=" + text.substring(i, i + 3));
    }
    int[] ids = new int[f.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Math.floorMod(f.get(i).hashCode() * 0x9E3779B1, HASHED);
    }
    return ids;
  }

  // ---- persistence: acts.bin (format, labels, weights) ----

  void save(Path dir) {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("acts.bin.tmp");
      try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        out.writeInt(FORMAT);
        out.writeUTF(encoder == null ? "" : encoder.name());
        out.writeInt(labels.size());
        for (String l : labels) {
          out.writeUTF(l);
        }
        out.writeInt(weights[0].length);
        for (float[] row : weights) {
          for (float v : row) {
            out.writeFloat(v);
          }
        }
      }
      Files.move(
          tmp,
          dir.resolve("acts.bin"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new DialogException("cannot save the act model in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The saved classifier of {@code dir}, or null when there is none of this format. */
  static ActClassifier load(Path dir, Map<String, OnnxEncoder> encoders) {
    Path file = dir.resolve("acts.bin");
    if (!Files.exists(file)) {
      return null;
    }
    try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != FORMAT) {
        return null;
      }
      String name = in.readUTF();
      OnnxEncoder encoder = name.isEmpty() ? null : encoders.get(name);
      if (!name.isEmpty() && encoder == null) {
        return null;
      }
      int n = in.readInt();
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        labels.add(in.readUTF());
      }
      int width = in.readInt();
      if (width != HASHED + (encoder == null ? 0 : encoder.dimension()) + 1) {
        return null;
      }
      float[][] w = new float[n][width];
      for (float[] row : w) {
        for (int j = 0; j < width; j++) {
          row[j] = in.readFloat();
        }
      }
      return new ActClassifier(labels, w, encoder);
    } catch (IOException e) {
      return null;
    }
  }

  /** The share of examples whose label is guessed, per label: a quick look at the fit. */
  Map<String, Double> accuracy(List<Example> data, List<String> acts) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (Example e : data) {
      String gold = label(e, acts);
      int[] c = counts.computeIfAbsent(gold, k -> new int[2]);
      c[1]++;
      if (guess(e.words()).is(gold)) {
        c[0]++;
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    counts.forEach((k, c) -> out.put(k, (double) c[0] / c[1]));
    return out;
  }
}
