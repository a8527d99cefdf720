package dev.scion.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.models.OnnxEncoder;
import dev.scion.nlu.Example;
import dev.scion.vector.CollectionConfig;
import dev.scion.vector.Distance;
import dev.scion.vector.Point;
import dev.scion.vector.PointId;
import dev.scion.vector.ScoredPoint;
import dev.scion.vector.SearchRequest;
import dev.scion.vector.VectorCollection;
import dev.scion.vector.VectorDatabase;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * General-model baselines for intents, with no model trained on the industry's data: the intents of
 * the nearest training example by sentence embedding (searched in Scion's vector engine), and
 * zero-shot, the intent whose name (as words) is nearest to the utterance. Neither finds slots.
 */
public final class NluBaseline {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NluBaseline() {}

  public static ObjectNode run(
      List<Example> train, List<Example> data, Path json, PrintStream progress) throws Exception {
    ObjectNode report = JSON.createObjectNode();
    report.put("n", data.size());
    Path dir = Files.createTempDirectory("scion-nlu-baseline");
    try (OnnxEncoder encoder =
            OnnxEncoder.load(
                OnnxEncoder.BGE_SMALL_EN_V15, Runtime.getRuntime().availableProcessors(), 0);
        VectorDatabase db = VectorDatabase.open(dir)) {
      progress.printf(Locale.ROOT, "embedding %d training utterances%n", train.size());
      float[][] trainVectors =
          encoder.embed(train.stream().map(e -> String.join(" ", e.words())).toList());
      float[][] dataVectors =
          encoder.embed(data.stream().map(e -> String.join(" ", e.words())).toList());
      VectorCollection examples =
          db.create("examples", new CollectionConfig(encoder.dimension(), Distance.COSINE));
      List<Point> points = new ArrayList<>();
      for (int i = 0; i < trainVectors.length; i++) {
        points.add(new Point(PointId.of(i), trainVectors[i], null));
      }
      examples.upsert(points, false);
      int right = 0;
      for (int i = 0; i < data.size(); i++) {
        List<ScoredPoint> nearest = examples.search(SearchRequest.of(dataVectors[i], 1));
        List<String> predicted =
            train.get((int) ((PointId.Num) nearest.getFirst().id()).value()).intents();
        right += new HashSet<>(predicted).equals(new HashSet<>(data.get(i).intents())) ? 1 : 0;
      }
      report
          .putObject("nearest_example")
          .put("intent_acc", (double) right / data.size())
          .put("slot_f1", 0.0);
      progress.printf(
          Locale.ROOT, "nearest example: intent accuracy %.4f%n", (double) right / data.size());

      List<String> intents =
          new ArrayList<>(
              new TreeSet<>(train.stream().flatMap(e -> e.intents().stream()).toList()));
      float[][] names = encoder.embed(intents.stream().map(NluBaseline::describe).toList());
      int zeroShot = 0;
      for (int i = 0; i < data.size(); i++) {
        int best = 0;
        double bestScore = -2;
        for (int j = 0; j < names.length; j++) {
          double s = 0;
          for (int d = 0; d < names[j].length; d++) {
            s += names[j][d] * dataVectors[i][d];
          }
          if (s > bestScore) {
            bestScore = s;
            best = j;
          }
        }
        Set<String> gold = new HashSet<>(data.get(i).intents());
        zeroShot += gold.equals(Set.of(intents.get(best))) ? 1 : 0;
      }
      report
          .putObject("zero_shot")
          .put("intent_acc", (double) zeroShot / data.size())
          .put("slot_f1", 0.0);
      progress.printf(
          Locale.ROOT,
          "zero-shot by intent names: intent accuracy %.4f%n",
          (double) zeroShot / data.size());
    } finally {
      dev.scion.vector.internal.FileTrees.delete(dir);
    }
    if (json != null) {
      JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
    }
    return report;
  }

  /** An intent name as words: {@code atis_ground_service} becomes "ground service". */
  static String describe(String intent) {
    String name = intent.contains("_") && intent.startsWith("atis_") ? intent.substring(5) : intent;
    return name.replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
  }
}
