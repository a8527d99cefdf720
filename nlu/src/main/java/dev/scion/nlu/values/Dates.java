package dev.scion.nlu.values;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Dates in English and Chinese, resolved against {@code today}: ISO dates, "December 10", "dec
 * 10th", "10 Dec", "12/10", "the 10th" or "the tenth" (the next 10th on or after today), "tomorrow"
 * (also "tomorow", "tmrw"), "in 3 days", "in 2 weeks", "Friday" (the coming one), "next Friday"
 * (Friday of next week), "this weekend" and "next weekend" (their Saturday), "the 5th of next
 * month", "12月10日", "10号", "下周五", "这个周末", "明天", "3天后", "两周后", "下个月5号"; and ranges such as "Dec 18
 * to 21", "18-21 Dec", "the 18th for 3 nights", "12月10日到12日" or "5号住到8号".
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

  /** Cheap typo and shorthand fixes, word for word. */
  private static final Map<String, String> SPELLINGS =
      Map.ofEntries(
          Map.entry("tomorow", "tomorrow"),
          Map.entry("tommorow", "tomorrow"),
          Map.entry("tommorrow", "tomorrow"),
          Map.entry("tomorrw", "tomorrow"),
          Map.entry("tmrw", "tomorrow"),
          Map.entry("tmr", "tomorrow"),
          Map.entry("tmw", "tomorrow"),
          Map.entry("2moro", "tomorrow"),
          Map.entry("2morrow", "tomorrow"),
          Map.entry("tonite", "tonight"),
          Map.entry("wensday", "wednesday"),
          Map.entry("wendsday", "wednesday"),
          Map.entry("wednsday", "wednesday"),
          Map.entry("wednesay", "wednesday"),
          Map.entry("weds", "wednesday"),
          Map.entry("tues", "tuesday"),
          Map.entry("tuseday", "tuesday"),
          Map.entry("thurs", "thursday"),
          Map.entry("thur", "thursday"),
          Map.entry("thru", "through"),
          Map.entry("thursady", "thursday"),
          Map.entry("firday", "friday"),
          Map.entry("fridy", "friday"),
          Map.entry("saterday", "saturday"),
          Map.entry("satuday", "saturday"),
          Map.entry("sunady", "sunday"),
          Map.entry("decemeber", "december"),
          Map.entry("feburary", "february"),
          Map.entry("janurary", "january"),
          Map.entry("febuary", "february"),
          Map.entry("week-end", "weekend"),
          Map.entry("wkend", "weekend"));

  /** "first" to "thirty-first" without the tens: the ordinal words of days (and counts). */
  static final Map<String, Integer> ORDINAL_WORDS =
      Map.ofEntries(
          Map.entry("first", 1),
          Map.entry("second", 2),
          Map.entry("third", 3),
          Map.entry("fourth", 4),
          Map.entry("fifth", 5),
          Map.entry("sixth", 6),
          Map.entry("seventh", 7),
          Map.entry("eighth", 8),
          Map.entry("ninth", 9),
          Map.entry("tenth", 10),
          Map.entry("eleventh", 11),
          Map.entry("twelfth", 12),
          Map.entry("thirteenth", 13),
          Map.entry("fourteenth", 14),
          Map.entry("fifteenth", 15),
          Map.entry("sixteenth", 16),
          Map.entry("seventeenth", 17),
          Map.entry("eighteenth", 18),
          Map.entry("nineteenth", 19),
          Map.entry("twentieth", 20),
          Map.entry("thirtieth", 30));

  private static final Pattern ORDINAL_WORD =
      Pattern.compile(
          "\\b(?:(twenty|thirty)[\\s-]?)?(" + String.join("|", ORDINAL_WORDS.keySet()) + ")\\b");
  private static final String ZH_WEEKDAYS = "一二三四五六日";
  private static final String MONTH_WORDS = String.join("|", MONTHS.keySet());
  private static final String DAY_WORDS = String.join("|", DAYS.keySet());

  private static final Pattern ISO =
      Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})");
  private static final Pattern MONTH_DAY =
      Pattern.compile(
          "\\b("
              + MONTH_WORDS
              + ")\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?\\b(?:\\s*,?\\s*(\\d{4})\\b)?");
  private static final Pattern DAY_MONTH =
      Pattern.compile(
          "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:of\\s+)?("
              + MONTH_WORDS
              + ")\\b\\.?(?:\\s*,?\\s*(\\d{4})\\b)?");

  /** "18-21 Dec", "18th to 21st of December": a range of days in one month. */
  static final Pattern DAYS_MONTH =
      Pattern.compile(
          "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|–|~|to|till|until|through)\\s*(?:the\\s+)?(\\d{1,2})"
              + "(?:st|nd|rd|th)?\\s+(?:of\\s+)?("
              + MONTH_WORDS
              + ")\\b");

  /** "12/20" (month first, as in the US), "20/12" when the first number cannot be a month. */
  /** "12.20" (month and day, as Chinese customers write them); never a decimal of more digits. */
  private static final Pattern DOTTED =
      Pattern.compile("(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})(?![\\d.])");

  /** "20-11-1995", "12.04.1990": day, month and a year of four digits, by dashes or dots. */
  private static final Pattern NUMERIC_WITH_YEAR =
      Pattern.compile("(?<![\\d./-])(\\d{1,2})([-.])(\\d{1,2})\\2(\\d{4})(?![\\d./-])");

  private static final Pattern SLASHED =
      Pattern.compile("(?<![\\d/])(\\d{1,2})/(\\d{1,2})(?:/(\\d{2}|\\d{4}))?(?![\\d/])");

  private static final Pattern IN_WEEKS =
      Pattern.compile(
          "\\bin\\s+(\\w+(?:\\s+\\w+)?)\\s+weeks?\\b|\\b(a|one|two|\\d+)\\s+weeks?\\s+from\\s+(?:now|today)");
  private static final Pattern DAYS_FROM_NOW =
      Pattern.compile("\\b(\\w+)\\s+days?\\s+from\\s+(?:now|today)\\b");

  /** "next week" and "下周" without a day: the Monday of next week. */
  private static final Pattern NEXT_WEEK =
      Pattern.compile("\\bnext\\s+week\\b|下(?:个)?(?:周|星期|礼拜)(?![一二三四五六日天末])");

  /** Holidays of a fixed day, in the order they are tried (an eve before its day). */
  private static final List<Map.Entry<Pattern, MonthDay>> HOLIDAYS =
      List.of(
          Map.entry(
              Pattern.compile("\\b(?:christmas|xmas|x-mas)\\s+eve\\b|平安夜"), MonthDay.of(12, 24)),
          Map.entry(Pattern.compile("\\b(?:christmas|xmas|x-mas)\\b|圣诞"), MonthDay.of(12, 25)),
          Map.entry(Pattern.compile("\\bnew\\s+year'?s?\\s+eve\\b|跨年"), MonthDay.of(12, 31)),
          Map.entry(Pattern.compile("\\bnew\\s+year'?s?(?:\\s+day)?\\b|元旦"), MonthDay.of(1, 1)));

  private static final Pattern WEEKEND = Pattern.compile("\\b(this|next|coming)?\\s*weekend\\b");
  private static final Pattern ZH_WEEKEND = Pattern.compile("(下下|下|这|本)?(?:个)?(?:周末|礼拜六日|星期六日)");
  private static final Pattern ORDINAL = Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)\\b");
  private static final Pattern IN_DAYS =
      Pattern.compile("\\bin\\s+(\\w+(?:\\s+\\w+)?)\\s+days?\\b");
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

  /** A dash between two dates written without spaces ("12/20-12/23", "3.5-3.8"). */
  private static final Pattern LOOSE_DASH = Pattern.compile("(?<=[\\w\\p{IsHan}])[-–~](?=\\w)");

  /** Where a stay's length follows its start. */
  private static final Pattern STAY =
      Pattern.compile(
          "\\s*(?:\\bfor\\b|,|，|住|待)\\s*(?=-?\\s*[\\w零一二两三四五六七八九十俩仨]+\\s*(?:个)?\\s*(?:nights?|nites?|nts?|days?|weeks?|晚|夜|天|周|星期))");

  private static final Pattern BARE_DAY =
      Pattern.compile("\\s*(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th|号|日)?\\s*");
  private static final Pattern BARE_DAY_TO =
      Pattern.compile(
          "^\\s*(?:from\\s+|从)?(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th|号|日)?\\s*"
              + "(?:-|–|~|\\bto\\b|\\btill\\b|\\buntil\\b|\\bthrough\\b|到|至)");

  private static final Pattern ZH_WEEKS_LATER =
      Pattern.compile("([0-9一二两三四五六七八九十]+)\\s*(?:个)?(?:周|星期|礼拜)[以之]?后");

  /** "the 5th of next month", "next month on the 5th", "下个月5号". */
  private static final Pattern NEXT_MONTH_DAY =
      Pattern.compile(
          "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+of\\s+next\\s+month\\b"
              + "|\\bnext\\s+month\\s+(?:on\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\b"
              + "|下(?:个)?月([0-9零一二三四五六七八九十]+)[日号]?");

  /** "the day after tomorrow", also when cut short to "after tomorrow", and "overmorrow". */
  private static final Pattern AFTER_TOMORROW =
      Pattern.compile(
          "^\\s*(?:the\\s+)?(?:day\\s+)?after\\s+tomorrow\\b|\\bday\\s+after\\s+tomorrow\\b|\\bovermorrow\\b");

  private final LocalDate today;
  private final boolean dayFirst;

  /** Dates read against {@code today}, "12/04" as December 4 (month first). */
  public Dates(LocalDate today) {
    this(today, false);
  }

  /**
   * Dates read against {@code today}; with {@code dayFirst}, "12/04/1990" is 12 April, as most of
   * the world writes it (a first number above 12 is always the day).
   */
  public Dates(LocalDate today, boolean dayFirst) {
    this.today = today;
    this.dayFirst = dayFirst;
  }

  /**
   * The date {@code text} names, or empty. A month and day already past this year mean next year's
   * ("March 3" in November is next March); see {@link #parseAsSaid} for the reading that keeps a
   * recently passed date so that it can be questioned.
   */
  public Optional<LocalDate> parse(String text) {
    return read(text, false);
  }

  /**
   * Like {@link #parse}, except that a month and day named explicitly ("December 1", "12月1日",
   * "12/1") which passed less than {@value #RECENT_DAYS} days ago stays in this year and comes back
   * before today: the customer most likely slipped, and the caller should ask rather than book a
   * year ahead. Dates that passed longer ago ("January 3" in December) are next year's, and a day
   * of the month alone ("the 3rd") is still the next such day on or after today.
   */
  public Optional<LocalDate> parseAsSaid(String text) {
    return read(text, true);
  }

  private static final Pattern DAYS_AGO =
      Pattern.compile("\\b(\\w+(?:\\s+\\w+)?)\\s+days?\\s+ago\\b|([0-9零一二两三四五六七八九十]+)天[以之]?前");
  private static final Pattern LAST_WEEKDAY =
      Pattern.compile("\\b(?:last|previous|past)\\s+(" + DAY_WORDS + ")\\b");
  private static final Pattern FUTURE_WORDS =
      Pattern.compile(
          "\\b(?:tomorrow|next|coming|in\\s+\\w+\\s+(?:days?|weeks?))\\b|明|后天|後天|下|以后|之后");
  private static final Pattern YEAR = Pattern.compile("(?<!\\d)(\\d{4})(?!\\d)|'\\d{2}\\b");

  /**
   * The date {@code text} names, read toward the past, as a date something already happened is
   * said: "yesterday", "前天", "3 days ago", "last Friday" (the one before today), "Friday" and "the
   * 28th" (the latest on or before today), "Aug 15" (this year's, or last year's when still to
   * come), "12/04/90" (1990). Words that point ahead ("tomorrow", "next week", "下周") keep their
   * reading.
   */
  public Optional<LocalDate> parsePast(String text) {
    String t = normalize(text);
    if (t.contains("day before yesterday") || t.contains("前天") && !t.contains("大前天")) {
      return Optional.of(today.minusDays(2));
    }
    if (t.contains("大前天")) {
      return Optional.of(today.minusDays(3));
    }
    if (t.contains("yesterday") || t.contains("昨天") || t.contains("昨日") || t.contains("昨晚")) {
      return Optional.of(today.minusDays(1));
    }
    Matcher m;
    if ((m = DAYS_AGO.matcher(t)).find()) {
      var n = Numbers.parse(m.group(1) != null ? m.group(1) : m.group(2));
      if (n.isPresent()) {
        return Optional.of(today.minusDays(n.getAsLong()));
      }
    }
    if ((m = LAST_WEEKDAY.matcher(t)).find()) {
      return Optional.of(today.with(TemporalAdjusters.previous(DAYS.get(m.group(1)))));
    }
    Optional<LocalDate> read = read(t, false);
    if (read.isEmpty() || !read.get().isAfter(today) || FUTURE_WORDS.matcher(t).find()) {
      return read;
    }
    LocalDate d = read.get();
    Matcher slashed = SLASHED.matcher(t);
    boolean slashedYear = slashed.find() && slashed.group(3) != null;
    if (slashedYear && slashed.group(3).length() == 2) {
      return Optional.of(d.minusYears(100)); // "12/04/90": 1990, not 2090
    }
    if (slashedYear || YEAR.matcher(t).find()) {
      return read; // a year said is kept
    }
    boolean weekday = WEEKDAY.matcher(t).find() || ZH_WEEKDAY.matcher(t).find();
    boolean month =
        DAYS_MONTH.matcher(t).find()
            || MONTH_DAY.matcher(t).find()
            || DAY_MONTH.matcher(t).find()
            || SLASHED.matcher(t).find()
            || ZH_MONTH_DAY.matcher(t).find();
    while (d.isAfter(today)) {
      d =
          weekday
              ? d.minusWeeks(1)
              : month
                  ? d.minusYears(1)
                  : d.minusMonths(1)
                      .withDayOfMonth(
                          Math.min(d.getDayOfMonth(), d.minusMonths(1).lengthOfMonth()));
    }
    return Optional.of(d);
  }

  /** How long ago a named month and day may have passed and still be read as this year's. */
  public static final int RECENT_DAYS = 90;

  private Optional<LocalDate> read(String text, boolean keepRecentPast) {
    String t = normalize(text);
    Matcher m;
    if ((m = ISO.matcher(t)).find()) {
      return of(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }
    Optional<LocalDate> d = relative(t);
    if (d.isPresent()) {
      return d;
    }
    if ((m = DAYS_MONTH.matcher(t)).find()) {
      return monthDay(MONTHS.get(m.group(3)), Integer.parseInt(m.group(1)), null, keepRecentPast);
    }
    Optional<Range> range = BARE_DAY_TO.matcher(t).find() ? parseRange(t) : Optional.empty();
    if (range.isPresent()) {
      return range.map(Range::from); // "18 to jan 21": the stay starts on the 18th
    }
    if ((m = MONTH_DAY.matcher(t)).find()) {
      return monthDay(
          MONTHS.get(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), keepRecentPast);
    }
    if ((m = DAY_MONTH.matcher(t)).find()) {
      return monthDay(
          MONTHS.get(m.group(2)), Integer.parseInt(m.group(1)), m.group(3), keepRecentPast);
    }
    if ((m = NUMERIC_WITH_YEAR.matcher(t)).find()) {
      int a = Integer.parseInt(m.group(1));
      int b = Integer.parseInt(m.group(3));
      boolean monthFirst = dayFirst ? b > 12 : a <= 12 && b > 12;
      return monthFirst
          ? monthDay(a, b, m.group(4), keepRecentPast)
          : monthDay(b, a, m.group(4), keepRecentPast);
    }
    if ((m = SLASHED.matcher(t)).find()) {
      int a = Integer.parseInt(m.group(1));
      int b = Integer.parseInt(m.group(2));
      String year = m.group(3) == null || m.group(3).length() == 4 ? m.group(3) : "20" + m.group(3);
      boolean monthFirst = dayFirst ? b > 12 : a <= 12;
      return monthFirst
          ? monthDay(a, b, year, keepRecentPast)
          : monthDay(b, a, year, keepRecentPast);
    }
    if ((m = DOTTED.matcher(t)).find()) {
      return monthDay(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), null, keepRecentPast);
    }
    if ((m = ZH_MONTH_DAY.matcher(t)).find()) {
      return monthDay(
          (int) Numbers.parse(m.group(1)).orElse(0),
          (int) Numbers.parse(m.group(2)).orElse(0),
          null,
          keepRecentPast);
    }
    return weekday(t).or(() -> dayOfMonth(t));
  }

  /** A Chinese numeral before 年, 月, 日 or 号: "九月三日", "二十五号", "一九八五年". */
  private static final Pattern ZH_DATE_NUMBER =
      Pattern.compile("([〇零一二两三四五六七八九十幺]{1,4})(?=\\s*[年月日号號])");

  /**
   * Lower case, typos fixed, ordinal words as digits ("the twenty-first" is "the 21st"), Chinese
   * numerals of years, months and days as digits ("一九八五年九月三日" is "1985年9月3日").
   */
  private static String normalize(String text) {
    String t = Numbers.digitByDigit(text.toLowerCase(Locale.ROOT).trim());
    Matcher zh = ZH_DATE_NUMBER.matcher(t);
    StringBuilder digits = new StringBuilder();
    while (zh.find()) {
      var n = Numbers.parse(zh.group(1));
      zh.appendReplacement(digits, n.isPresent() ? String.valueOf(n.getAsLong()) : zh.group(1));
    }
    t = zh.appendTail(digits).toString();
    StringBuilder out = new StringBuilder();
    Matcher w = Pattern.compile("[a-z0-9-]+").matcher(t);
    int last = 0;
    while (w.find()) {
      out.append(t, last, w.start()).append(SPELLINGS.getOrDefault(w.group(), w.group()));
      last = w.end();
    }
    t = out.append(t.substring(last)).toString();
    Matcher o = ORDINAL_WORD.matcher(t);
    StringBuilder sb = new StringBuilder();
    while (o.find()) {
      int n = ORDINAL_WORDS.get(o.group(2)) + (o.group(1) == null ? 0 : SMALL_TENS.get(o.group(1)));
      o.appendReplacement(sb, n + "th");
    }
    return o.appendTail(sb).toString();
  }

  private static final Map<String, Integer> SMALL_TENS = Map.of("twenty", 20, "thirty", 30);

  /** Today, tomorrow, "in 3 days", "下周五"... */
  private Optional<LocalDate> relative(String t) {
    Matcher m;
    if ((m = IN_DAYS.matcher(t)).find() || (m = DAYS_FROM_NOW.matcher(t)).find()) {
      var n = Numbers.parse(m.group(1));
      if (n.isPresent()) {
        return Optional.of(today.plusDays(n.getAsLong()));
      }
    }
    if ((m = IN_WEEKS.matcher(t)).find()) {
      var n = Numbers.parse(m.group(1) != null ? m.group(1) : m.group(2));
      if (n.isPresent()) {
        return Optional.of(today.plusWeeks(n.getAsLong()));
      }
    }
    if (AFTER_TOMORROW.matcher(t).find() || t.contains("大后天")) {
      return Optional.of(today.plusDays(t.contains("大后天") ? 3 : 2));
    }
    if (t.contains("后天") || t.contains("後天")) {
      return Optional.of(today.plusDays(2));
    }
    if (t.contains("tomorrow")
        || t.contains("明天")
        || t.contains("明日")
        || t.contains("明晚")
        || t.contains("明儿")) {
      return Optional.of(today.plusDays(1));
    }
    if (t.contains("tonight")
        || t.contains("today")
        || t.contains("今天")
        || t.contains("今晚")
        || t.contains("今日")) {
      return Optional.of(today);
    }
    if ((m = ZH_DAYS_LATER.matcher(t)).find()) {
      return Optional.of(today.plusDays(Numbers.parse(m.group(1)).orElse(0)));
    }
    if ((m = ZH_WEEKS_LATER.matcher(t)).find()) {
      return Optional.of(today.plusWeeks(Numbers.parse(m.group(1)).orElse(0)));
    }
    if ((m = NEXT_MONTH_DAY.matcher(t)).find()) {
      String day = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      return of(
          today.plusMonths(1).getYear(),
          today.plusMonths(1).getMonthValue(),
          (int) Numbers.parse(day).orElse(0));
    }
    if ((m = WEEKEND.matcher(t)).find()) {
      return Optional.of(saturday("next".equals(m.group(1)) ? 1 : 0));
    }
    if ((m = ZH_WEEKEND.matcher(t)).find()) {
      String which = m.group(1) == null ? "" : m.group(1);
      return Optional.of(saturday(which.equals("下") ? 1 : which.equals("下下") ? 2 : 0));
    }
    if (NEXT_WEEK.matcher(t).find()) {
      return Optional.of(today.with(DayOfWeek.MONDAY).plusWeeks(1));
    }
    for (var h : HOLIDAYS) {
      if (h.getKey().matcher(t).find()) {
        LocalDate d = h.getValue().atYear(today.getYear());
        return Optional.of(d.isBefore(today) ? d.plusYears(1) : d);
      }
    }
    return Optional.empty();
  }

  /**
   * The Saturday starting a weekend: this weekend's (today, when today is Saturday or Sunday), or
   * that of {@code weeks} weeks later.
   */
  private LocalDate saturday(int weeks) {
    if (today.getDayOfWeek() == DayOfWeek.SUNDAY && weeks == 0) {
      return today;
    }
    return today.with(DayOfWeek.MONDAY).plusWeeks(weeks).with(DayOfWeek.SATURDAY);
  }

  /** "Friday" (the coming one), "next Friday" (of next week), "下周五", "这周日". */
  private Optional<LocalDate> weekday(String t) {
    Matcher m;
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
    return Optional.empty();
  }

  /** "the 3rd", "10号": the next such day on or after today. */
  private Optional<LocalDate> dayOfMonth(String t) {
    Matcher m;
    if ((m = ORDINAL.matcher(t)).find() || (m = ZH_DAY.matcher(t)).find()) {
      return nextDayOfMonth((int) Numbers.parse(m.group(1)).orElse(0));
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> of(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return Optional.empty();
    }
    return Optional.of(LocalDate.of(year, month, day));
  }

  /**
   * A range of dates: two dates joined by "to", "until", "-", "到", "至"...; the second may give only
   * the day ("the 10th to the 12th", "Dec 18 to 21", "12月10日到12日"), which then falls on or after
   * the first; days of one month ("18-21 Dec"); or a start and a stay ("the 18th for 3 nights",
   * "5号住3晚"). The end is always after the start; anything else is empty.
   */
  public Optional<Range> parseRange(String text) {
    String t = normalize(text).replaceFirst("^\\s*(from|between|从|從)\\s*", "");
    Matcher m = DAYS_MONTH.matcher(t);
    if (m.find()) {
      if (Integer.parseInt(m.group(2)) <= Integer.parseInt(m.group(1))) {
        return Optional.empty();
      }
      Optional<LocalDate> from = parse(m.group(1) + " " + m.group(3) + t.substring(m.end()));
      return from.flatMap(f -> endOn(f, m.group(2)));
    }
    String[] parts = RANGE_SPLIT.split(t, 2);
    if (parts.length != 2 && !ISO.matcher(t).find()) {
      parts = LOOSE_DASH.split(t, 2);
    }
    if (parts.length != 2) {
      return withStay(t);
    }
    if (BARE_DAY.matcher(parts[0]).matches() && namesMonth(parts[1])) {
      return dayBefore(parts[0], parts[1]); // "the 18th to Jan 21st" is the 18th of January
    }
    Optional<LocalDate> from = parse(parts[0]);
    if (from.isEmpty()) {
      return dayBefore(parts[0], parts[1]);
    }
    String end = parts[1];
    Optional<LocalDate> to =
        parse(end).filter(d -> d.isAfter(from.get())).or(() -> new Dates(from.get()).parse(end));
    if (to.isEmpty()) {
      return endOn(from.get(), end);
    }
    return range(from.get(), to.get());
  }

  /** The longest stay a range may describe; a longer one is a misreading ("dec 21 to dec 18"). */
  public static final int MAX_NIGHTS = 90;

  private static Optional<Range> range(LocalDate from, LocalDate to) {
    return to.isAfter(from) && !to.isAfter(from.plusDays(MAX_NIGHTS))
        ? Optional.of(new Range(from, to))
        : Optional.empty();
  }

  private static boolean namesMonth(String t) {
    return Stream.of(ISO, MONTH_DAY, DAY_MONTH, NUMERIC_WITH_YEAR, SLASHED, DOTTED, ZH_MONTH_DAY)
        .anyMatch(p -> p.matcher(t).find());
  }

  /** "18 to jan 21", "30 to jan 2", "18到21号": a bare day before a full date starts the range. */
  private Optional<Range> dayBefore(String start, String end) {
    Matcher m = BARE_DAY.matcher(start);
    Optional<LocalDate> to = parse(end);
    if (!m.matches() || to.isEmpty()) {
      return Optional.empty();
    }
    int day = Integer.parseInt(m.group(1));
    LocalDate month = to.get().withDayOfMonth(1);
    for (int i = 0; i < 2; i++, month = month.minusMonths(1)) {
      if (day <= month.lengthOfMonth() && month.withDayOfMonth(day).isBefore(to.get())) {
        return range(month.withDayOfMonth(day), to.get());
      }
    }
    return Optional.empty();
  }

  /** The range from {@code from} to the next day numbered {@code day} after it. */
  private static Optional<Range> endOn(LocalDate from, String day) {
    var n = Numbers.parse(day);
    if (n.isEmpty() || n.getAsLong() < 1 || n.getAsLong() > 31) {
      return Optional.empty();
    }
    return new Dates(from).nextDayOfMonth((int) n.getAsLong()).flatMap(d -> range(from, d));
  }

  /** "the 18th for 3 nights", "dec 18, 2 nights", "5号住3晚": a start and a positive stay. */
  private Optional<Range> withStay(String t) {
    Matcher m = STAY.matcher(t);
    if (!m.find() || m.start() == 0) {
      return Optional.empty();
    }
    var nights = Durations.nights(t.substring(m.start()));
    if (nights.isEmpty() || nights.getAsInt() <= 0) {
      return Optional.empty();
    }
    return parse(t.substring(0, m.start()))
        .flatMap(from -> range(from, from.plusDays(nights.getAsInt())));
  }

  /**
   * Month and day: of the year given, else this year's date if it is not past, else next year's;
   * with {@code keepRecentPast}, this year's date also when it passed less than {@link
   * #RECENT_DAYS} days ago.
   */
  private Optional<LocalDate> monthDay(int month, int day, String year, boolean keepRecentPast) {
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return Optional.empty();
    }
    if (year != null) {
      return of(Integer.parseInt(year), month, day);
    }
    for (int y = today.getYear(); y <= today.getYear() + 1; y++) {
      if (day <= LocalDate.of(y, month, 1).lengthOfMonth()) {
        LocalDate d = LocalDate.of(y, month, day);
        if (!d.isBefore(today) || keepRecentPast && d.isAfter(today.minusDays(RECENT_DAYS))) {
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
