package dev.scion.dialog.sgd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scion.dialog.DialogException;
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
 * Dialogue state tracking on SGD hotel dialogues: trains a {@link SgdTracker} on one file, then
 * tracks every dialogue of another and scores the user turns' {@code Hotels_*} frames. A frame is
 * right when its predicted slot values equal the reference ones (each value matching one of the
 * accepted values after lower-casing): joint goal accuracy. Correction turns are those that change
 * a slot value already set; their accuracy is reported apart.
 */
public final class SgdEval {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SgdEval() {}

  public static Map<String, Object> run(
      Path train, Path schemaFile, Path data, Consumer<String> progress) {
    Schema schema = Schema.read(schemaFile);
    Path trainSchemaFile =
        train.resolveSibling(
            train.getFileName().toString().replace("_hotels.jsonl", "_schema.json"));
    Schema trainSchema = Files.exists(trainSchemaFile) ? Schema.read(trainSchemaFile) : schema;
    List<JsonNode> trainDialogues = read(train);
    List<JsonNode> dialogues = read(data);
    progress.accept(
        trainDialogues.size() + " training dialogues, " + dialogues.size() + " to track");
    return trainAndTrack(trainDialogues, trainSchema, dialogues, schema, progress).figures();
  }

  /**
   * Leave-one-service-out cross-validation on a training file: for each hotel service of the
   * schema, train on the dialogues without it and track the dialogues with it, as a test split
   * tracks services never seen in training. Returns the pooled figures, each fold's, and the
   * spread.
   */
  public static Map<String, Object> crossValidate(
      Path train, Path schemaFile, Consumer<String> progress) {
    Schema schema = Schema.read(schemaFile);
    List<JsonNode> dialogues = read(train);
    List<String> held =
        schema.services().keySet().stream().filter(s -> s.startsWith("Hotels")).toList();
    if (held.size() < 2) {
      throw new DialogException(
          schemaFile
              + " has "
              + held.size()
              + " hotel services; leaving one out needs two or more");
    }
    Tally pooled = new Tally();
    List<Map<String, Object>> folds = new ArrayList<>();
    for (String service : held) {
      List<JsonNode> in = new ArrayList<>();
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode d : dialogues) {
        boolean has = false;
        for (JsonNode s : d.path("services")) {
          has |= s.asText().equals(service);
        }
        (has ? out : in).add(d);
      }
      Map<String, Schema.Service> rest = new LinkedHashMap<>(schema.services());
      rest.remove(service);
      progress.accept(
          "fold " + service + ": training on " + in.size() + " dialogues, tracking " + out.size());
      Tally t = trainAndTrack(in, new Schema(rest), out, schema, progress);
      pooled.add(t);
      Map<String, Object> fold = new LinkedHashMap<>();
      fold.put("held_out", service);
      fold.putAll(t.figures());
      folds.add(fold);
    }
    Map<String, Object> r = new LinkedHashMap<>(pooled.figures());
    for (String k : List.of("joint_goal_accuracy", "correction_accuracy")) {
      double lo = folds.stream().mapToDouble(f -> (double) f.get(k)).min().orElse(0);
      double hi = folds.stream().mapToDouble(f -> (double) f.get(k)).max().orElse(0);
      r.put(k + "_range", List.of(lo, hi));
    }
    r.put("folds", folds);
    return r;
  }

  /** Frames and correction turns tracked, and the slots that were wrong on correction turns. */
  static final class Tally {
    int frames;
    int right;
    int corrections;
    int correctionsRight;
    final Map<String, Integer> correctionMisses = new java.util.TreeMap<>();

    void add(Tally o) {
      frames += o.frames;
      right += o.right;
      corrections += o.corrections;
      correctionsRight += o.correctionsRight;
      o.correctionMisses.forEach((k, v) -> correctionMisses.merge(k, v, Integer::sum));
    }

    Map<String, Object> figures() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("frames", frames);
      out.put("joint_goal_accuracy", round(frames == 0 ? 0 : (double) right / frames));
      out.put("correction_turns", corrections);
      out.put(
          "correction_accuracy",
          round(corrections == 0 ? 0 : (double) correctionsRight / corrections));
      out.put("correction_misses", new LinkedHashMap<>(correctionMisses));
      return out;
    }
  }

  private static Tally trainAndTrack(
      List<JsonNode> trainDialogues,
      Schema trainSchema,
      List<JsonNode> dialogues,
      Schema schema,
      Consumer<String> progress) {
    Map<String, String> concepts = concepts(trainSchema, schema, trainDialogues, progress);
    long t0 = System.nanoTime();
    SgdTracker tracker = SgdTracker.train(trainDialogues, trainSchema, concepts);
    progress.accept(
        String.format(Locale.ROOT, "trained in %.1f s", (System.nanoTime() - t0) / 1e9));
    Tally tally = new Tally();
    for (JsonNode d : dialogues) {
      track(d, tracker, concepts, schema, tally);
    }
    return tally;
  }

  private static void track(
      JsonNode d, SgdTracker tracker, Map<String, String> concepts, Schema schema, Tally tally) {
    JsonNode lastSystem = null;
    Map<String, Map<String, String>> predicted = new HashMap<>();
    Map<String, Map<String, String>> gold = new HashMap<>();
    Map<String, String> carry = new LinkedHashMap<>();
    Map<String, Map<String, String>> offers = new HashMap<>();
    for (JsonNode t : d.path("turns")) {
      if (t.path("speaker").asText().equals("SYSTEM")) {
        lastSystem = t;
        remember(carry, t, concepts, schema, cityConcept(concepts));
        for (JsonNode f : t.path("frames")) {
          for (JsonNode a : f.path("actions")) {
            if (a.path("act").asText().equals("OFFER") && a.path("values").size() == 1) {
              offers
                  .computeIfAbsent(f.path("service").asText(), k -> new HashMap<>())
                  .put(a.path("slot").asText(), a.path("values").path(0).asText());
            }
          }
        }
        continue;
      }
      boolean otherService = false;
      for (JsonNode f : t.path("frames")) {
        otherService |= !f.path("service").asText().startsWith("Hotels");
      }
      if (otherService) { // a city named for a flight or a restaurant may be the hotel's city
        String city = cityConcept(concepts);
        String said = tracker.conceptsIn(t.path("utterance").asText()).get(city);
        if (said != null) {
          carry.put(city, said);
        }
      }
      for (JsonNode f : t.path("frames")) {
        String service = f.path("service").asText();
        if (!service.startsWith("Hotels")) {
          continue;
        }
        Schema.Service s = schema.services().get(service);
        if (s == null) {
          throw new DialogException(service + " is not in the schema");
        }
        Map<String, String> prev = predicted.getOrDefault(service, Map.of());
        Map<String, String> next =
            tracker.update(
                prev,
                service,
                s,
                t.path("utterance").asText(),
                lastSystem,
                carry,
                offers.getOrDefault(service, Map.of()));
        predicted.put(service, next);
        JsonNode goldValues = f.path("state").path("slot_values");
        Map<String, String> before = gold.getOrDefault(service, Map.of());
        Map<String, String> now = SgdTracker.values(goldValues);
        boolean correction = false;
        for (var e : now.entrySet()) {
          if (before.containsKey(e.getKey()) && !before.get(e.getKey()).equals(e.getValue())) {
            correction = true;
          }
        }
        gold.put(service, now);
        boolean ok = matches(next, goldValues);
        tally.frames++;
        tally.right += ok ? 1 : 0;
        if (correction) {
          tally.corrections++;
          tally.correctionsRight += ok ? 1 : 0;
          if (!ok) {
            for (String slot : wrongSlots(next, goldValues)) {
              tally.correctionMisses.merge(slot, 1, Integer::sum);
            }
          }
        }
        for (var e : next.entrySet()) {
          String c = concepts.get(service + "/" + e.getKey());
          if (c != null) {
            carry.put(c, e.getValue());
          }
        }
      }
    }
  }

  /** The slots where a predicted state differs from the reference: missing, extra or wrong. */
  static List<String> wrongSlots(Map<String, String> predicted, JsonNode gold) {
    java.util.Set<String> slots = new java.util.TreeSet<>(predicted.keySet());
    gold.fieldNames().forEachRemaining(slots::add);
    List<String> out = new ArrayList<>();
    for (String slot : slots) {
      String p = predicted.get(slot);
      JsonNode accepted = gold.get(slot);
      if (p == null) {
        out.add(slot + ":missing");
      } else if (accepted == null) {
        out.add(slot + ":extra");
      } else if (!accepts(accepted, p)) {
        out.add(slot + ":wrong");
      }
    }
    return out;
  }

  private static boolean accepts(JsonNode accepted, String value) {
    for (JsonNode v : accepted) {
      if (v.asText().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static final java.util.regex.Pattern CITY =
      java.util.regex.Pattern.compile("(?i)\\bcity\\b");
  private static final java.util.regex.Pattern NOT_THERE =
      java.util.regex.Pattern.compile("(?i)from|originat|pick");

  /** The concept of the hotel's city: that of the hotel services' location slots. */
  static String cityConcept(Map<String, String> concepts) {
    for (String key : List.of("Hotels_1/destination", "Hotels_3/location", "Hotels_2/where_to")) {
      if (concepts.containsKey(key)) {
        return concepts.get(key);
      }
    }
    return null;
  }

  /**
   * Values the system stated in other services that a hotel frame may take up: a city the user is
   * going to (a slot described as a city, not one left from), or a slot of a shared concept.
   */
  private static void remember(
      Map<String, String> carry,
      JsonNode system,
      Map<String, String> concepts,
      Schema schema,
      String city) {
    for (JsonNode f : system.path("frames")) {
      String service = f.path("service").asText();
      if (service.startsWith("Hotels")) {
        continue;
      }
      Schema.Service s = schema.services().get(service);
      for (JsonNode a : f.path("actions")) {
        if (a.path("values").isEmpty()) {
          continue;
        }
        String slot = a.path("slot").asText();
        String c = concepts.get(service + "/" + slot);
        Schema.Slot sl = s == null ? null : s.slots().get(slot);
        if (city != null
            && sl != null
            && CITY.matcher(sl.description()).find()
            && !NOT_THERE.matcher(sl.description() + " " + slot).find()) {
          c = city;
        }
        if (c != null) {
          carry.put(c, a.path("values").path(0).asText());
        }
      }
    }
  }

  static boolean matches(Map<String, String> predicted, JsonNode gold) {
    if (predicted.size() != gold.size()) {
      return false;
    }
    for (var e : predicted.entrySet()) {
      JsonNode accepted = gold.get(e.getKey());
      if (accepted == null || !accepts(accepted, e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Concepts of slots. Training slots of the same name are one concept; two concepts merge when
   * their values in the training states overlap (a third or more, by Jaccard) and no service has
   * both (destination, where_to and location all hold cities; check-in and check-out dates, which
   * one service holds side by side, stay apart). A slot of any service takes the concept of the
   * training slot its name and description read closest to, by the encoder.
   */
  static Map<String, String> concepts(
      Schema train, Schema eval, List<JsonNode> dialogues, Consumer<String> progress) {
    Map<String, java.util.Set<String>> values = new HashMap<>();
    Map<String, java.util.Set<String>> servicesOf = new HashMap<>();
    for (Schema.Service s : train.services().values()) {
      if (!s.name().startsWith("Hotels")) {
        continue;
      }
      for (String slot : s.stateSlots()) {
        Schema.Slot sl = s.slots().get(slot);
        if (sl != null && !sl.categorical()) {
          servicesOf.computeIfAbsent(slot, k -> new java.util.HashSet<>()).add(s.name());
          values.computeIfAbsent(slot, k -> new java.util.HashSet<>());
        }
      }
    }
    for (JsonNode d : dialogues) {
      for (JsonNode t : d.path("turns")) {
        for (JsonNode f : t.path("frames")) {
          f.path("state")
              .path("slot_values")
              .fields()
              .forEachRemaining(
                  e -> {
                    java.util.Set<String> set = values.get(e.getKey());
                    if (set != null) {
                      e.getValue().forEach(v -> set.add(v.asText().toLowerCase(Locale.ROOT)));
                    }
                  });
        }
      }
    }
    Map<String, String> group = new HashMap<>();
    values.keySet().forEach(k -> group.put(k, k));
    List<String> names = new ArrayList<>(new java.util.TreeSet<>(values.keySet()));
    for (String a : names) {
      for (String b : names) {
        String ga = group.get(a);
        String gb = group.get(b);
        if (ga.equals(gb) || jaccard(values.get(a), values.get(b)) < 0.3) {
          continue;
        }
        java.util.Set<String> sa = new java.util.HashSet<>();
        java.util.Set<String> sb = new java.util.HashSet<>();
        group.forEach(
            (slot, g) ->
                (g.equals(ga) ? sa : g.equals(gb) ? sb : new java.util.HashSet<String>())
                    .addAll(servicesOf.get(slot)));
        if (java.util.Collections.disjoint(sa, sb)) {
          group.replaceAll((slot, g) -> g.equals(gb) ? ga : g);
        }
      }
    }
    try (OnnxEncoder encoder =
        OnnxEncoder.load(
            OnnxEncoder.BGE_SMALL_EN_V15, Runtime.getRuntime().availableProcessors(), 0)) {
      List<String> trained = new ArrayList<>();
      List<float[]> vectors = new ArrayList<>();
      for (Schema.Service s : train.services().values()) {
        for (String slot : s.stateSlots()) {
          Schema.Slot sl = s.slots().get(slot);
          if (group.containsKey(slot) && sl != null && !trained.contains(slot)) {
            trained.add(slot);
            vectors.add(encoder.embed(describe(sl)));
          }
        }
      }
      Map<String, String> out = new HashMap<>();
      for (Schema schema : List.of(train, eval)) {
        for (Schema.Service s : schema.services().values()) {
          assign(s, group, trained, vectors, encoder, out, progress);
        }
      }
      return out;
    }
  }

  /**
   * Gives a service's slots their concepts: a slot named as a training slot takes its concept; the
   * others, the state slots first, take the concept of the training slot they read closest to, one
   * slot per concept within a service (a service never holds one concept twice), when the reading
   * is close enough.
   */
  private static void assign(
      Schema.Service s,
      Map<String, String> group,
      List<String> trained,
      List<float[]> vectors,
      OnnxEncoder encoder,
      Map<String, String> out,
      Consumer<String> progress) {
    java.util.Set<String> taken = new java.util.HashSet<>();
    List<Schema.Slot> open = new ArrayList<>();
    for (Schema.Slot sl : s.slots().values()) {
      if (sl.categorical()) {
        continue;
      }
      if (group.containsKey(sl.name())) {
        out.put(s.name() + "/" + sl.name(), group.get(sl.name()));
        taken.add(group.get(sl.name()));
      } else {
        open.add(sl);
      }
    }
    open.sort(java.util.Comparator.comparing(sl -> !s.stateSlots().contains(sl.name())));
    for (Schema.Slot sl : open) {
      float[] v = encoder.embed(describe(sl));
      int best = -1;
      double similarity = 0;
      boolean hotel = s.name().startsWith("Hotels");
      for (int i = 0; i < vectors.size(); i++) {
        double d = dot(vectors.get(i), v);
        if (d > similarity && !(hotel && taken.contains(group.get(trained.get(i))))) {
          best = i;
          similarity = d;
        }
      }
      boolean close =
          best >= 0 && similarity >= (hotel ? MIN_SIMILARITY : MIN_SIMILARITY_ELSEWHERE);
      if (close) {
        String concept = group.get(trained.get(best));
        out.put(s.name() + "/" + sl.name(), concept);
        taken.add(concept);
      }
      if (s.name().startsWith("Hotels") && s.stateSlots().contains(sl.name())) {
        progress.accept(
            String.format(
                Locale.ROOT,
                "%s/%s %s %s (%.2f)",
                s.name(),
                sl.name(),
                close ? "reads as" : "has no concept; closest",
                best < 0 ? "nothing" : trained.get(best),
                similarity));
      }
    }
  }

  /**
   * How close (cosine) a hotel slot must read to a training slot to share its concept; one slot per
   * concept within a service keeps a looser reading safe.
   */
  private static final double MIN_SIMILARITY = 0.7;

  /**
   * How close another service's slot (a flight's, an event's) must read to a hotel concept for its
   * value to carry over into a new hotel frame: stricter, as nothing else checks it.
   */
  private static final double MIN_SIMILARITY_ELSEWHERE = 0.75;

  private static double jaccard(java.util.Set<String> a, java.util.Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    long common = a.stream().filter(b::contains).count();
    return (double) common / (a.size() + b.size() - common);
  }

  private static String describe(Schema.Slot s) {
    return s.name().replace('_', ' ') + ": " + s.description();
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static List<JsonNode> read(Path file) {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (!line.isBlank()) {
          try {
            out.add(JSON.readTree(line));
          } catch (IOException e) {
            throw new DialogException(file + ":" + n + ": not valid JSON");
          }
        }
      }
    } catch (IOException e) {
      throw new DialogException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }
}
