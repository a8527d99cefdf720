package dev.scion.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scion.dialog.tools.RecordCodes;
import dev.scion.nlu.values.Dates;
import dev.scion.nlu.values.Durations;
import dev.scion.nlu.values.Money;
import dev.scion.nlu.values.Numbers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Turns slot text into a normalized value by the slot's kind: ISO dates, whole numbers, amounts, a
 * city's canonical English name (also from its Chinese name), a hotel's exact name, a choice.
 */
final class ValueReader {
  /** More digits than a count or an amount of a conversation can have (a billion or more). */
  private static final Pattern TOO_LONG = Pattern.compile("\\d[\\d,]{9,}");

  /** A minus sign before the first digit, not between two numbers ("2-3 nights"). */
  private static final Pattern NEGATIVE = Pattern.compile("^[-\u2212]\\s*\\d");

  /** Punctuation that ends a sentence, not a value ("The name is Lan Pham."). */
  private static final Pattern TRAILING = Pattern.compile("[\\s.,;:!?。，；：！？、]+$");

  /** A value read, or the reason it could not be (a template key). */
  record Read(Object value, String problem) {}

  private final Map<String, JsonNode> kinds;
  private final Map<String, String> cities; // lower-case name or alias -> canonical
  private final List<String> hotels;
  private final Map<String, String> hotelsZh; // canonical name -> Chinese name
  private final RecordCodes codes;

  ValueReader(
      Map<String, JsonNode> kinds,
      Map<String, String> cities,
      List<String> hotels,
      Map<String, String> hotelsZh,
      RecordCodes codes) {
    this.hotelsZh = hotelsZh;
    this.codes = codes;
    this.kinds = kinds;
    this.cities = cities;
    this.hotels = hotels;
  }

  /**
   * An e-mail address: the clearer specification of what a contact is, so a rule rather than a
   * learned span.
   */
  static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  /**
   * A phone number: an optional +, then 7 to 15 digits in groups split by single spaces, dots or
   * dashes, or one group in brackets; an ISO date (2026-12-01) is not one.
   */
  static final Pattern PHONE =
      Pattern.compile("(?<![\\w+])(\\+?\\(?\\d{1,4}\\)?(?:[ .-]?\\(?\\d{1,5}\\)?){2,6})(?![\\w@])");

  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");

  /**
   * The slots read from the whole message rather than from a span: record codes ({@code code}) and
   * contacts ({@code contact}: an e-mail address or a phone number).
   */
  List<String> anywhereSlots() {
    return kinds.entrySet().stream()
        .filter(
            e -> e.getValue().isTextual() && List.of("code", "contact").contains(kind(e.getKey())))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Whether the slot's values are looked for by name anywhere in a message (a hotel). */
  boolean scannedByName(String slot) {
    return kind(slot).equals("hotel");
  }

  /** Whether the slot is read from the whole message only while a task needs it. */
  boolean askedOnly(String slot) {
    return kind(slot).equals("contact");
  }

  String kind(String slot) {
    JsonNode kind = kinds.get(slot);
    return kind == null ? "text" : kind.isTextual() ? kind.asText() : "choice";
  }

  /** The e-mail address or phone number in the text, normalized, or null. */
  static String contact(String text) {
    var m = EMAIL.matcher(text);
    if (m.find()) {
      return m.group().toLowerCase(Locale.ROOT);
    }
    var p = PHONE.matcher(text);
    while (p.find()) {
      String number = p.group(1).strip();
      long digits = number.chars().filter(Character::isDigit).count();
      if (digits >= 7 && digits <= 15 && !ISO_DATE.matcher(number).matches()) {
        return (number.startsWith("+") ? "+" : "") + number.replaceAll("\\D", "");
      }
    }
    return null;
  }

  Read read(String slot, String text, LocalDate today) {
    JsonNode kind = kinds.get(slot);
    String k = kind == null ? "text" : kind.isTextual() ? kind.asText() : "choice";
    String t = text.strip();
    if (List.of("nights", "number", "money").contains(k)) {
      if (NEGATIVE.matcher(t).find()) {
        return new Read(null, "value.not_positive");
      }
      if (TOO_LONG.matcher(t).find()) {
        return new Read(null, "unknown.value");
      }
    }
    switch (k) {
      case "date" -> {
        // as said: a month and day passed lately stays in the past, for the pack's rules to
        // question
        Optional<LocalDate> d = new Dates(today).parseAsSaid(t);
        return d.map(x -> new Read(x.toString(), null)).orElse(new Read(null, "unknown.value"));
      }
      case "nights" -> {
        OptionalInt n = Durations.nights(t);
        if (n.isPresent()) {
          return n.getAsInt() > 0
              ? new Read((long) n.getAsInt(), null)
              : new Read(null, "value.not_positive");
        }
        OptionalLong x = Numbers.parse(t);
        return x.isPresent() ? new Read(x.getAsLong(), null) : new Read(null, "unknown.value");
      }
      case "number" -> {
        OptionalLong x = Numbers.parse(t);
        return x.isPresent() ? new Read(x.getAsLong(), null) : new Read(null, "unknown.value");
      }
      case "money" -> {
        Optional<Money> m = Money.parse(t);
        if (m.isPresent()) {
          return new Read(m.get().amount().longValue(), null);
        }
        OptionalLong x = Numbers.parse(t);
        return x.isPresent() ? new Read(x.getAsLong(), null) : new Read(null, "unknown.value");
      }
      case "city" -> {
        String c = city(t);
        return c == null ? new Read(null, "unknown.city") : new Read(c, null);
      }
      case "hotel" -> {
        String h = hotel(t);
        return h == null ? new Read(null, "unknown.hotel") : new Read(h, null);
      }
      case "contact" -> {
        String c = contact(t);
        return c == null ? new Read(null, "unknown.value") : new Read(c, null);
      }
      case "code" -> {
        return codes.find(t).map(c -> new Read(c, null)).orElse(new Read(null, "unknown.value"));
      }
      case "choice" -> {
        for (JsonNode option : kind.path("choice")) {
          String o = option.asText();
          if (t.toLowerCase(Locale.ROOT).contains(o.toLowerCase(Locale.ROOT))) {
            return new Read(o, null);
          }
        }
        String zh = choiceZh(kind, t);
        return zh != null ? new Read(zh, null) : new Read(null, "unknown.value");
      }
      default -> {
        String v = TRAILING.matcher(t).replaceAll("");
        return v.isEmpty() ? new Read(null, "unknown.value") : new Read(v, null);
      }
    }
  }

  private static boolean isChinese(String s) {
    return s.codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }

  /** The option whose Chinese names ({@code zh:} of the choice) one appears in the text. */
  private static String choiceZh(JsonNode kind, String t) {
    var it = kind.path("zh").fields();
    while (it.hasNext()) {
      var e = it.next();
      for (JsonNode name : e.getValue()) {
        if (t.contains(name.asText())) {
          return e.getKey();
        }
      }
    }
    return null;
  }

  /**
   * A value as a Chinese reply shows it: a city's or a hotel's Chinese name from the database, a
   * choice's first Chinese name from the pack; the value itself when it has none.
   */
  Object chinese(String slot, Object value) {
    if (!(value instanceof String v)) {
      return value;
    }
    return switch (kind(slot)) {
      case "city" -> chineseName(v);
      case "hotel" -> hotelsZh.containsKey(v) ? hotelsZh.get(v) + "（" + v + "）" : v;
      case "choice" -> {
        JsonNode names = kinds.get(slot).path("zh").path(v);
        yield names.isArray() && !names.isEmpty() ? names.get(0).asText() : v;
      }
      default -> v;
    };
  }

  /** A city's Chinese name, or the name itself when it has none. */
  String chineseName(String canonical) {
    for (var e : cities.entrySet()) {
      if (e.getValue().equals(canonical) && isChinese(e.getKey())) {
        return e.getKey();
      }
    }
    return canonical;
  }

  String city(String text) {
    String t = text.toLowerCase(Locale.ROOT).strip();
    String exact = cities.get(t);
    if (exact != null) {
      return exact;
    }
    for (var e : cities.entrySet()) {
      if (t.contains(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * The one hotel of the database whose name the message holds, wherever it stands: every
   * distinctive word of its name (words shared by three names or more, such as "hotel", and city
   * names do not count), or the Chinese name without the ending it shares with others ("河坊街" of
   * "河坊街客栈"). With {@code loose} (a hotel is being asked for) two distinctive words are enough, or
   * one found in no other name ("futian", "古镇"). Null when none or several match.
   */
  String findByName(String text, boolean loose) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> said = List.of(lower.split("[^\\p{L}\\p{Nd}]+"));
    Map<String, Integer> shared = new java.util.HashMap<>();
    for (String h : hotels) {
      distinctWords(h).forEach(w -> shared.merge(w, 1, Integer::sum));
    }
    java.util.Set<String> found = new java.util.LinkedHashSet<>();
    for (String h : hotels) {
      List<String> words =
          distinctWords(h).stream().filter(w -> shared.get(w) < 3 && !isCityWord(w)).toList();
      long present = words.stream().filter(said::contains).count();
      boolean unique =
          words.stream().anyMatch(w -> said.contains(w) && shared.get(w) == 1 && w.length() >= 4);
      if (!words.isEmpty() && present == words.size() || loose && (present >= 2 || unique)) {
        found.add(h);
      }
      String zh = hotelsZh.get(h);
      if (zh != null) {
        String core = zhCore(zh);
        if (core.length() >= 2 && lower.contains(core)
            || loose
                && core.length() >= 2
                && uniquePrefix(core)
                && lower.contains(core.substring(0, 2))) {
          found.add(h);
        }
      }
    }
    return found.size() == 1 ? found.iterator().next() : null;
  }

  private static List<String> distinctWords(String name) {
    return List.of(name.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")).stream()
        .filter(w -> w.length() > 2)
        .distinct()
        .toList();
  }

  private boolean isCityWord(String w) {
    return cities.keySet().stream().anyMatch(c -> List.of(c.split("\\s+")).contains(w));
  }

  /** A Chinese hotel name without the ending it shares with another name ("酒店", "度假村"). */
  private String zhCore(String zh) {
    for (int cut = Math.min(3, zh.length() - 1); cut >= 2; cut--) {
      String end = zh.substring(zh.length() - cut);
      long sharing = hotelsZh.values().stream().filter(o -> o.endsWith(end)).count();
      if (sharing >= 2) {
        return zh.substring(0, zh.length() - cut);
      }
    }
    return zh;
  }

  /** Whether no other hotel's Chinese name starts with the first two characters of {@code core}. */
  private boolean uniquePrefix(String core) {
    String p = core.substring(0, 2);
    return hotelsZh.values().stream().filter(o -> o.contains(p)).count() == 1;
  }

  /** The hotel whose name best matches: by containment, then by shared words (half at least). */
  String hotel(String text) {
    String t = text.toLowerCase(Locale.ROOT).strip();
    for (var e : hotelsZh.entrySet()) {
      if (t.contains(e.getValue()) || e.getValue().contains(t) && t.length() >= 3) {
        return e.getKey();
      }
    }
    for (String h : hotels) {
      String n = h.toLowerCase(Locale.ROOT);
      if (n.equals(t) || n.contains(t) && t.length() >= 4 || t.contains(n)) {
        return h;
      }
    }
    List<String> words = List.of(t.split("\\W+"));
    String best = null;
    double bestScore = 0;
    for (String h : hotels) {
      List<String> hw = new ArrayList<>(List.of(h.toLowerCase(Locale.ROOT).split("\\W+")));
      hw.remove("hotel");
      long common = hw.stream().filter(words::contains).count();
      double score = hw.isEmpty() ? 0 : (double) common / hw.size();
      if (score > bestScore) {
        bestScore = score;
        best = h;
      }
    }
    return bestScore >= 0.5 ? best : null;
  }
}
