package dev.scion.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded AGIF-format utterances of a small hotel domain, single- and multi-intent, for tests that
 * must not depend on the shared data sets.
 */
final class SyntheticHotelData {
  private static final String[] CITIES = {
    "hanoi", "da nang", "tokyo", "bangkok", "singapore", "hoi an", "shanghai"
  };
  private static final String[] DAYS = {
    "monday", "friday", "the 10th", "the 11th", "tomorrow", "next week"
  };
  private static final String[] NUMS = {"two", "three", "four", "2", "3"};

  private SyntheticHotelData() {}

  static String generate(long seed, int n) {
    Random r = new Random(seed);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int clauses = 1 + r.nextInt(2);
      List<String[]> tokens = new ArrayList<>();
      List<String> intents = new ArrayList<>();
      for (int c = 0; c < clauses; c++) {
        if (c > 0) {
          tokens.add(new String[] {"and", "O"});
          if (r.nextBoolean()) {
            tokens.add(new String[] {"also", "O"});
          }
        }
        String intent;
        do {
          intent =
              switch (r.nextInt(4)) {
                case 0 -> "book_hotel";
                case 1 -> "ask_policy";
                case 2 -> "search_hotel";
                default -> "ask_price";
              };
        } while (intents.contains(intent));
        intents.add(intent);
        clause(r, intent, tokens);
      }
      for (String[] t : tokens) {
        out.append(t[0]).append(' ').append(t[1]).append('\n');
      }
      out.append(String.join("#", intents)).append("\n\n");
    }
    return out.toString();
  }

  private static void clause(Random r, String intent, List<String[]> tokens) {
    switch (intent) {
      case "book_hotel" -> {
        words(tokens, "book a room in");
        slot(tokens, CITIES[r.nextInt(CITIES.length)], "city");
        words(tokens, "for");
        slot(tokens, NUMS[r.nextInt(NUMS.length)], "adults");
        words(tokens, "adults on");
        slot(tokens, DAYS[r.nextInt(DAYS.length)], "check_in");
      }
      case "ask_policy" ->
          words(tokens, r.nextBoolean() ? "what is the cancellation policy" : "can i bring my pet");
      case "search_hotel" -> {
        words(tokens, "show me hotels in");
        slot(tokens, CITIES[r.nextInt(CITIES.length)], "city");
      }
      default -> {
        words(tokens, "how much is a night in");
        slot(tokens, CITIES[r.nextInt(CITIES.length)], "city");
        words(tokens, "on");
        slot(tokens, DAYS[r.nextInt(DAYS.length)], "check_in");
      }
    }
  }

  private static void words(List<String[]> tokens, String text) {
    for (String w : text.split(" ")) {
      tokens.add(new String[] {w, "O"});
    }
  }

  private static void slot(List<String[]> tokens, String text, String slot) {
    String[] ws = text.split(" ");
    for (int i = 0; i < ws.length; i++) {
      tokens.add(new String[] {ws[i], (i == 0 ? "B-" : "I-") + slot});
    }
  }
}
