package dev.scion.dialog;

import dev.scion.nlu.Prediction;
import dev.scion.nlu.Span;
import dev.scion.nlu.values.Dates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The slot values a message gives, read from the model's spans and the whole message. */
final class Hearing {
  private final PackSpec spec;
  private final ValueReader reader;
  private final OfferPick offerPick;

  Hearing(PackSpec spec, ValueReader reader, OfferPick offerPick) {
    this.spec = spec;
    this.reader = reader;
    this.offerPick = offerPick;
  }

  /** A slot value heard in the message. */
  record Heard(String slot, Object value, String problem, String text) {}

  /** The values of the message's slots, normalized; the last value of a slot wins. */
  List<Heard> heard(
      List<String> words,
      Prediction p,
      String lang,
      LocalDate today,
      String text,
      DialogState s,
      String act) {
    Map<String, Heard> last = new LinkedHashMap<>();
    java.util.Set<String> spanned = new java.util.HashSet<>();
    Map<String, Integer> endOf = new java.util.HashMap<>();
    for (Span span : p.slots()) {
      if (!spec.slots().containsKey(span.slot()) || reader.fromToolsOnly(span.slot())) {
        continue; // an act's span ("the second one"), read below
      }
      String value = signed(text, original(text, words.subList(span.start(), span.end()), lang));
      if (value.codePoints().noneMatch(Character::isLetterOrDigit)) {
        continue; // punctuation tagged by mistake
      }
      if (negated(words, span.start())) {
        continue; // "5127 not 5172", "是6602不是6620": the value said is the other one
      }
      if (reader.kind(span.slot()).equals("date")) {
        value = withYear(text, value); // "生日一九八五年[九月三日]", "[April 12], 1990"
      }
      ValueReader.Read r = reader.read(span.slot(), value, today);
      if (r.value() == null) {
        Span named = byName(span, value);
        if (named == null) {
          named = asAnswer(span, value, s, today); // "4 nights" tagged as a hotel
        }
        if (named != null) {
          span = named;
          r = reader.read(span.slot(), value, today);
        }
      }
      if (r.value() == null && reader.numeric(span.slot()) && !ValueReader.hasNumber(value)) {
        continue; // "same number of nights": a word about the value, not a value
      }
      Heard before = last.get(span.slot());
      if (r.value() == null && before != null && before.value() != null) {
        continue; // keep the value that could be read
      }
      String end = spec.ranges().get(span.slot());
      if (end != null
          && r.value() != null
          && before != null
          && before.value() != null
          && !last.containsKey(end)
          && joinsRange(words.subList(endOf.get(span.slot()), span.start()))) {
        span = new Span(end, span.start(), span.end()); // "the 11th to the 13th", both as a start
        r = reader.read(end, value, today);
      }
      endOf.put(span.slot(), span.end());
      last.remove(span.slot());
      last.put(span.slot(), new Heard(span.slot(), r.value(), r.problem(), value));
      spanned.add(span.slot());
    }
    dateUntagged(s, p, text, today, act, last);
    for (var e : spec.ranges().entrySet()) {
      Heard start = last.get(e.getKey());
      boolean stay = last.keySet().stream().anyMatch(k -> reader.kind(k).equals("duration"));
      if (start != null && start.value() != null && !last.containsKey(e.getValue()) && !stay) {
        String end = rangeEnd(text, start, today);
        if (end != null) {
          last.put(e.getValue(), new Heard(e.getValue(), end, null, start.text()));
        }
      }
    }
    DialogState.Frame frame = s.active();
    endAfterStart(frame, last);
    for (String slot : reader.anywhereSlots()) { // a record code counts wherever it stands
      if (reader.askedOnly(slot) && !asked(s, frame, slot) && !"correct".equals(act)) {
        continue; // an e-mail, a phone number, digits count where the task needs them or fixed
      }
      if (!last.containsKey(slot) || last.get(slot).value() == null) {
        String rest = text; // looked for outside the spans of other values ("April 12, 1990")
        for (Heard h : last.values()) {
          if (!h.slot().equals(slot) && h.value() != null && spanned.contains(h.slot())) {
            rest = rest.replace(h.text(), " ");
          }
        }
        ValueReader.Read r = reader.read(slot, rest, today);
        if (r.value() == null && !rest.equals(text) && asked(s, frame, slot)) {
          r = reader.read(slot, text, today); // "尾号六六二零" with its "零" tagged as an amount
        }
        if (r.value() != null) {
          last.put(slot, new Heard(slot, r.value(), null, text));
        }
      }
    }
    for (String slot : spec.slots().keySet()) {
      if (reader.scannedChoice(slot)
          && !last.containsKey(slot)
          && (asked(s, frame, slot) || startsTaking(p, slot) || defaulted(frame, slot))) {
        String option = reader.choiceIn(slot, text); // "send me a new one, normal delivery is ok"
        if (option != null) {
          last.put(slot, new Heard(slot, option, null, text));
        }
      }
    }
    for (String slot : spec.slots().keySet()) {
      if ((!last.containsKey(slot) || ValueReader.bareCount(last.get(slot).text()))
          && (asked(s, frame, slot) || startsTaking(p, slot) || defaulted(frame, slot))) {
        Long party = reader.party(slot, text); // "my wife and I … our kids (7 and 10)": two
        if (party != null) {
          last.put(slot, new Heard(slot, party, null, text)); // "me and my wife": two
        }
      }
    }
    for (var e : spec.slots().entrySet()) {
      if (reader.scannedByName(e.getKey())
          && (!last.containsKey(e.getKey()) || last.get(e.getKey()).value() == null)) {
        DialogState.Frame f = s.active();
        String slot = e.getKey();
        boolean asked =
            !s.offered.isEmpty()
                || f != null
                    && spec.tasks().get(f.task).requires().contains(slot)
                    && !f.slots.containsKey(slot)
                || startsNeeding(p, slot);
        String found = reader.findByName(slot, text, asked);
        if (found != null) {
          last.put(e.getKey(), new Heard(e.getKey(), found, null, text));
        }
      }
    }
    answer(s, p, text, today, last);
    Map<String, Object> chosen = offerPick.chosen(s, p, words, text, act, last);
    if (chosen != null) {
      for (String f : spec.offers().fills()) {
        if (!last.containsKey(f) || f.equals(spec.offers().fillsFrom())) {
          last.put(f, new Heard(f, chosen.get(f), null, text));
        }
      }
    }
    return new ArrayList<>(last.values());
  }

  /**
   * A bare number answers the task's open question ("2" to "how many nights?", "ok 30 then"): read
   * as that slot when the message gives no value of it, asks for no other task, and holds no number
   * the other values were read from.
   */
  private void answer(
      DialogState s, Prediction p, String text, LocalDate today, Map<String, Heard> last) {
    DialogState.Frame frame = s.active();
    if (frame == null || frame.awaitingConfirmation) {
      return;
    }
    String open = Frames.firstMissing(spec, frame);
    if (open == null
        || !reader.numeric(open)
        || last.containsKey(open)
        || last.values().stream().anyMatch(h -> ValueReader.hasNumber(h.text()))
        || p.intents().stream()
            .anyMatch(i -> spec.tasks().containsKey(i) && !i.equals(frame.task))) {
      return;
    }
    if (ValueReader.hasNumber(text)) {
      ValueReader.Read r = reader.read(open, text, today);
      if (r.value() != null) {
        last.put(open, new Heard(open, r.value(), null, text));
      }
    }
  }

  /** The span as the open question's slot, when it reads as that and not as its own. */
  private Span asAnswer(Span span, String value, DialogState s, LocalDate today) {
    DialogState.Frame frame = s.active();
    String open = frame == null ? null : Frames.firstMissing(spec, frame);
    if (open == null || open.equals(span.slot()) || !reader.numeric(open)) {
      return null;
    }
    return reader.read(open, value, today).value() != null
        ? new Span(open, span.start(), span.end())
        : null;
  }

  private static final Pattern TOKEN = Pattern.compile("\\p{IsHan}|[\\p{L}\\d]+|[^\\s\\p{L}\\d]");

  /**
   * The end of a range of dates that starts with the date {@code start} was read from ("Dec 19-21",
   * "Dec 30 - Jan 2", "3月5号到8号"): the longest stretch of the message from the start's text, up to
   * six tokens beyond it, that reads as a range starting on that day; null when none does.
   */
  private static String rangeEnd(String text, Heard start, LocalDate today) {
    int at = text.indexOf(start.text());
    if (at < 0) {
      return null;
    }
    LocalDate from = LocalDate.parse(start.value().toString());
    String rest = text.substring(at + start.text().length());
    List<Integer> ends = new ArrayList<>(List.of(0));
    var m = TOKEN.matcher(rest);
    while (m.find() && ends.size() <= 6) {
      ends.add(m.end());
    }
    Dates dates = new Dates(today);
    for (int i = ends.size() - 1; i >= 0; i--) {
      var r = dates.parseRange(start.text() + rest.substring(0, ends.get(i)));
      if (r.isPresent()
          && r.get().from().getDayOfMonth() == from.getDayOfMonth()
          && r.get().from().getMonth() == from.getMonth()) {
        return from.plusDays(
                java.time.temporal.ChronoUnit.DAYS.between(r.get().from(), r.get().to()))
            .toString();
      }
    }
    return null;
  }

  /**
   * The end of a range read again from its start when it came out in a month before the start's
   * ("Jan 20 till the 24th" in December is January 24, not December's; "the 10th to the 8th" stays
   * wrong, to be asked again), and a count of days said beside both ends dropped when the ends
   * disagree with it ("Jan 29 to Feb 1, at most 100 a night").
   */
  private void endAfterStart(DialogState.Frame frame, Map<String, Heard> last) {
    for (var e : spec.ranges().entrySet()) {
      Heard start = last.get(e.getKey());
      Heard end = last.get(e.getValue());
      Object from =
          start != null ? start.value() : frame == null ? null : frame.slots.get(e.getKey());
      if (from == null || end == null || end.value() == null) {
        continue;
      }
      LocalDate first = LocalDate.parse(from.toString());
      LocalDate until = LocalDate.parse(end.value().toString());
      if (!until.isAfter(first) && until.withDayOfMonth(1).isBefore(first.withDayOfMonth(1))) {
        ValueReader.Read again = reader.read(e.getValue(), end.text(), first);
        if (again.value() != null && LocalDate.parse(again.value().toString()).isAfter(first)) {
          until = LocalDate.parse(again.value().toString());
          last.put(e.getValue(), new Heard(e.getValue(), again.value(), null, end.text()));
        }
      }
      if (start == null) {
        continue;
      }
      long days = java.time.temporal.ChronoUnit.DAYS.between(first, until);
      last.values()
          .removeIf(
              h ->
                  reader.kind(h.slot()).equals("duration")
                      && h.value() instanceof Number n
                      && n.longValue() != days);
    }
  }

  private static final java.util.Set<String> RANGE_WORDS =
      java.util.Set.of(
          "to", "-", "until", "till", "til", "through", "thru", "到", "至", "~", "—", "–");

  /** Whether the words between two dates join them as a range ("to", "until", "到"). */
  private static boolean joinsRange(List<String> between) {
    return between.size() <= 2
        && between.stream()
            .anyMatch(w -> RANGE_WORDS.contains(w.toLowerCase(java.util.Locale.ROOT)));
  }

  /** Whether the active task takes a default for the slot ("sent fast" changes the delivery). */
  private boolean defaulted(DialogState.Frame frame, String slot) {
    return frame != null && spec.tasks().get(frame.task).defaults().containsKey(slot);
  }

  /**
   * A date the tagger left untagged ("14th-16th", "feb 2nd i meant"), read from the whole message
   * as the first date the task needs, when no date was heard and the task asks for one, starts with
   * this message, or is being corrected. A position in a list ("the 2nd one") is no date.
   */
  private void dateUntagged(
      DialogState s,
      Prediction p,
      String text,
      LocalDate today,
      String act,
      Map<String, Heard> last) {
    if (last.keySet().stream().anyMatch(k -> reader.kind(k).equals("date"))
        || dev.scion.nlu.values.Ordinals.position(text).isPresent()) {
      return;
    }
    DialogState.Frame frame = s.active();
    String task =
        p.intents().stream()
            .filter(spec.tasks()::containsKey)
            .findFirst()
            .orElse(frame == null ? spec.onRecord().get(act == null ? "" : act) : frame.task);
    if (task == null) {
      return;
    }
    boolean starting = frame == null || !frame.task.equals(task);
    for (String slot : spec.tasks().get(task).requires()) {
      if (!reader.kind(slot).equals("date") || spec.ranges().containsValue(slot)) {
        continue;
      }
      boolean open = starting || !frame.slots.containsKey(slot) || "correct".equals(act);
      if (open) {
        ValueReader.Read r = reader.read(slot, text, today);
        if (r.value() != null) {
          last.put(slot, new Heard(slot, r.value(), null, text));
        }
      }
      return; // the first date the task needs only
    }
  }

  /** Whether the words before position {@code at} deny what follows ("not", "不是", "instead of"). */
  static boolean negated(List<String> words, int at) {
    String one = at >= 1 ? words.get(at - 1).toLowerCase(java.util.Locale.ROOT) : "";
    String two = at >= 2 ? words.get(at - 2).toLowerCase(java.util.Locale.ROOT) + " " + one : "";
    return one.equals("not")
        || List.of("不 是", "而 非", "instead of", "rather than", "not the").contains(two);
  }

  /** Whether the message asks for a task that requires the slot or has a default for it. */
  private boolean startsTaking(Prediction p, String slot) {
    return startsNeeding(p, slot)
        || p.intents().stream()
            .anyMatch(
                i ->
                    spec.tasks().containsKey(i)
                        && spec.tasks().get(i).defaults().containsKey(slot));
  }

  /** Whether the message asks for a task that requires the slot. */
  private boolean startsNeeding(Prediction p, String slot) {
    return p.intents().stream()
        .anyMatch(
            i -> spec.tasks().containsKey(i) && spec.tasks().get(i).requires().contains(slot));
  }

  /**
   * Whether the active task still needs the slot: it or its guard (not passed yet) requires it, and
   * the task does not have it.
   */
  private boolean asked(DialogState s, DialogState.Frame frame, String slot) {
    if (frame == null || frame.slots.containsKey(slot)) {
      return false;
    }
    PackSpec.Task t = spec.tasks().get(frame.task);
    if (t.requires().contains(slot)) {
      return true;
    }
    return t.after() != null
        && !s.passed.contains(t.after())
        && spec.tasks().get(t.after()).requires().contains(slot);
  }

  /**
   * The span read as the slot whose value it names by name, when the tagger gave it another slot
   * whose value it cannot be (a name tagged as another entity slot names this one); null when it
   * names none.
   */
  private Span byName(Span span, String text) {
    for (String slot : spec.slots().keySet()) {
      if (reader.scannedByName(slot)
          && !slot.equals(span.slot())
          && reader.findByName(slot, text, false) != null) {
        return new Span(slot, span.start(), span.end());
      }
    }
    return null;
  }

  /** The words as the user typed them (spacing kept), found in the message. */
  static String original(String text, List<String> words, String lang) {
    StringBuilder re = new StringBuilder();
    for (String w : words) {
      if (!re.isEmpty()) {
        re.append("\\s*");
      }
      re.append(Pattern.quote(w));
    }
    var m = Pattern.compile(re.toString()).matcher(text);
    return m.find() ? m.group() : String.join(lang.equals("zh") ? "" : " ", words);
  }

  private static final String DIGIT_CHARS = "0123456789〇零一二三四五六七八九";

  private static final Pattern YEAR_BEFORE =
      Pattern.compile("((?:19|20)\\d{2}|[一二][〇零一二三四五六七八九]{3})\\s*年\\s*$");

  private static final Pattern YEAR_AFTER =
      Pattern.compile("^\\s*,?\\s*((?:19|20)\\d{2})(?![\\d:])");

  /**
   * A date's words with the year said just before or after them that the tagger left out ("一九八五年"
   * before "九月三日", ", 1990" after "April 12"); the words as they are otherwise.
   */
  static String withYear(String text, String value) {
    int at = text.indexOf(value);
    while (at > 0 // "一九八[五年九月三日]": the digits the span cut off belong to it
        && DIGIT_CHARS.indexOf(text.charAt(at - 1)) >= 0
        && !value.isEmpty()
        && DIGIT_CHARS.indexOf(value.charAt(0)) >= 0) {
      at--;
      value = text.charAt(at) + value;
    }
    if (at < 0 || value.matches("(?s).*(\\d{4}|[〇零一二三四五六七八九]{4}\\s*年).*")) {
      return value;
    }
    var before = YEAR_BEFORE.matcher(text.substring(0, at));
    if (before.find()) {
      return before.group() + value;
    }
    var after = YEAR_AFTER.matcher(text.substring(at + value.length()));
    return after.find() ? value + after.group() : value;
  }

  /**
   * The value with the minus sign the user typed just before it ("-3 nights"), which the tagger
   * leaves out of the value; a dash between two numbers ("2-3 nights") is not a sign.
   */
  static String signed(String text, String value) {
    int at = text.indexOf(value);
    if (at <= 0 || value.isEmpty() || !Character.isDigit(value.charAt(0))) {
      return value;
    }
    String before = text.substring(0, at).stripTrailing();
    if (before.isEmpty() || "-\u2212".indexOf(before.charAt(before.length() - 1)) < 0) {
      return value;
    }
    String rest = before.substring(0, before.length() - 1).stripTrailing();
    boolean range = !rest.isEmpty() && Character.isDigit(rest.charAt(rest.length() - 1));
    return range ? value : "-" + value;
  }
}
