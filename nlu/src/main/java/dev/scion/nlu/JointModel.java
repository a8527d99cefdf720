package dev.scion.nlu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.models.OnnxEncoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A trained multi-intent and slot model. Train with {@link #train}, save with {@link #save}, load
 * in another process with {@link #load}; a loaded model predicts exactly what the saved one did.
 */
public final class JointModel implements IntentSlotModel {
  /** The kind written in model.json. */
  public static final String KIND = "scion-joint-perceptron";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FORMAT = 5;

  /** Model formats this build reads: 4 (intents of the whole utterance only) and 5. */
  private static final java.util.Set<Integer> READABLE = java.util.Set.of(4, 5);

  /**
   * Training settings. With an {@code encoder} (a name from {@link OnnxEncoder#AVAILABLE}) the slot
   * tagger also reads the encoder's state of each word; null keeps the model purely lexical. The
   * slot tagger is an ensemble of {@code slotModels} perceptrons, the intent classifier one of
   * {@code intentModels} (trained with feature dropout when more than one). With {@code byClause}
   * the intents are found clause by clause ({@link ClauseIntents}) as well as from the whole
   * utterance.
   */
  public record Options(
      int slotEpochs,
      int intentEpochs,
      long seed,
      String encoder,
      int slotModels,
      int intentModels,
      boolean byClause) {
    public static final int SLOT_MODELS = 5;
    public static final Options DEFAULT = new Options(10, 10, 7, null);

    public Options {
      if (slotModels < 1) {
        throw new NluException(
            "the slot tagger needs at least one model (--slot-models 1 or more), not "
                + slotModels);
      }
      if (intentModels < 1) {
        throw new NluException(
            "the intent classifier needs at least one model (--intent-models 1 or more), not "
                + intentModels);
      }
    }

    /** One intent perceptron, intents of the whole utterance. */
    public Options(int slotEpochs, int intentEpochs, long seed, String encoder, int slotModels) {
      this(slotEpochs, intentEpochs, seed, encoder, slotModels, 1, false);
    }

    public Options(int slotEpochs, int intentEpochs, long seed, String encoder) {
      this(slotEpochs, intentEpochs, seed, encoder, SLOT_MODELS);
    }
  }

  private final FeatureIndex tokenFeatures;
  private final FeatureIndex utteranceFeatures;
  private final SlotTagger tagger;
  private final IntentClassifier classifier;
  private final OnnxEncoder encoder;
  private final java.util.Map<String, java.util.Set<String>> slotsOfIntent;
  private final ClauseIntents clauseIntents; // null: intents of the whole utterance
  private final double confidenceScale; // NaN: a model saved without one

  private JointModel(
      FeatureIndex tokenFeatures,
      FeatureIndex utteranceFeatures,
      SlotTagger tagger,
      IntentClassifier classifier,
      OnnxEncoder encoder,
      java.util.Map<String, java.util.Set<String>> slotsOfIntent,
      ClauseIntents clauseIntents,
      double confidenceScale) {
    this.confidenceScale = confidenceScale;
    this.slotsOfIntent = slotsOfIntent;
    this.clauseIntents = clauseIntents;
    this.tokenFeatures = tokenFeatures;
    this.utteranceFeatures = utteranceFeatures;
    this.tagger = tagger;
    this.classifier = classifier;
    this.encoder = encoder;
  }

  /** The word states the slot tagger reads: unit-length encoder states, or null without one. */
  private static float[][] wordStates(OnnxEncoder encoder, List<String> words) {
    return encoder == null ? null : WordStates.compute(encoder, words);
  }

  public List<String> intents() {
    return classifier.intents;
  }

  public List<String> tags() {
    return tagger.labels;
  }

  public static JointModel train(List<Example> data, Options options, TrainingProgress progress) {
    return train(data, options, null, progress);
  }

  /**
   * Trains with the word states of {@code cached} (of the encoder named in the options) when given,
   * so that several trainings on the same utterances encode each once.
   */
  public static JointModel train(
      List<Example> data, Options options, WordStates cached, TrainingProgress progress) {
    if (data.isEmpty()) {
      throw new NluException("no training examples");
    }
    List<String> labels =
        new ArrayList<>(new TreeSet<>(data.stream().flatMap(e -> e.tags().stream()).toList()));
    labels.remove("O");
    labels.addFirst("O");
    List<String> intents =
        new ArrayList<>(new TreeSet<>(data.stream().flatMap(e -> e.intents().stream()).toList()));
    FeatureIndex tokenFeatures = new FeatureIndex();
    FeatureIndex utteranceFeatures = new FeatureIndex();
    List<int[][]> tokenX = new ArrayList<>();
    List<int[]> tokenY = new ArrayList<>();
    List<int[]> uttX = new ArrayList<>();
    List<boolean[]> uttY = new ArrayList<>();
    for (Example e : data) {
      tokenX.add(tokenIds(tokenFeatures, e.words()));
      tokenY.add(e.tags().stream().mapToInt(labels::indexOf).toArray());
      uttX.add(
          utteranceFeatures.ids(utteranceFeatureNames(e.words(), e.tags(), options.byClause())));
      boolean[] y = new boolean[intents.size()];
      e.intents().forEach(i -> y[intents.indexOf(i)] = true);
      uttY.add(y);
    }
    tokenFeatures.freeze();
    utteranceFeatures.freeze();
    if (cached != null
        && options.encoder() != null
        && !cached.encoder().name().equals(options.encoder())) {
      throw new NluException(
          "the cached word states are of "
              + cached.encoder().name()
              + ", not "
              + options.encoder());
    }
    OnnxEncoder encoder =
        options.encoder() == null
            ? null
            : cached != null ? cached.encoder() : OnnxEncoder.load(options.encoder(), 1, 0);
    List<float[][]> states = null;
    if (encoder != null) {
      WordStates words = cached != null ? cached : WordStates.of(encoder);
      words.encodeAll(data, progress);
      states = data.stream().map(e -> words.get(e.words())).toList();
    }
    progress.report(
        data.size()
            + " utterances, "
            + labels.size()
            + " tags, "
            + intents.size()
            + " intents, "
            + tokenFeatures.size()
            + " token features");
    SlotTagger tagger =
        SlotTagger.ensemble(
            options.slotModels(),
            new SlotTagger.Sentences(
                labels,
                tokenFeatures.size(),
                tokenX,
                states,
                encoder == null ? 0 : encoder.dimension(),
                tokenY),
            options.slotEpochs(),
            options.seed(),
            progress);
    List<float[]> summaries = null;
    if (states != null) {
      summaries = new ArrayList<>(data.size());
      for (int i = 0; i < data.size(); i++) {
        summaries.add(Features.clauseSummary(data.get(i).words(), states.get(i)));
      }
    }
    IntentClassifier classifier =
        IntentClassifier.train(
            intents,
            utteranceFeatures.size(),
            uttX,
            summaries,
            encoder == null ? 0 : encoder.dimension(),
            uttY,
            options.intentEpochs(),
            options.seed(),
            options.intentModels(),
            progress);
    ClauseIntents clauses =
        options.byClause()
            ? ClauseIntents.train(
                intents,
                data,
                states,
                encoder == null ? 0 : encoder.dimension(),
                options.intentEpochs(),
                options.seed(),
                progress)
            : null;
    return new JointModel(
        tokenFeatures,
        utteranceFeatures,
        tagger,
        classifier,
        encoder,
        slotsOfIntent(data),
        clauses,
        confidenceScale(classifier, uttX, summaries));
  }

  /**
   * The typical margin of the intent decisions on the training utterances (their median, at least a
   * small positive number): a margin this wide reads as confidence 0.63.
   */
  private static double confidenceScale(
      IntentClassifier classifier, List<int[]> x, List<float[]> summaries) {
    double[] margins = new double[x.size()];
    for (int i = 0; i < x.size(); i++) {
      float[] s = classifier.scores(x.get(i), summaries == null ? null : summaries.get(i));
      margins[i] =
          Math.abs(IntentClassifier.margin(s, classifier.top(s, classifier.count(x.get(i)))));
    }
    java.util.Arrays.sort(margins);
    return Math.max(1e-6, margins[margins.length / 2]);
  }

  /**
   * How sure the model is of intents {@code taken} given their scores: 0 when some intent's
   * perceptron disagrees, rising to 1 as the margin grows, 0.63 at the training utterances' median
   * margin; NaN for a model saved without its scale.
   */
  private double confidence(float[] scores, boolean[] taken) {
    double m = IntentClassifier.margin(scores, taken);
    return Double.isNaN(confidenceScale)
        ? Double.NaN
        : m <= 0 ? 0 : 1 - Math.exp(-m / confidenceScale);
  }

  /**
   * The weight of the whole utterance's intent scores against its clauses' when intents are found
   * clause by clause (chosen on cross-validation folds among 0, 0.5, 1, 2 and 4).
   */
  private static final float CLAUSE_VERSUS_UTTERANCE = 1;

  /**
   * The whole utterance's features for intents; clause by clause, also the number of places where a
   * clause may end (joining words outside every slot), which tells how many intents there may be.
   */
  private static List<String> utteranceFeatureNames(
      List<String> words, List<String> tags, boolean byClause) {
    List<String> names = Features.utterance(words, Span.of(tags));
    if (byClause) {
      names.add("joints=" + ClauseIntents.joints(words, tags).size());
    }
    return names;
  }

  /** Intents with fewer single-intent examples than this take their slots from all examples. */
  private static final int ALONE_ENOUGH = 20;

  /**
   * The slot types each intent is seen with: in the examples where it is the only intent, or, for
   * an intent rarely alone, in every example that has it.
   */
  static java.util.Map<String, java.util.Set<String>> slotsOfIntent(List<Example> data) {
    java.util.Map<String, java.util.Set<String>> alone = new java.util.TreeMap<>();
    java.util.Map<String, java.util.Set<String>> any = new java.util.TreeMap<>();
    java.util.Map<String, Integer> aloneCount = new java.util.HashMap<>();
    for (Example e : data) {
      java.util.Set<String> types = new TreeSet<>();
      Span.of(e.tags()).forEach(s -> types.add(s.slot()));
      for (String intent : e.intents()) {
        any.computeIfAbsent(intent, k -> new TreeSet<>()).addAll(types);
        if (e.intents().size() == 1) {
          alone.computeIfAbsent(intent, k -> new TreeSet<>()).addAll(types);
          aloneCount.merge(intent, 1, Integer::sum);
        }
      }
    }
    java.util.Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
    for (String intent : any.keySet()) {
      out.put(
          intent,
          aloneCount.getOrDefault(intent, 0) >= ALONE_ENOUGH ? alone.get(intent) : any.get(intent));
    }
    return out;
  }

  private static int[][] tokenIds(FeatureIndex index, List<String> words) {
    List<List<String>> features = Features.tokens(words);
    int[][] ids = new int[features.size()][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = index.ids(features.get(i));
    }
    return ids;
  }

  /** Understands an utterance given as words. */
  @Override
  public Prediction predict(List<String> words) {
    float[][] states = wordStates(encoder, words);
    float[][] emissions = tagger.emissions(tokenIds(tokenFeatures, words), states);
    int[] path = tagger.decode(emissions, null);
    int[] features =
        utteranceFeatures.ids(utteranceFeatureNames(words, tags(path), clauseIntents != null));
    float[] summary = states == null ? null : Features.clauseSummary(words, states);
    float[] scores = classifier.scores(features, summary);
    if (clauseIntents != null) {
      ClauseIntents.Reading reading =
          clauseIntents.read(
              words,
              tags(path),
              states,
              classifier.count(features),
              scores,
              CLAUSE_VERSUS_UTTERANCE);
      List<String> found = new ArrayList<>();
      for (int j = 0; j < reading.intents().length; j++) {
        if (reading.intents()[j]) {
          found.add(classifier.intents.get(j));
        }
      }
      List<String> tags = tags(slotsGivenIntents(words, emissions, path, found));
      return new Prediction(
          found, tags, List.copyOf(Span.of(tags)), confidence(scores, reading.intents()));
    }
    boolean[] on = classifier.top(scores, classifier.count(features));
    List<String> intents = new ArrayList<>();
    for (int j = 0; j < on.length; j++) {
      if (on[j]) {
        intents.add(classifier.intents.get(j));
      }
    }
    if (!intents.isEmpty()) {
      path = slotsGivenIntents(words, emissions, path, intents);
    }
    List<String> tags = tags(path);
    return new Prediction(intents, tags, List.copyOf(Span.of(tags)), confidence(scores, on));
  }

  private List<String> tags(int[] path) {
    List<String> tags = new ArrayList<>(path.length);
    for (int p : path) {
      tags.add(tagger.labels.get(p));
    }
    return tags;
  }

  /**
   * Slots given intents: each clause of the utterance takes its slot types from one of the intents
   * found, the intent whose types let the clause score best, and the utterance is decoded again.
   * Clauses end at a joining word ({@code and}, a comma) that the first {@code path} leaves outside
   * every slot, so a value such as "rock and roll" stays whole.
   */
  private int[] slotsGivenIntents(
      List<String> words, float[][] emissions, int[] path, List<String> intents) {
    List<int[]> clauses = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= words.size(); i++) {
      if (i == words.size()
          || (Features.startsClause(words, i)
              && tagger.labels.get(path[i - 1]).equals("O")
              && !tagger.labels.get(path[i]).startsWith("I-"))) {
        clauses.add(new int[] {start, i});
        start = i;
      }
    }
    boolean[][] usable = new boolean[words.size()][];
    float[] best = new float[clauses.size()];
    java.util.Arrays.fill(best, Float.NEGATIVE_INFINITY);
    for (String intent : intents) {
      java.util.Set<String> types = slotsOfIntent.getOrDefault(intent, java.util.Set.of());
      boolean[] fits = new boolean[tagger.labels.size()];
      for (int y = 0; y < fits.length; y++) {
        String label = tagger.labels.get(y);
        fits[y] = label.equals("O") || types.contains(label.substring(2));
      }
      boolean[][] everywhere = new boolean[words.size()][];
      java.util.Arrays.fill(everywhere, fits);
      int[] restricted = tagger.decode(emissions, everywhere);
      for (int c = 0; c < clauses.size(); c++) {
        int[] clause = clauses.get(c);
        float score = tagger.score(emissions, restricted, clause[0], clause[1]);
        if (score > best[c]) {
          best[c] = score;
          java.util.Arrays.fill(usable, clause[0], clause[1], fits);
        }
      }
    }
    return tagger.decode(emissions, usable);
  }

  // ---- persistence: model.json (labels, intents), features-*.txt, weights.bin ----

  /**
   * Saves the model in {@code dir}. {@code model.json} is written last, under a temporary name
   * moved into place, so that a folder left by a save that did not finish holds no model.json and
   * reads as untrained.
   */
  @Override
  public void save(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve("model.json"));
      ObjectNode meta = JSON.createObjectNode();
      // format 4 when nothing of format 5 is needed, so that earlier builds read the model
      meta.put("format", clauseIntents == null ? 4 : FORMAT);
      meta.put("kind", KIND);
      meta.set("tags", JSON.valueToTree(tagger.labels));
      meta.set("intents", JSON.valueToTree(classifier.intents));
      if (encoder != null) {
        meta.put("encoder", encoder.name());
      }
      meta.set("slots_of_intent", JSON.valueToTree(slotsOfIntent));
      meta.put("intents_by", clauseIntents == null ? "utterance" : "clause");
      if (!Double.isNaN(confidenceScale)) {
        meta.put("confidence_scale", confidenceScale);
      }
      if (clauseIntents != null) {
        Files.write(
            dir.resolve("features-clause.txt"),
            clauseIntents.clauseFeatures.names(),
            StandardCharsets.UTF_8);
        Files.write(
            dir.resolve("features-joint.txt"),
            clauseIntents.jointFeatures.names(),
            StandardCharsets.UTF_8);
      }
      Files.write(dir.resolve("features-token.txt"), tokenFeatures.names(), StandardCharsets.UTF_8);
      Files.write(
          dir.resolve("features-utterance.txt"), utteranceFeatures.names(), StandardCharsets.UTF_8);
      try (DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(
                  Files.newOutputStream(dir.resolve("weights.bin")), 1 << 16))) {
        List<float[]> arrays =
            new ArrayList<>(
                List.of(
                    tagger.emission,
                    tagger.transition,
                    tagger.dense,
                    classifier.weights,
                    classifier.countWeights,
                    classifier.dense));
        if (clauseIntents != null) {
          arrays.addAll(
              List.of(clauseIntents.weights, clauseIntents.dense, clauseIntents.jointWeights));
        }
        for (float[] a : arrays) {
          out.writeInt(a.length);
          for (float v : a) {
            out.writeFloat(v);
          }
        }
      }
      IntentSlotModel.writeModelJson(dir, meta);
    } catch (IOException e) {
      throw new NluException("cannot save the model to " + dir + ": " + e.getMessage(), e);
    }
  }

  public static JointModel load(Path dir) {
    try {
      if (!Files.exists(dir.resolve("model.json"))) {
        throw new NluException(
            dir
                + " holds no trained model (model.json is missing: never trained, or its saving"
                + " did not finish); train one with: scion nlu train");
      }
      JsonNode meta = JSON.readTree(dir.resolve("model.json").toFile());
      if (!READABLE.contains(meta.path("format").asInt())) {
        throw new NluException(
            dir
                + " has model format "
                + meta.path("format")
                + "; this build reads formats 4 and 5; train the model again with: scion nlu"
                + " train");
      }
      boolean byClause = meta.path("intents_by").asText("utterance").equals("clause");
      List<String> tags = new ArrayList<>();
      meta.get("tags").forEach(t -> tags.add(t.asText()));
      List<String> intents = new ArrayList<>();
      meta.get("intents").forEach(t -> intents.add(t.asText()));
      FeatureIndex tokenFeatures =
          FeatureIndex.of(
              Files.readAllLines(dir.resolve("features-token.txt"), StandardCharsets.UTF_8));
      FeatureIndex utteranceFeatures =
          FeatureIndex.of(
              Files.readAllLines(dir.resolve("features-utterance.txt"), StandardCharsets.UTF_8));
      float[][] arrays = new float[byClause ? 9 : 6][];
      try (DataInputStream in =
          new DataInputStream(
              new BufferedInputStream(Files.newInputStream(dir.resolve("weights.bin")), 1 << 16))) {
        for (int a = 0; a < arrays.length; a++) {
          arrays[a] = new float[in.readInt()];
          for (int i = 0; i < arrays[a].length; i++) {
            arrays[a][i] = in.readFloat();
          }
        }
      }
      OnnxEncoder encoder =
          meta.hasNonNull("encoder") ? OnnxEncoder.load(meta.get("encoder").asText(), 1, 0) : null;
      java.util.Map<String, java.util.Set<String>> slotsOfIntent = new java.util.TreeMap<>();
      meta.path("slots_of_intent")
          .fields()
          .forEachRemaining(
              e -> {
                java.util.Set<String> types = new TreeSet<>();
                e.getValue().forEach(t -> types.add(t.asText()));
                slotsOfIntent.put(e.getKey(), types);
              });
      return new JointModel(
          tokenFeatures,
          utteranceFeatures,
          new SlotTagger(tags, arrays[0], arrays[1], arrays[2]),
          new IntentClassifier(intents, arrays[3], arrays[4], arrays[5]),
          encoder,
          slotsOfIntent,
          byClause
              ? new ClauseIntents(
                  intents,
                  FeatureIndex.of(
                      Files.readAllLines(
                          dir.resolve("features-clause.txt"), StandardCharsets.UTF_8)),
                  FeatureIndex.of(
                      Files.readAllLines(
                          dir.resolve("features-joint.txt"), StandardCharsets.UTF_8)),
                  arrays[6],
                  arrays[7],
                  arrays[8])
              : null,
          meta.path("confidence_scale").asDouble(Double.NaN));
    } catch (IOException e) {
      throw new NluException("cannot load the model in " + dir + ": " + e.getMessage(), e);
    }
  }
}
