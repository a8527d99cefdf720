package dev.scion.nlu.torch;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.models.OnnxEncoder;
import dev.scion.nlu.Example;
import dev.scion.nlu.IntentSlotModel;
import dev.scion.nlu.NluException;
import dev.scion.nlu.Prediction;
import dev.scion.nlu.Span;
import dev.scion.nlu.TrainingProgress;
import dev.scion.nlu.WordStates;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A joint multi-intent and slot model trained with PyTorch: a bidirectional LSTM over the frozen
 * encoder's word states and trained word embeddings, a sigmoid per intent, and BIO tags read from
 * each word's state and the intent probabilities, decoded with Viterbi under the BIO constraint (no
 * {@code I-x} without a {@code B-x} or {@code I-x} before it). See {@link JointNetwork}.
 *
 * <p>Training is seeded (shuffling, word dropout, initial weights and dropout masks); a model saved
 * and loaded in another process predicts exactly what it did.
 */
public final class NeuralJointModel implements IntentSlotModel, AutoCloseable {
  /** The kind written in model.json. */
  public static final String KIND = "scion-joint-neural";

  private static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAD = 0;
  private static final int UNKNOWN = 1;

  /** Training settings. */
  public record Options(
      String encoder,
      int epochs,
      int batch,
      float learningRate,
      int hidden,
      int embedding,
      float dropout,
      float wordDropout,
      long seed) {
    public static final Options DEFAULT =
        new Options(OnnxEncoder.BGE_SMALL_EN_V15, 12, 32, 2e-3f, 128, 64, 0.3f, 0.1f, 7);

    public Options {
      if (epochs < 1 || batch < 1 || hidden < 1 || embedding < 1) {
        throw new NluException(
            "epochs, batch, hidden and embedding sizes must be 1 or more (--epochs "
                + epochs
                + ")");
      }
    }

    public Options withEpochs(int e) {
      return new Options(
          encoder, e, batch, learningRate, hidden, embedding, dropout, wordDropout, seed);
    }

    public Options withSeed(long s) {
      return new Options(
          encoder, epochs, batch, learningRate, hidden, embedding, dropout, wordDropout, s);
    }

    public Options withEncoder(String name) {
      return new Options(
          name, epochs, batch, learningRate, hidden, embedding, dropout, wordDropout, seed);
    }
  }

  private final NDManager manager;
  private final JointNetwork network;
  private final List<String> intents;
  private final List<String> tags;
  private final Map<String, Integer> vocabulary;
  private final OnnxEncoder encoder;
  private final boolean[][] allowed;

  private NeuralJointModel(
      NDManager manager,
      JointNetwork network,
      List<String> intents,
      List<String> tags,
      Map<String, Integer> vocabulary,
      OnnxEncoder encoder) {
    this.manager = manager;
    this.network = network;
    this.intents = List.copyOf(intents);
    this.tags = List.copyOf(tags);
    this.vocabulary = vocabulary;
    this.encoder = encoder;
    this.allowed = bioTransitions(tags);
  }

  public List<String> intents() {
    return intents;
  }

  public List<String> tags() {
    return tags;
  }

  // ---- training ----

  /** Trains on the examples, encoding each utterance once. */
  public static NeuralJointModel train(
      List<Example> data, Options options, TrainingProgress progress) {
    return train(data, options, WordStates.of(options.encoder()), progress);
  }

  /**
   * Trains with the word states of {@code states}, which may already hold those of the examples
   * (cross-validation encodes each utterance once for all folds).
   */
  public static NeuralJointModel train(
      List<Example> data, Options options, WordStates states, TrainingProgress progress) {
    if (data.isEmpty()) {
      throw new NluException("no training examples");
    }
    progress.report(
        String.format(
            Locale.ROOT,
            "neural model: seed %d, %d epochs, batch %d, hidden %d, embedding %d, dropout %.2f",
            options.seed(),
            options.epochs(),
            options.batch(),
            options.hidden(),
            options.embedding(),
            options.dropout()));
    List<String> tags = tagsOf(data);
    List<String> intents =
        new ArrayList<>(new TreeSet<>(data.stream().flatMap(e -> e.intents().stream()).toList()));
    Map<String, Integer> vocabulary = vocabularyOf(data);
    states.encodeAll(data, progress);
    var engine = Torch.engine();
    engine.setRandomSeed((int) options.seed());
    NDManager manager = engine.newBaseManager();
    JointNetwork network =
        new JointNetwork(
            new JointNetwork.Sizes(
                states.dimension(),
                vocabulary.size() + 2,
                options.embedding(),
                options.hidden(),
                intents.size(),
                tags.size()),
            options.dropout());
    NeuralJointModel model =
        new NeuralJointModel(manager, network, intents, tags, vocabulary, states.encoder());
    model.fit(data, options, states, progress);
    return model;
  }

  private static List<String> tagsOf(List<Example> data) {
    List<String> tags =
        new ArrayList<>(new TreeSet<>(data.stream().flatMap(e -> e.tags().stream()).toList()));
    tags.remove("O");
    tags.addFirst("O");
    return tags;
  }

  /** Lower-cased words seen at least twice; the rest read as unknown. */
  private static Map<String, Integer> vocabularyOf(List<Example> data) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Example e : data) {
      for (String w : e.words()) {
        counts.merge(w.toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    }
    Map<String, Integer> vocabulary = new HashMap<>();
    for (var c : counts.entrySet()) {
      if (c.getValue() >= 2) {
        vocabulary.put(c.getKey(), vocabulary.size() + 2);
      }
    }
    return vocabulary;
  }

  private void fit(List<Example> data, Options options, WordStates states, TrainingProgress p) {
    Random random = new Random(options.seed());
    try (Model holder = Model.newInstance("scion-nlu", Torch.engine().getEngineName())) {
      holder.setBlock(network);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.l2Loss())
              .optOptimizer(
                  Optimizer.adam()
                      .optLearningRateTracker(Tracker.fixed(options.learningRate()))
                      .optClipGrad(5f)
                      .build());
      try (ai.djl.training.Trainer trainer = holder.newTrainer(config)) {
        trainer.initialize(new Shape(1, 4, network.sizes().stateDim()), new Shape(1, 4));
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
          long t0 = System.nanoTime();
          double loss = 0;
          List<List<Example>> batches = batches(data, options.batch(), random);
          for (List<Example> batch : batches) {
            loss += step(trainer, batch, states, options.wordDropout(), random);
          }
          p.report(
              String.format(
                  Locale.ROOT,
                  "epoch %d/%d: loss %.4f (%.1f s)",
                  epoch,
                  options.epochs(),
                  loss / batches.size(),
                  (System.nanoTime() - t0) / 1e9));
        }
      }
      // The trainer's parameters live in the model's manager; keep copies in ours.
      network
          .getParameters()
          .forEach(
              pair -> {
                NDArray a = pair.getValue().getArray();
                a.attach(manager);
              });
    }
  }

  /** Batches of utterances of one length, shuffled within each length and across batches. */
  private static List<List<Example>> batches(List<Example> data, int size, Random random) {
    Map<Integer, List<Example>> byLength = new TreeMap<>();
    for (Example e : data) {
      byLength.computeIfAbsent(e.words().size(), k -> new ArrayList<>()).add(e);
    }
    List<List<Example>> out = new ArrayList<>();
    for (List<Example> same : byLength.values()) {
      List<Example> shuffled = new ArrayList<>(same);
      Collections.shuffle(shuffled, random);
      for (int i = 0; i < shuffled.size(); i += size) {
        out.add(shuffled.subList(i, Math.min(shuffled.size(), i + size)));
      }
    }
    Collections.shuffle(out, random);
    return out;
  }

  private double step(
      ai.djl.training.Trainer trainer,
      List<Example> batch,
      WordStates states,
      float wordDropout,
      Random random) {
    try (NDManager m = trainer.getManager().newSubManager()) {
      NDList inputs = inputs(m, batch, states, wordDropout, random);
      NDArray intentGold = intentTargets(m, batch);
      NDArray tagGold = tagTargets(m, batch);
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDList out = trainer.forward(inputs);
        NDArray intentLogits = out.get(0);
        NDArray tagLogits = out.get(1);
        NDArray intentLoss =
            Activation.softPlus(intentLogits)
                .sub(intentLogits.mul(intentGold))
                .sum(new int[] {1})
                .mean();
        NDArray tagLoss =
            tagLogits
                .logSoftmax(2)
                .mul(tagGold.oneHot(tags.size()))
                .sum(new int[] {2})
                .neg()
                .mean();
        NDArray loss = intentLoss.add(tagLoss);
        collector.backward(loss);
        double value = loss.getFloat();
        trainer.step();
        return value;
      }
    }
  }

  private NDList inputs(
      NDManager m, List<Example> batch, WordStates states, float wordDropout, Random random) {
    int b = batch.size();
    int t = batch.getFirst().words().size();
    int d = network.sizes().stateDim();
    float scale = (float) Math.sqrt(d);
    float[] x = new float[b * t * d];
    long[] ids = new long[b * t];
    for (int i = 0; i < b; i++) {
      List<String> words = batch.get(i).words();
      float[][] h = states.get(words);
      for (int j = 0; j < t; j++) {
        for (int k = 0; k < d; k++) {
          x[(i * t + j) * d + k] = h[j][k] * scale;
        }
        int id = wordId(words.get(j));
        if (random != null && wordDropout > 0 && random.nextFloat() < wordDropout) {
          id = UNKNOWN;
        }
        ids[i * t + j] = id;
      }
    }
    return new NDList(m.create(x, new Shape(b, t, d)), m.create(ids, new Shape(b, t)));
  }

  private int wordId(String word) {
    return vocabulary.getOrDefault(word.toLowerCase(Locale.ROOT), UNKNOWN);
  }

  private NDArray intentTargets(NDManager m, List<Example> batch) {
    float[] y = new float[batch.size() * intents.size()];
    for (int i = 0; i < batch.size(); i++) {
      for (String intent : batch.get(i).intents()) {
        y[i * intents.size() + intents.indexOf(intent)] = 1;
      }
    }
    return m.create(y, new Shape(batch.size(), intents.size()));
  }

  private NDArray tagTargets(NDManager m, List<Example> batch) {
    int t = batch.getFirst().words().size();
    long[] y = new long[batch.size() * t];
    for (int i = 0; i < batch.size(); i++) {
      for (int j = 0; j < t; j++) {
        y[i * t + j] = Math.max(0, tags.indexOf(batch.get(i).tags().get(j)));
      }
    }
    return m.create(y, new Shape(batch.size(), t));
  }

  // ---- prediction ----

  @Override
  public Prediction predict(List<String> words) {
    if (words.isEmpty()) {
      return new Prediction(List.of(), List.of(), List.of());
    }
    WordStates once = WordStates.of(encoder);
    float[] intentLogits;
    float[] tagLogits;
    try (NDManager m = manager.newSubManager()) {
      Example e = new Example(words, Collections.nCopies(words.size(), "O"), List.of());
      NDList out =
          network.forward(
              new ParameterStore(m, false), inputs(m, List.of(e), once, 0, null), false);
      intentLogits = out.get(0).toFloatArray();
      tagLogits = out.get(1).logSoftmax(2).toFloatArray();
    }
    List<String> found = new ArrayList<>();
    int best = 0;
    for (int j = 0; j < intentLogits.length; j++) {
      if (intentLogits[j] > 0) {
        found.add(intents.get(j));
      }
      if (intentLogits[j] > intentLogits[best]) {
        best = j;
      }
    }
    if (found.isEmpty()) {
      found.add(intents.get(best));
    }
    List<String> path = decode(tagLogits, words.size());
    return new Prediction(found, path, List.copyOf(Span.of(path)));
  }

  /** Which tag may follow which: an {@code I-x} only after {@code B-x} or {@code I-x}. */
  private static boolean[][] bioTransitions(List<String> tags) {
    boolean[][] ok = new boolean[tags.size() + 1][tags.size()];
    for (int to = 0; to < tags.size(); to++) {
      String t = tags.get(to);
      for (int from = 0; from <= tags.size(); from++) {
        if (!t.startsWith("I-")) {
          ok[from][to] = true;
        } else if (from < tags.size()) {
          String f = tags.get(from);
          ok[from][to] = f.length() > 2 && f.substring(2).equals(t.substring(2));
        }
      }
    }
    return ok;
  }

  /** Viterbi over the tag log-probabilities under the BIO constraint (row tags.size() = start). */
  private List<String> decode(float[] logProbs, int length) {
    int l = tags.size();
    double[][] score = new double[length][l];
    int[][] back = new int[length][l];
    for (int y = 0; y < l; y++) {
      score[0][y] = allowed[l][y] ? logProbs[y] : Double.NEGATIVE_INFINITY;
    }
    for (int i = 1; i < length; i++) {
      for (int y = 0; y < l; y++) {
        double bestScore = Double.NEGATIVE_INFINITY;
        int from = 0;
        for (int p = 0; p < l; p++) {
          if (allowed[p][y] && score[i - 1][p] > bestScore) {
            bestScore = score[i - 1][p];
            from = p;
          }
        }
        score[i][y] = bestScore + logProbs[i * l + y];
        back[i][y] = from;
      }
    }
    int y = 0;
    for (int k = 1; k < l; k++) {
      if (score[length - 1][k] > score[length - 1][y]) {
        y = k;
      }
    }
    String[] out = new String[length];
    for (int i = length - 1; i >= 0; i--) {
      out[i] = tags.get(y);
      y = back[i][y];
    }
    return List.of(out);
  }

  // ---- persistence: model.json (sizes, labels, vocabulary), weights.params ----

  @Override
  public void save(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve("model.json"));
      try (DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(Files.newOutputStream(dir.resolve("weights.params"))))) {
        network.saveParameters(out);
      }
      ObjectNode meta = JSON.createObjectNode();
      meta.put("format", FORMAT);
      meta.put("kind", KIND);
      meta.put("encoder", encoder.name());
      meta.set("sizes", JSON.valueToTree(network.sizes()));
      meta.set("intents", JSON.valueToTree(intents));
      meta.set("tags", JSON.valueToTree(tags));
      meta.set("vocabulary", JSON.valueToTree(new TreeMap<>(vocabulary)));
      IntentSlotModel.writeModelJson(dir, meta);
    } catch (IOException e) {
      throw new NluException("cannot save the model to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Loads a model saved by {@link #save}. */
  public static NeuralJointModel load(Path dir) {
    try {
      JsonNode meta = JSON.readTree(dir.resolve("model.json").toFile());
      if (!meta.path("kind").asText().equals(KIND) || meta.path("format").asInt() != FORMAT) {
        throw new NluException(
            dir
                + " holds no neural model of format "
                + FORMAT
                + " (kind "
                + meta.path("kind")
                + ", format "
                + meta.path("format")
                + "); train one with: scion nlu train --model neural");
      }
      JointNetwork.Sizes sizes = JSON.treeToValue(meta.get("sizes"), JointNetwork.Sizes.class);
      List<String> intents = new ArrayList<>();
      meta.get("intents").forEach(n -> intents.add(n.asText()));
      List<String> tags = new ArrayList<>();
      meta.get("tags").forEach(n -> tags.add(n.asText()));
      Map<String, Integer> vocabulary = new HashMap<>();
      meta.get("vocabulary")
          .fields()
          .forEachRemaining(f -> vocabulary.put(f.getKey(), f.getValue().asInt()));
      NDManager manager = Torch.engine().newBaseManager();
      JointNetwork network = new JointNetwork(sizes, 0);
      network.initialize(
          manager, DataType.FLOAT32, new Shape(1, 4, sizes.stateDim()), new Shape(1, 4));
      try (DataInputStream in =
          new DataInputStream(
              new BufferedInputStream(Files.newInputStream(dir.resolve("weights.params"))))) {
        network.loadParameters(manager, in);
      }
      OnnxEncoder encoder = OnnxEncoder.load(meta.get("encoder").asText(), 1, 0);
      return new NeuralJointModel(manager, network, intents, tags, vocabulary, encoder);
    } catch (IOException | MalformedModelException e) {
      throw new NluException("cannot load the model in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    manager.close();
  }

  /** Finds neural models for {@link IntentSlotModel#load}. */
  public static final class Loader implements IntentSlotModel.Loader {
    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public IntentSlotModel load(Path dir) {
      return NeuralJointModel.load(dir);
    }
  }
}
