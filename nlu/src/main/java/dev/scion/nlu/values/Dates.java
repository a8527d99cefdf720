package dev.scion.nlu.values;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates in English and Chinese, resolved against {@code today}: ISO dates, "December 10", "the
 * 10th" (the next 10th on or after today), "tomorrow", "in 3 days", "Friday" (the coming one),
 * "next Friday" (Friday of next week), "12月10日", "10号", "下周五", "明天", "3天后"; and ranges such as
 * "from the 10th to the 12th" or "12月10日到12日".
 */
public final class Dates {
  /** A stay: check-in and check-out dates. */
  public record Range(LocalDate from, LocalDate to) {}

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("january", 1),
          Map.entry("jan", 1),
          Map.entry("february", 2),
          Map.entry("feb", 2),
          Map.entry("march", 3),
          Map.entry("mar", 3),
          Map.entry("april", 4),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("june", 6),
          Map.entry("jun", 6),
          Map.entry("july", 7),
          Map.entry("jul", 7),
          Map.entry("august", 8),
          Map.entry("aug", 8),
          Map.entry("september", 9),
          Map.entry("sep", 9),
          Map.entry("sept", 9),
          Map.entry("october", 10),
          Map.entry("oct", 10),
          Map.entry("november", 11),
          Map.entry("nov", 11),
          Map.entry("december", 12),
          Map.entry("dec", 12));
  private static final Map<String, DayOfWeek> DAYS =
      Map.ofEntries(
          Map.entry("monday", DayOfWeek.MONDAY), Map.entry("mon", DayOfWeek.MONDAY),
          Map.entry("tuesday", DayOfWeek.TUESDAY), Map.entry("tue", DayOfWeek.TUESDAY),
          Map.entry("wednesday", DayOfWeek.WEDNESDAY), Map.entry("wed", DayOfWeek.WEDNESDAY),
          Map.entry("thursday", DayOfWeek.THURSDAY), Map.entry("thu", DayOfWeek.THURSDAY),
          Map.entry("friday", DayOfWeek.FRIDAY), Map.entry("fri", DayOfWeek.FRIDAY),
          Map.entry("saturday", DayOfWeek.SATURDAY), Map.entry("sat", DayOfWeek.SATURDAY),
          Map.entry("sunday", DayOfWeek.SUNDAY), Map.entry("sun", DayOfWeek.SUNDAY));
  private static final String ZH_WEEKDAYS = "一二三四五六日";
  private static final String MONTH_WORDS = String.join("|", MONTHS.keySet());
  private static final String DAY_WORDS = String.join("|", DAYS.keySet());

  private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
  private static final Pattern MONTH_DAY =
      Pattern.compile("\\b(" + MONTH_WORDS + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b");
  private static final Pattern DAY_MONTH =
      Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(" + MONTH_WORDS + ")\\b");
  private static final Pattern ORDINAL = Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)\\b");
  private static final Pattern IN_DAYS = Pattern.compile("\\bin\\s+(\\w+)\\s+days?\\b");
  private static final Pattern WEEKDAY =
      Pattern.compile("\\b(next|this|coming)?\\s*(" + DAY_WORDS + ")\\b");
  private static final Pattern ZH_MONTH_DAY =
      Pattern.compile("([0-9零一二两三四五六七八九十]+)月([0-9零一二三四五六七八九十]+)[日号]?");
  private static final Pattern ZH_DAY = Pattern.compile("([0-9零一二三四五六七八九十]+)[日号]");
  private static final Pattern ZH_WEEKDAY =
      Pattern.compile("(下下|下|这|本|上)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天])");
  private static final Pattern ZH_DAYS_LATER = Pattern.compile("([0-9零一二两三四五六七八九十]+)天[以之]?后");
  private static final Pattern RANGE_SPLIT =
      Pattern.compile(
          "\\s*(?:\\bto\\b|\\buntil\\b|\\btill\\b|\\bthrough\\b|\\band\\b|–|—|到|至|~)\\s*|\\s+-\\s+");

  private final LocalDate today;

  public Dates(LocalDate today) {
    this.today = today;
  }

  /** The date {@code text} names, or empty. */
  public Optional<LocalDate> parse(String text) {
    String t = text.toLowerCase(Locale.ROOT).trim();
    Matcher m;
    if ((m = ISO.matcher(t)).find()) {
      return Optional.of(
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3))));
    }
    if (t.contains("day after tomorrow") || t.contains("大后天")) {
      return Optional.of(today.plusDays(t.contains("大后天") ? 3 : 2));
    }
    if (t.contains("后天")) {
      return Optional.of(today.plusDays(2));
    }
    if (t.contains("tomorrow") || t.contains("明天") || t.contains("明日")) {
      return Optional.of(today.plusDays(1));
    }
    if (t.contains("tonight") || t.contains("today") || t.contains("今天") || t.contains("今晚")) {
      return Optional.of(today);
    }
    if ((m = IN_DAYS.matcher(t)).find()) {
      var n = Numbers.parse(m.group(1));
      if (n.isPresent()) {
        return Optional.of(today.plusDays(n.getAsLong()));
      }
    }
    if ((m = ZH_DAYS_LATER.matcher(t)).find()) {
      return Optional.of(today.plusDays(Numbers.parse(m.group(1)).orElse(0)));
    }
    if ((m = MONTH_DAY.matcher(t)).find()) {
      return monthDay(MONTHS.get(m.group(1)), Integer.parseInt(m.group(2)));
    }
    if ((m = DAY_MONTH.matcher(t)).find()) {
      return monthDay(MONTHS.get(m.group(2)), Integer.parseInt(m.group(1)));
    }
    if ((m = ZH_MONTH_DAY.matcher(t)).find()) {
      return monthDay(
          (int) Numbers.parse(m.group(1)).orElse(0), (int) Numbers.parse(m.group(2)).orElse(0));
    }
    if ((m = ZH_WEEKDAY.matcher(t)).find()) {
      char d = m.group(2).charAt(0);
      DayOfWeek day = DayOfWeek.of(d == '天' ? 7 : ZH_WEEKDAYS.indexOf(d) + 1);
      String which = m.group(1) == null ? "" : m.group(1);
      int weeks =
          switch (which) {
            case "下" -> 1;
            case "下下" -> 2;
            case "上" -> -1;
            default -> 0;
          };
      if (which.isEmpty()) {
        return Optional.of(today.with(TemporalAdjusters.nextOrSame(day)));
      }
      return Optional.of(
          today.with(DayOfWeek.MONDAY).plusWeeks(weeks).with(TemporalAdjusters.nextOrSame(day)));
    }
    if ((m = WEEKDAY.matcher(t)).find()) {
      DayOfWeek day = DAYS.get(m.group(2));
      if ("next".equals(m.group(1))) {
        return Optional.of(
            today.with(DayOfWeek.MONDAY).plusWeeks(1).with(TemporalAdjusters.nextOrSame(day)));
      }
      return Optional.of(today.with(TemporalAdjusters.nextOrSame(day)));
    }
    if ((m = ORDINAL.matcher(t)).find() || (m = ZH_DAY.matcher(t)).find()) {
      return nextDayOfMonth((int) Numbers.parse(m.group(1)).orElse(0));
    }
    return Optional.empty();
  }

  /**
   * A range of dates: two dates joined by "to", "until", "-", "到", "至"...; the second may give only
   * the day ("the 10th to the 12th", "12月10日到12日"), which then falls on or after the first.
   */
  public Optional<Range> parseRange(String text) {
    String t = text.toLowerCase(Locale.ROOT).replaceFirst("^\\s*(from|between|从)\\s*", "");
    String[] parts = RANGE_SPLIT.split(t, 2);
    if (parts.length != 2) {
      return Optional.empty();
    }
    Optional<LocalDate> from = parse(parts[0]);
    if (from.isEmpty()) {
      return Optional.empty();
    }
    Optional<LocalDate> to = new Dates(from.get()).parse(parts[1]);
    if (to.isEmpty()) {
      var day = Numbers.parse(parts[1]);
      if (day.isEmpty() || day.getAsLong() < 1 || day.getAsLong() > 31) {
        return Optional.empty();
      }
      to = new Dates(from.get()).nextDayOfMonth((int) day.getAsLong());
    }
    return to.filter(d -> d.isAfter(from.get())).map(d -> new Range(from.get(), d));
  }

  /** Month and day of the coming year: this year's date if it is not past, else next year's. */
  private Optional<LocalDate> monthDay(int month, int day) {
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return Optional.empty();
    }
    for (int year = today.getYear(); year <= today.getYear() + 1; year++) {
      if (day <= LocalDate.of(year, month, 1).lengthOfMonth()) {
        LocalDate d = LocalDate.of(year, month, day);
        if (!d.isBefore(today)) {
          return Optional.of(d);
        }
      }
    }
    return Optional.empty();
  }

  /** The next date on or after today whose day of month is {@code day}. */
  private Optional<LocalDate> nextDayOfMonth(int day) {
    if (day < 1 || day > 31) {
      return Optional.empty();
    }
    LocalDate month = today.withDayOfMonth(1);
    for (int i = 0; i < 13; i++, month = month.plusMonths(1)) {
      if (day <= month.lengthOfMonth()) {
        LocalDate d = month.withDayOfMonth(day);
        if (!d.isBefore(today)) {
          return Optional.of(d);
        }
      }
    }
    return Optional.empty();
  }
}
