package dev.scion.nlu.torch;

import dev.scion.nlu.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded multi-intent utterances of a small travel domain: one to three clauses joined by "and",
 * each with its own intent and slots, written in several phrasings.
 */
final class GeneratedBookings {
  private static final String[] CITIES = {
    "hanoi", "da nang", "tokyo", "bangkok", "new york", "hoi an", "paris", "seoul"
  };
  private static final String[] DAYS = {"monday", "friday", "tomorrow", "the 10th", "next week"};
  private static final String[] AIRLINES = {"delta", "united", "air france", "vietnam airlines"};

  private GeneratedBookings() {}

  static List<Example> generate(long seed, int n) {
    Random r = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> words = new ArrayList<>();
      List<String> tags = new ArrayList<>();
      List<String> intents = new ArrayList<>();
      int clauses = 1 + r.nextInt(3);
      while (intents.size() < clauses) {
        String intent = List.of("flight", "hotel", "fare", "airline").get(r.nextInt(4));
        if (intents.contains(intent)) {
          continue;
        }
        if (!intents.isEmpty()) {
          add(words, tags, r.nextBoolean() ? "and" : "and also", null);
        }
        intents.add(intent);
        clause(r, intent, words, tags);
      }
      out.add(new Example(words, tags, intents));
    }
    return out;
  }

  private static void clause(Random r, String intent, List<String> words, List<String> tags) {
    switch (intent) {
      case "flight" -> {
        add(words, tags, r.nextBoolean() ? "show me flights from" : "i need a flight from", null);
        add(words, tags, pick(r, CITIES), "from_city");
        add(words, tags, "to", null);
        add(words, tags, pick(r, CITIES), "to_city");
        if (r.nextBoolean()) {
          add(words, tags, "on", null);
          add(words, tags, pick(r, DAYS), "day");
        }
      }
      case "hotel" -> {
        add(words, tags, r.nextBoolean() ? "book a hotel in" : "find me a room in", null);
        add(words, tags, pick(r, CITIES), "city");
      }
      case "fare" -> {
        add(words, tags, "how much is a ticket to", null);
        add(words, tags, pick(r, CITIES), "to_city");
      }
      default -> {
        add(words, tags, r.nextBoolean() ? "what does" : "tell me about", null);
        add(words, tags, pick(r, AIRLINES), "airline");
      }
    }
  }

  private static String pick(Random r, String[] values) {
    return values[r.nextInt(values.length)];
  }

  private static void add(List<String> words, List<String> tags, String text, String slot) {
    String[] ws = text.split(" ");
    for (int i = 0; i < ws.length; i++) {
      words.add(ws[i]);
      tags.add(slot == null ? "O" : (i == 0 ? "B-" : "I-") + slot);
    }
  }
}
