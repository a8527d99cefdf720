package dev.scion.dialog.sgd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scion.models.OnnxEncoder;
import dev.scion.nlu.Example;
import dev.scion.nlu.JointModel;
import dev.scion.nlu.Prediction;
import dev.scion.nlu.Span;
import dev.scion.nlu.values.Numbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dialogue state tracker for SGD hotel services. Each user turn updates the previous state with:
 * slot values tagged in the user's words (a joint model over slot <em>concepts</em>, so services
 * never seen in training map onto the concepts they share with seen ones by the encoder's reading
 * of slot names and descriptions); values the system offered or asked to confirm, when the user
 * repeats them or accepts; categorical values read by rules from the slot's own words (numbers next
 * to "rooms", "star"; an amenity named with or without a negation).
 */
final class SgdTracker {
  private static final Pattern TOKEN =
      Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?|[^\\s\\p{L}\\p{N}]");
  private static final Pattern NEGATION =
      Pattern.compile("(?i)\\b(no|not|non|without|don't|doesn't|dont|isn't|never)\\b");
  private static final Pattern DONTCARE =
      Pattern.compile(
          "(?i)(don't care|doesn't matter|do not care|any (is|will be) fine|either is fine|anything is fine|no preference)");

  private static final Pattern AFFIRM =
      Pattern.compile(
          "^\\W*(yes|yeah|yep|yup|sure|perfect|great|correct|right|ok|okay|alright|sounds good|that works|that's (right|correct|good|fine|perfect)|i want (this|that|it)|i'll take)\\b");
  private static final Pattern DENY =
      Pattern.compile("^\\W*(no|nope|not|wait|actually|that's not|that is not|sorry)\\b");
  private static final Pattern ELSEWHERE =
      Pattern.compile(
          "\\b(other|others|alternative|alternatives|else|more options|instead|another)\\b");
  private static final Pattern SEARCHING =
      Pattern.compile(
          "(?i)\\b(search|find|look for|looking for|any other|anything|how about|instead|need|want|with)\\b");
  private static final Pattern REQUEST_BOOKING =
      Pattern.compile("\\b(reserve|book|booking|reservation)\\b");

  private final JointModel tagger;
  private final Map<String, String> concepts; // service/slot -> concept
  private final Accept accept;

  private SgdTracker(JointModel tagger, Map<String, String> concepts, Accept accept) {
    this.tagger = tagger;
    this.concepts = concepts;
    this.accept = accept;
  }

  /** Words of a text with their character offsets. */
  record Tokens(List<String> words, List<int[]> offsets) {}

  static Tokens tokens(String text) {
    List<String> w = new ArrayList<>();
    List<int[]> o = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      w.add(m.group());
      o.add(new int[] {m.start(), m.end()});
    }
    return new Tokens(w, o);
  }

  /** Trains on the user turns of the hotel frames of {@code dialogues}. */
  static SgdTracker train(List<JsonNode> dialogues, Schema schema, Map<String, String> concepts) {
    List<Example> examples = new ArrayList<>();
    List<List<String>> acceptWords = new ArrayList<>();
    List<Boolean> acceptLabels = new ArrayList<>();
    for (JsonNode d : dialogues) {
      JsonNode lastSystem = null;
      Map<String, Map<String, String>> prev = new HashMap<>();
      for (JsonNode t : d.path("turns")) {
        if (t.path("speaker").asText().equals("SYSTEM")) {
          lastSystem = t;
          continue;
        }
        String text = t.path("utterance").asText();
        Tokens tk = tokens(text);
        for (JsonNode f : t.path("frames")) {
          String service = f.path("service").asText();
          if (!service.startsWith("Hotels")) {
            continue;
          }
          String[] tags = new String[tk.words().size()];
          java.util.Arrays.fill(tags, "O");
          for (JsonNode s : f.path("slots")) {
            String concept = concepts.get(service + "/" + s.path("slot").asText());
            if (concept == null) {
              continue;
            }
            int start = s.path("start").asInt();
            int end = s.path("exclusive_end").asInt();
            boolean first = true;
            for (int i = 0; i < tags.length; i++) {
              int[] o = tk.offsets().get(i);
              if (o[0] >= start && o[1] <= end) {
                tags[i] = (first ? "B-" : "I-") + concept;
                first = false;
              }
            }
          }
          // one label for every turn: the tagger's slot types are not narrowed by an intent
          examples.add(new Example(tk.words(), List.of(tags), List.of("hotel")));
          Map<String, String> now = values(f.path("state").path("slot_values"));
          Map<String, String> before = prev.getOrDefault(service, Map.of());
          Map<String, List<String>> offered = offered(lastSystem, service);
          if (!offered.isEmpty()) {
            boolean took = false;
            for (var e : offered.entrySet()) {
              String v = now.get(e.getKey());
              if (v != null && !v.equals(before.get(e.getKey())) && e.getValue().contains(v)) {
                took = true;
              }
            }
            acceptWords.add(lower(tk.words()));
            acceptLabels.add(took);
          }
          prev.put(service, now);
        }
      }
    }
    JointModel model =
        JointModel.train(
            examples, new JointModel.Options(8, 4, 7, OnnxEncoder.BGE_SMALL_EN_V15, 1), line -> {});
    return new SgdTracker(model, concepts, Accept.train(acceptWords, acceptLabels));
  }

  private static List<String> lower(List<String> words) {
    return words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
  }

  /** The first value of each slot in a state's slot_values. */
  static Map<String, String> values(JsonNode slotValues) {
    Map<String, String> out = new LinkedHashMap<>();
    slotValues.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path(0).asText()));
    return out;
  }

  /** Slot values the system mentioned (offered, confirmed, informed, proposed) for a service. */
  static Map<String, List<String>> offered(JsonNode system, String service) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    offeredWithActs(system, service).forEach((k, v) -> out.put(k, v.subList(1, v.size())));
    return out;
  }

  /** Like {@link #offered}, each list starting with the system's act. */
  static Map<String, List<String>> offeredWithActs(JsonNode system, String service) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (system == null) {
      return out;
    }
    for (JsonNode f : system.path("frames")) {
      if (!f.path("service").asText().equals(service)) {
        continue;
      }
      for (JsonNode a : f.path("actions")) {
        if (a.path("values").isEmpty() || a.path("slot").asText().isEmpty()) {
          continue;
        }
        List<String> vs = new ArrayList<>();
        vs.add(a.path("act").asText());
        a.path("values").forEach(v -> vs.add(v.asText()));
        out.put(a.path("slot").asText(), vs);
      }
    }
    return out;
  }

  /** The slot concepts tagged in an utterance, with their text. */
  Map<String, String> conceptsIn(String utterance) {
    Tokens tk = tokens(utterance);
    Map<String, String> out = new LinkedHashMap<>();
    for (Span s : tagger.predict(tk.words()).slots()) {
      int start = tk.offsets().get(s.start())[0];
      int end = tk.offsets().get(s.end() - 1)[1];
      out.put(s.slot(), utterance.substring(start, end));
    }
    return out;
  }

  /** The state after a user turn for one service frame. */
  Map<String, String> update(
      Map<String, String> previous,
      String service,
      Schema.Service schema,
      String utterance,
      JsonNode lastSystem,
      Map<String, String> carry,
      Map<String, String> lastOffer) {
    Map<String, String> state = new LinkedHashMap<>(previous);
    if (state.isEmpty()) {
      for (var e : carry.entrySet()) {
        String concept = e.getKey();
        for (String slot : schema.stateSlots()) {
          if (concept.equals(concepts.get(service + "/" + slot))) {
            state.put(slot, e.getValue());
          }
        }
      }
    }
    Tokens tk = tokens(utterance);
    String lower = utterance.toLowerCase(Locale.ROOT);
    Map<String, List<String>> offered = offeredWithActs(lastSystem, service);
    boolean accepts =
        !offered.isEmpty()
            && !DENY.matcher(lower).find()
            && (accept.test(lower(tk.words())) || AFFIRM.matcher(lower).find());
    for (var e : offered.entrySet()) {
      Schema.Slot slot = schema.slots().get(e.getKey());
      if (!schema.stateSlots().contains(e.getKey()) || slot == null) {
        continue;
      }
      String act = e.getValue().getFirst();
      List<String> values = e.getValue().subList(1, e.getValue().size());
      for (String v : values) {
        if (v.length() > 2 && lower.contains(v.toLowerCase(Locale.ROOT))) {
          state.put(e.getKey(), v); // the user repeats what the system said
        }
      }
      boolean known = concepts.containsKey(service + "/" + e.getKey());
      if (accepts && values.size() == 1 && (known || slot.categorical())) {
        if (act.equals("CONFIRM") || (act.equals("OFFER") && !slot.categorical())) {
          state.put(e.getKey(), values.getFirst());
        }
      }
    }
    if (!DENY.matcher(lower).find()
        && !ELSEWHERE.matcher(lower).find()
        && (accept.test(lower(tk.words()))
            || AFFIRM.matcher(lower).find()
            || REQUEST_BOOKING.matcher(lower).find())) {
      for (var e : lastOffer.entrySet()) {
        Schema.Slot slot = schema.slots().get(e.getKey());
        if (slot != null
            && !slot.categorical()
            && schema.stateSlots().contains(e.getKey())
            && concepts.containsKey(service + "/" + e.getKey())) {
          state.put(e.getKey(), e.getValue()); // the offer the user now takes
        }
      }
    }
    Prediction p = tagger.predict(tk.words());
    for (Span s : p.slots()) {
      int start = tk.offsets().get(s.start())[0];
      int end = tk.offsets().get(s.end() - 1)[1];
      String value = utterance.substring(start, end);
      for (String slot : schema.stateSlots()) {
        if (s.slot().equals(concepts.get(service + "/" + slot))
            && !schema.slots().get(slot).categorical()) {
          state.put(slot, value);
        }
      }
    }
    for (String slot : schema.stateSlots()) {
      Schema.Slot sl = schema.slots().get(slot);
      if (sl != null && sl.categorical()) {
        String v = categorical(sl, lower);
        if (v != null) {
          state.put(slot, v);
        }
      }
    }
    return state;
  }

  /** A categorical value the user stated: a number next to the slot's noun, or an amenity. */
  static String categorical(Schema.Slot slot, String text) {
    List<String> keys = keywords(slot);
    if (keys.isEmpty()) {
      return null;
    }
    String last = null;
    for (String sentence : text.split("(?<=[.!?])\\s+")) {
      String v = categoricalIn(slot, keys, sentence);
      if (v != null) {
        last = v; // "not 1 room. I'd rather have 2 rooms": the last one stands
      }
    }
    return last;
  }

  private static final Pattern QUESTION =
      Pattern.compile(
          "(?i)^\\W*(\\w+,\\s*)?(can|could|does|do|is|are|will|would|what|how)\\b.*|.*\\?.*"
              + "|.*\\bwhether\\b.*|.*\\b(can|could|do|does|is|are)\\s+(i|you|we|they|it|there)\\b.*");

  private static String categoricalIn(Schema.Slot slot, List<String> keys, String sentence) {
    List<String> words = lower(tokens(sentence).words());
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      boolean hit = false;
      for (String k : keys) {
        hit |= w.startsWith(k);
      }
      if (!hit) {
        continue;
      }
      if (slot.values().contains("True")) {
        if (QUESTION.matcher(sentence).matches()
            && (sentence.contains("whether") || !SEARCHING.matcher(sentence).find())) {
          return null; // asking whether it has it, not asking for it
        }
        if (DONTCARE.matcher(sentence).find()) {
          return "dontcare";
        }
        String before = String.join(" ", words.subList(Math.max(0, i - 4), i));
        return NEGATION.matcher(before).find() ? "False" : "True";
      }
      for (int back = 1; back <= 2 && i - back >= 0; back++) {
        String n = words.get(i - back);
        if (n.equals("a") || n.equals("an")) {
          continue;
        }
        OptionalLong x = Numbers.parse(n.replace("-", " "));
        if (x.isPresent() && slot.values().contains(Long.toString(x.getAsLong()))) {
          return Long.toString(x.getAsLong());
        }
      }
    }
    return null;
  }

  /** The words that name a categorical slot in a message (from its name). */
  static List<String> keywords(Schema.Slot slot) {
    String n = slot.name();
    List<String> out = new ArrayList<>();
    for (String w : n.split("_")) {
      if (!Set.of("number", "of", "has", "is", "allowed", "welcome", "service", "rating", "the")
          .contains(w)) {
        out.add(w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
      }
    }
    if (n.contains("star")) {
      out.add("star");
    }
    if (n.contains("adult")) {
      out.addAll(List.of("people", "person", "guest", "adult"));
    }
    if (n.contains("smoking")) {
      out.add("smok");
    }
    if (n.contains("wifi")) {
      out.add("wi-fi");
      out.add("internet");
    }
    return out;
  }

  /** A perceptron that tells whether a user accepts what the system just proposed. */
  static final class Accept {
    private final Map<String, Double> w;

    private Accept(Map<String, Double> w) {
      this.w = w;
    }

    static Accept train(List<List<String>> x, List<Boolean> y) {
      Map<String, Double> w = new HashMap<>();
      Map<String, Double> sum = new HashMap<>();
      int steps = 0;
      for (int epoch = 0; epoch < 5; epoch++) {
        for (int i = 0; i < x.size(); i++) {
          steps++;
          List<String> f = features(x.get(i));
          double s = f.stream().mapToDouble(k -> w.getOrDefault(k, 0.0)).sum();
          boolean guess = s > 0;
          if (guess != y.get(i)) {
            double d = y.get(i) ? 1 : -1;
            for (String k : f) {
              w.merge(k, d, Double::sum);
              sum.merge(k, d * (5.0 * x.size() - steps), Double::sum);
            }
          }
        }
      }
      return new Accept(sum);
    }

    static List<String> features(List<String> words) {
      List<String> f = new ArrayList<>();
      f.add("bias");
      String prev = "<s>";
      for (String w : words) {
        f.add(w);
        f.add(prev + "_" + w);
        prev = w;
      }
      return f;
    }

    boolean test(List<String> words) {
      return features(words).stream().mapToDouble(k -> w.getOrDefault(k, 0.0)).sum() > 0;
    }
  }
}
