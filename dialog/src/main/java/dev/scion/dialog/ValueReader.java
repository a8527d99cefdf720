package dev.scion.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scion.dialog.tools.RecordCodes;
import dev.scion.nlu.values.Dates;
import dev.scion.nlu.values.Durations;
import dev.scion.nlu.values.Money;
import dev.scion.nlu.values.Numbers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Turns slot text into a normalized value by the slot's kind: ISO dates, whole numbers, amounts,
 * durations, a fixed number of digits, a choice, or an entity of the business database (its
 * canonical name, also read from its Chinese name and the pack's aliases).
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
  private final Map<String, Entities> entities;
  private final RecordCodes codes;

  ValueReader(Map<String, JsonNode> kinds, Map<String, Entities> entities, RecordCodes codes) {
    this.kinds = kinds;
    this.entities = entities;
    this.codes = codes;
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

  /** A denial just before a value: "not", "不是", "instead of". */
  private static final Pattern NOT_BEFORE =
      Pattern.compile("(?i)(?:\\bnot|不是|而非|\\binstead of|\\brather than)\\s*$");

  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");

  /**
   * The slots read from the whole message rather than from a span: record codes ({@code code}),
   * contacts ({@code contact}: an e-mail address or a phone number) and fixed-length digits.
   */
  List<String> anywhereSlots() {
    return kinds.keySet().stream()
        .filter(slot -> List.of("code", "contact", "digits").contains(kind(slot)))
        .toList();
  }

  /** Whether the slot's values are looked for by name anywhere in a message ({@code scan}). */
  boolean scannedByName(String slot) {
    Entities e = entities.get(slot);
    return e != null && e.scan();
  }

  /**
   * Whether the slot is a choice whose options are also looked for anywhere in a message ({@code
   * scan: true}) while a task needs it ("I lost my card": the reason is lost).
   */
  boolean scannedChoice(String slot) {
    JsonNode kind = kinds.get(slot);
    return kind != null && kind(slot).equals("choice") && kind.path("scan").asBoolean(false);
  }

  /** The option of a choice slot named in the text as a whole word, or null. */
  String choiceIn(String slot, String text) {
    return option(kinds.get(slot), text, Entities::containsWord);
  }

  /** Whether the slot is read from the whole message only while a task needs it. */
  boolean askedOnly(String slot) {
    return List.of("contact", "digits").contains(kind(slot));
  }

  /** Whether the slot is only ever given by a tool's result, never read from a message. */
  boolean fromToolsOnly(String slot) {
    return kind(slot).equals("record");
  }

  /**
   * The slot's kind: its name in pack.yaml ({@code date}, {@code number}, …), or {@code choice},
   * {@code entity} or {@code digits} for a slot described by a map.
   */
  String kind(String slot) {
    JsonNode kind = kinds.get(slot);
    if (kind == null) {
      return "text";
    }
    if (kind.isTextual()) {
      return kind.asText();
    }
    for (String k : List.of("entity", "digits", "date")) {
      if (kind.has(k)) {
        return k;
      }
    }
    return "choice";
  }

  /**
   * The one slot value found by name anywhere in the text among the values of the scanned slot; see
   * {@link Entities#findByName}.
   */
  String findByName(String slot, String text, boolean loose) {
    List<String> otherWords = new ArrayList<>();
    entities.forEach(
        (other, e) -> {
          if (!other.equals(slot)) {
            otherWords.addAll(e.nameWords());
          }
        });
    return entities.get(slot).findByName(text, loose, otherWords);
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

  /** Whether the slot holds a count or an amount (duration, number, people, money). */
  boolean numeric(String slot) {
    return List.of("duration", "number", "people", "money").contains(kind(slot));
  }

  /**
   * The number of people the message's party names as a whole ("me and my wife", "我和老公", "just
   * me"), for a {@code people} slot; null for any other slot or when it names no party.
   */
  Long party(String slot, String text) {
    if (!kind(slot).equals("people")) {
      return null;
    }
    OptionalLong n = Numbers.party(text);
    return n.isPresent() ? n.getAsLong() : null;
  }

  private static final Pattern COUNT_WORDS =
      Pattern.compile(
          "(?i)[\\d\\s,.()]|[零一二两三四五六七八九十百俩仨个]"
              + "|\\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|couple|of|and)\\b");

  /**
   * Whether the words are a count alone, naming no one ("7", "two"), or a family's size ("一家四口",
   * "family of 4", "四口 两大"): a party named elsewhere in the message says better who the grown-ups
   * are.
   */
  static boolean bareCount(String text) {
    String rest = COUNT_WORDS.matcher(text).replaceAll("");
    return rest.matches("[家口大小]*") || rest.toLowerCase(Locale.ROOT).contains("family");
  }

  /** Whether the words hold a number in digits or words ("2", "two", "三", "a week"). */
  static boolean hasNumber(String text) {
    return text.chars().anyMatch(Character::isDigit)
        || Numbers.parse(text).isPresent()
        || Durations.nights(text).isPresent();
  }

  Read read(String slot, String text, LocalDate today) {
    JsonNode kind = kinds.get(slot);
    String k = kind(slot);
    String t = text.strip();
    if (List.of("duration", "number", "people", "money").contains(k)) {
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
        Dates dates = new Dates(today, kind != null && kind.path("day_first").asBoolean(false));
        Optional<LocalDate> d =
            kind != null && kind.path("date").asText().equals("past")
                ? dates.parsePast(t) // {date: past}: a payment, a birth
                : dates.parseAsSaid(t);
        return d.map(x -> new Read(x.toString(), null)).orElse(new Read(null, "unknown.value"));
      }
      case "duration" -> {
        OptionalInt n = Durations.nights(t);
        if (n.isPresent()) {
          return n.getAsInt() > 0
              ? new Read((long) n.getAsInt(), null)
              : new Read(null, "value.not_positive");
        }
        OptionalLong x = Numbers.parse(t);
        return x.isPresent() ? new Read(x.getAsLong(), null) : new Read(null, "unknown.value");
      }
      case "number", "people" -> {
        OptionalLong party = k.equals("people") ? Numbers.party(t) : OptionalLong.empty();
        OptionalLong x = party.isPresent() ? party : Numbers.parseCount(t); // "两大两小": 2
        return x.isPresent() ? new Read(x.getAsLong(), null) : new Read(null, "unknown.value");
      }
      case "money" -> {
        Optional<Money> m = Money.parse(t);
        if (m.isPresent()) {
          return new Read(amount(m.get().amount()), null);
        }
        OptionalLong x = Numbers.parse(t);
        return x.isPresent() ? new Read(x.getAsLong(), null) : new Read(null, "unknown.value");
      }
      case "entity" -> {
        String v = entities.get(slot).read(t);
        return v == null ? new Read(null, "unknown." + slot) : new Read(v, null);
      }
      case "digits" -> {
        int n = kind.path("digits").asInt();
        var m =
            Pattern.compile("(?<![\\d./-])\\d{" + n + "}(?![\\d./-])")
                .matcher(Numbers.digitByDigit(t)); // "尾号一二零八": 1208
        while (m.find()) {
          if (!NOT_BEFORE.matcher(t.substring(0, m.start())).find()) {
            return new Read(m.group(), null); // "6602 not 6620": the one not denied
          }
        }
        return new Read(null, "unknown.value");
      }
      case "record" -> {
        return new Read(null, "unknown.value");
      }
      case "contact" -> {
        String c = contact(t);
        return c == null ? new Read(null, "unknown.value") : new Read(c, null);
      }
      case "code" -> {
        return codes.find(t).map(c -> new Read(c, null)).orElse(new Read(null, "unknown.value"));
      }
      case "choice" -> {
        String o = option(kind, t, String::contains);
        return o != null ? new Read(o, null) : new Read(null, "unknown.value");
      }
      default -> {
        String v = TRAILING.matcher(t).replaceAll("");
        return v.isEmpty() ? new Read(null, "unknown.value") : new Read(v, null);
      }
    }
  }

  /** An amount: a whole number when it has no cents ("45"), else exact ("4.50"). */
  private static Object amount(BigDecimal a) {
    BigDecimal plain = a.stripTrailingZeros();
    return plain.scale() <= 0 ? (Object) a.longValue() : a.setScale(2, RoundingMode.HALF_UP);
  }

  /**
   * The option of a choice the text names, or null: an option itself, else one of its other names
   * in any language (its Chinese names, {@code zh:}, or other words, {@code en: {damaged:
   * [broken]}}); {@code says} tells whether the lower-case text holds a lower-case name.
   */
  private static String option(
      JsonNode kind, String text, java.util.function.BiPredicate<String, String> says) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (JsonNode option : kind.path("choice")) {
      if (says.test(lower, option.asText().toLowerCase(Locale.ROOT))) {
        return option.asText();
      }
    }
    var languages = kind.fields();
    while (languages.hasNext()) {
      var l = languages.next();
      if (l.getKey().equals("choice") || !l.getValue().isObject()) {
        continue;
      }
      var it = l.getValue().fields();
      while (it.hasNext()) {
        var e = it.next();
        for (JsonNode name : e.getValue()) {
          if (says.test(lower, name.asText().toLowerCase(Locale.ROOT))) {
            return e.getKey();
          }
        }
      }
    }
    return null;
  }

  /**
   * A value as a Chinese reply shows it: an entity's Chinese name from the database, a choice's
   * first Chinese name from the pack; the value itself when it has none.
   */
  Object chinese(String slot, Object value) {
    if (!(value instanceof String v)) {
      return value;
    }
    return switch (kind(slot)) {
      case "entity" -> entities.get(slot).chinese(v);
      case "choice" -> {
        JsonNode names = kinds.get(slot).path("zh").path(v);
        yield names.isArray() && !names.isEmpty() ? names.get(0).asText() : v;
      }
      default -> v;
    };
  }

  /**
   * Values as shown to a person: amounts with two decimals, dates as ISO text, cities in the
   * reply's language.
   */
  Map<String, Object> display(Map<String, Object> v, String lang) {
    Map<String, Object> out = new HashMap<>();
    for (var e : v.entrySet()) {
      Object x = e.getValue();
      out.put(
          e.getKey(),
          x instanceof BigDecimal b ? b.setScale(2, RoundingMode.HALF_UP).toPlainString() : x);
    }
    if (lang.equals("zh")) {
      out.replaceAll(this::chinese);
    }
    return out;
  }
}
