package dev.scion.nlu.values;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole numbers written in digits, English words ("twenty-one", "a couple", "third", "both") or
 * Chinese numerals ("十二", "两", "一百五十", "俩", "仨"), with any unit after them ignored ("two adults",
 * "三间"); {@link #parseCount} also counts the people a party names ("me and my wife").
 */
public final class Numbers {
  private static final Map<String, Integer> SMALL =
      Map.ofEntries(
          Map.entry("zero", 0),
          Map.entry("one", 1),
          Map.entry("a", 1),
          Map.entry("an", 1),
          Map.entry("single", 1),
          Map.entry("two", 2),
          Map.entry("couple", 2),
          Map.entry("pair", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12),
          Map.entry("thirteen", 13),
          Map.entry("fourteen", 14),
          Map.entry("fifteen", 15),
          Map.entry("sixteen", 16),
          Map.entry("seventeen", 17),
          Map.entry("eighteen", 18),
          Map.entry("nineteen", 19),
          Map.entry("twenty", 20),
          Map.entry("thirty", 30),
          Map.entry("forty", 40),
          Map.entry("fifty", 50),
          Map.entry("sixty", 60),
          Map.entry("seventy", 70),
          Map.entry("eighty", 80),
          Map.entry("ninety", 90),
          Map.entry("hundred", 100),
          Map.entry("thousand", 1000),
          Map.entry("dozen", 12),
          Map.entry("twice", 2),
          Map.entry("both", 2),
          Map.entry("solo", 1),
          Map.entry("alone", 1));
  private static final String ZH_DIGITS = "零一二三四五六七八九";
  private static final Pattern DIGITS = Pattern.compile("(\\d[\\d,]*)");
  private static final Pattern ZH_FAMILY = Pattern.compile("一家([一二两三四五六七八九十]+)口");
  private static final Pattern ZH = Pattern.compile("([零一二两三四五六七八九十百千万]+)|俩|仨");

  /** Words for one person each: a party described by who is in it ("me and my wife"). */
  private static final Set<String> PERSON =
      Set.of(
          "me",
          "myself",
          "i",
          "wife",
          "husband",
          "partner",
          "girlfriend",
          "boyfriend",
          "fiance",
          "fiancee",
          "friend",
          "colleague",
          "mom",
          "mum",
          "mother",
          "dad",
          "father",
          "brother",
          "sister",
          "boss",
          "spouse",
          "son",
          "daughter",
          "kid",
          "child",
          "baby",
          "toddler");

  /** Chinese words for one person each, longest first ("女朋友" before "朋友"). */
  private static final List<String> PERSON_ZH =
      List.of(
          "女朋友", "男朋友", "老婆", "老公", "妻子", "丈夫", "爱人", "太太", "媳妇", "朋友", "同事", "妈妈", "爸爸", "母亲",
          "父亲", "孩子", "儿子", "女儿", "宝宝", "我");

  private Numbers() {}

  /** The first number in {@code text}, or empty when there is none. */
  public static OptionalLong parse(String text) {
    String t = text.toLowerCase(Locale.ROOT).trim();
    Matcher d = DIGITS.matcher(t);
    if (d.find()) {
      return OptionalLong.of(Long.parseLong(d.group(1).replace(",", "")));
    }
    Matcher family = ZH_FAMILY.matcher(t);
    if (family.find()) {
      return OptionalLong.of(chinese(family.group(1))); // 一家三口: a family of three
    }
    Matcher z = ZH.matcher(t);
    if (z.find()) {
      return OptionalLong.of(
          z.group(1) == null ? (z.group().equals("俩") ? 2 : 3) : chinese(z.group(1)));
    }
    return english(t);
  }

  private static final Pattern DIGIT_BY_DIGIT = Pattern.compile("[〇零一二三四五六七八九幺]{3,}");
  private static final int[] DIGIT_VALUES = {0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1};

  /**
   * The text with runs of three or more Chinese digits said one by one written in digits: "尾号一二零八"
   * is "尾号1208", "幺三八" is "138"; numbers with units ("一百二十") are left alone.
   */
  public static String digitByDigit(String text) {
    Matcher m = DIGIT_BY_DIGIT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      StringBuilder d = new StringBuilder();
      m.group().chars().forEach(c -> d.append(DIGIT_VALUES["〇零一二三四五六七八九幺".indexOf(c)]));
      m.appendReplacement(out, d.toString());
    }
    return m.appendTail(out).toString();
  }

  /**
   * The number in {@code text} as {@link #parse} reads it or, when there is none, how many people
   * it names one by one: "just me" is 1, "me and my wife" 2, "我和老婆" 2.
   */
  public static OptionalLong parseCount(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    OptionalLong people = people(t);
    if (people.isEmpty()) {
      return parse(text);
    }
    OptionalLong n = parse(t.replaceAll("\\b(a|an)\\b", " ")); // "me and a friend": no number
    return n.isPresent() ? n : people;
  }

  /** How many people {@code t} names one by one, or empty when it names none. */
  private static OptionalLong people(String t) {
    long n = 0;
    for (String w : t.split("[^\\p{L}]+")) {
      if (PERSON.contains(w)) {
        n++;
      }
    }
    String zh = t.replace("我们", "");
    for (String w : PERSON_ZH) {
      int at = zh.indexOf(w);
      while (at >= 0) {
        n++;
        zh = zh.substring(0, at) + " " + zh.substring(at + w.length());
        at = w.equals("我") ? -1 : zh.indexOf(w); // "我跟我老公": I am one person however often named
      }
    }
    return n > 0 ? OptionalLong.of(n) : OptionalLong.empty();
  }

  /** Grown-ups a party names, with how many people each word stands for ("parents": two). */
  private static final Map<String, Integer> GROWN =
      Map.ofEntries(
          Map.entry("wife", 1),
          Map.entry("husband", 1),
          Map.entry("partner", 1),
          Map.entry("girlfriend", 1),
          Map.entry("boyfriend", 1),
          Map.entry("gf", 1),
          Map.entry("bf", 1),
          Map.entry("hubby", 1),
          Map.entry("wifey", 1),
          Map.entry("fiance", 1),
          Map.entry("fiancee", 1),
          Map.entry("spouse", 1),
          Map.entry("friend", 1),
          Map.entry("mate", 1),
          Map.entry("buddy", 1),
          Map.entry("colleague", 1),
          Map.entry("coworker", 1),
          Map.entry("boss", 1),
          Map.entry("mom", 1),
          Map.entry("mum", 1),
          Map.entry("mother", 1),
          Map.entry("dad", 1),
          Map.entry("father", 1),
          Map.entry("brother", 1),
          Map.entry("bro", 1),
          Map.entry("sister", 1),
          Map.entry("sis", 1),
          Map.entry("cousin", 1),
          Map.entry("parents", 2),
          Map.entry("grandma", 1),
          Map.entry("grandpa", 1));

  /** The same in Chinese, longest first ("女朋友" before "朋友"). */
  private static final List<Map.Entry<String, Integer>> GROWN_ZH =
      List.of(
          Map.entry("女朋友", 1),
          Map.entry("男朋友", 1),
          Map.entry("老婆", 1),
          Map.entry("老公", 1),
          Map.entry("妻子", 1),
          Map.entry("丈夫", 1),
          Map.entry("爱人", 1),
          Map.entry("太太", 1),
          Map.entry("媳妇", 1),
          Map.entry("对象", 1),
          Map.entry("闺蜜", 1),
          Map.entry("哥们", 1),
          Map.entry("兄弟", 1),
          Map.entry("朋友", 1),
          Map.entry("同事", 1),
          Map.entry("父母", 2),
          Map.entry("爸妈", 2),
          Map.entry("妈妈", 1),
          Map.entry("爸爸", 1),
          Map.entry("母亲", 1),
          Map.entry("父亲", 1),
          Map.entry("哥哥", 1),
          Map.entry("姐姐", 1),
          Map.entry("弟弟", 1),
          Map.entry("妹妹", 1),
          Map.entry("领导", 1));

  private static final Pattern PARTY_EN =
      Pattern.compile(
          "\\b(?:me|i|myself)\\s*(?:and|&|n|\\+|plus|with)\\s+(?:my\\s+|our\\s+)?(\\p{L}+)"
              + "|\\bmy\\s+(\\p{L}+)\\s*(?:and|&|n|\\+)\\s+(?:i|me|myself)\\b"
              + "|\\bwith\\s+my\\s+(\\p{L}+)");

  private static final Pattern ALONE =
      Pattern.compile(
          "\\b(?:just|only)\\s+(?:me|myself)\\b|\\bby myself\\b|\\b(?:alone|solo)\\b"
              + "|就我一个|(?<![每几哪另])一个人|就我自己|我自己住");

  /** "两大一小", "2大1小": grown-ups, then children. */
  private static final Pattern BIG_SMALL =
      Pattern.compile("([一二两三四五六七八九\\d])\\s*大\\s*[一二两三四五六七八九\\d]?\\s*小");

  private static final Pattern US =
      Pattern.compile(
          "\\b(?:the\\s+)?(two|three|four|five|six|\\d)\\s+of\\s+us\\b|\\b(both) of us\\b"
              + "|我们(俩|仨|两个|三个|四个|五个|六个|[两三四五六])");

  /**
   * How many grown-ups a message's party names as a whole: "me and my wife" 2, "me n my bro" 2, "my
   * parents and I" 3, "travelling with my husband" 2, "just me" 1, "the three of us" 3, "我和老婆" 2,
   * "我们俩" 2, "就我一个人" 1, "两大一小" 2; empty when it names no party. Children ("me and my son") are not
   * counted.
   */
  public static OptionalLong party(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    Matcher bigSmall = BIG_SMALL.matcher(t);
    if (bigSmall.find()) {
      return parse(bigSmall.group(1));
    }
    Matcher us = US.matcher(t);
    if (us.find()) {
      String n = us.group(1) != null ? us.group(1) : us.group(2) != null ? "two" : us.group(3);
      return parse(n.replace("俩", "两").replace("仨", "三"));
    }
    Matcher en = PARTY_EN.matcher(t);
    while (en.find()) {
      String who =
          en.group(1) != null ? en.group(1) : en.group(2) != null ? en.group(2) : en.group(3);
      if (GROWN.containsKey(who)) {
        long n = 1;
        for (String w : t.split("[^\\p{L}]+")) {
          n += GROWN.getOrDefault(w, 0);
        }
        return OptionalLong.of(n);
      }
    }
    int me = t.indexOf('我');
    if (me >= 0
        && t.substring(me).matches("(?s)我(?:和|跟|带|与|同|陪)?我?的?(?:" + GROWN_WORDS_ZH + ").*")) {
      long n = 1;
      String rest = t;
      for (var w : GROWN_ZH) {
        for (int at = rest.indexOf(w.getKey()); at >= 0; at = rest.indexOf(w.getKey())) {
          n += w.getValue();
          rest = rest.substring(0, at) + " " + rest.substring(at + w.getKey().length());
        }
      }
      return OptionalLong.of(n);
    }
    return ALONE.matcher(t).find() ? OptionalLong.of(1) : OptionalLong.empty();
  }

  private static final String GROWN_WORDS_ZH =
      String.join("|", GROWN_ZH.stream().map(Map.Entry::getKey).toList());

  private static OptionalLong english(String t) {
    long total = 0;
    long current = 0;
    boolean any = false;
    String[] words = t.split("[\\s-]+");
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      boolean article = w.equals("a") || w.equals("an");
      if (article && i + 1 < words.length && SMALL.containsKey(words[i + 1])) {
        continue; // "a dozen", "a couple": the article is not a number of its own
      }
      Integer v = SMALL.get(w);
      if (v == null && Dates.ORDINAL_WORDS.getOrDefault(w, 11) <= 10) {
        v = Dates.ORDINAL_WORDS.get(w); // "first" to "tenth" count too
      }
      if (v == null) {
        if (any && !w.equals("and")) {
          break;
        }
        continue;
      }
      any = true;
      if (w.equals("dozen")) {
        current = Math.max(1, current) * 12;
      } else if (v == 100) {
        current = Math.max(1, current) * 100;
      } else if (v == 1000) {
        total += Math.max(1, current) * 1000;
        current = 0;
      } else {
        current += v;
      }
    }
    return any ? OptionalLong.of(total + current) : OptionalLong.empty();
  }

  /** A Chinese numeral: 十二 = 12, 二十 = 20, 两百五 = 250, 一万二千 = 12000. */
  static long chinese(String s) {
    long total = 0;
    long section = 0;
    long digit = 0;
    long lastUnit = 1;
    for (char c : s.toCharArray()) {
      int d = c == '两' ? 2 : ZH_DIGITS.indexOf(c);
      if (d >= 0) {
        digit = d;
        continue;
      }
      long unit =
          switch (c) {
            case '十' -> 10;
            case '百' -> 100;
            case '千' -> 1000;
            case '万' -> 10000;
            default -> 1;
          };
      if (unit == 10000) {
        total += (section + digit) * 10000;
        section = 0;
      } else {
        section += (digit == 0 && unit == 10 ? 1 : digit) * unit;
      }
      digit = 0;
      lastUnit = unit;
    }
    if (digit > 0
        && lastUnit >= 100
        && s.length() >= 2
        && ZH_DIGITS.indexOf(s.charAt(s.length() - 2)) < 0
        && s.charAt(s.length() - 2) != '两') {
      // 两百五 means 250: a trailing digit right after 百 or 千 counts one unit lower
      digit *= lastUnit / 10;
    }
    return total + section + digit;
  }
}
