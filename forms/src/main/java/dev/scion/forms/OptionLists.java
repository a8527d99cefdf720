package dev.scion.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Options a user wrote out as a list: in brackets right after a field's name ("channel (social /
 * print / events)", "交通方式（飞机/高铁/自驾）"), or as a whole statement "format: online or in person",
 * "model is either MacBook Air or ThinkPad X1". A bracketed list belongs to the words just before
 * it, whatever else the statement names; brackets that hold a type, a required mark or a remark are
 * no list.
 */
final class OptionLists {
  private OptionLists() {}

  /** A bracketed list: where the bracket opens, the words before it, and the options. */
  record Listed(int open, String before, List<String> options) {}

  private static final Pattern BRACKET = Pattern.compile("[(（]([^()（）\\n]+)[)）]");
  private static final Pattern SEPARATOR =
      Pattern.compile("(?i)\\s*(?:/|\\||、|,|，|;|；|\\bor\\b|或者|或)\\s*");
  private static final Pattern NOT_A_LIST =
      Pattern.compile(
          "(?is).*(\\b(?:required|mandatory|optional|must|e\\.g|eg|for example|such as|if|when"
              + "|attach|upload|number|money|date|amount|format|max|min|at least|at most)\\b"
              + "|必填|选填|可不填|非必填|必须|例如|比如|附件|上传|格式|日期|金额|数字).*");
  private static final Set<String> RANGE_WORDS =
      Set.of("from", "to", "start", "end", "begin", "起", "止", "开始", "结束", "起始", "截止");
  private static final Pattern CLAUSE_START =
      Pattern.compile("(?i).*(?:^|[,，、;；:：]|\\band\\b|\\bplus\\b|和|及|以及)\\s*");

  private static final Pattern CHOICE_WORDS =
      Pattern.compile(
          "(?i)[\\s:：]*(?:(?:请)?(?:设为|设置为|设成|做成|用|为|是)?(?:下拉(?:框|选择|菜单|列表)?|可多选|多选|单选|选择)"
              + "|(?:is |as )?(?:one of|a drop-?down|drop-?down|choose from|pick one|select one))?[\\s:：]*$");

  /** The words before a bracket without "下拉选择" or "one of" after the field's name. */
  static String withoutChoiceWords(String before) {
    return CHOICE_WORDS.matcher(before).replaceFirst("").strip();
  }

  /** "from", "to", "开始": the ends of a range, never the options of a choice. */
  static boolean rangeWord(String option) {
    return RANGE_WORDS.contains(option.strip().toLowerCase(java.util.Locale.ROOT));
  }

  /** The bracketed lists of options in a statement, in order. */
  static List<Listed> find(String statement) {
    List<Listed> out = new ArrayList<>();
    Matcher m = BRACKET.matcher(statement);
    while (m.find()) {
      List<String> options = options(m.group(1));
      if (options.size() < 2) {
        continue;
      }
      String head = statement.substring(0, m.start());
      Matcher c = CLAUSE_START.matcher(head);
      String before = c.lookingAt() ? head.substring(c.end()) : head;
      out.add(new Listed(m.start(), before.strip(), options));
    }
    return out;
  }

  private static final Pattern LEAD =
      Pattern.compile(
          "(?i)^\\s*(?:one of|choose from|pick from|pick one|select|options?|either|下拉(?:选择)?|可选|选项|单选|从)"
              + "\\s*[:：]?\\s*");

  /** A statement that is a field and its options, and what it says of requiredness. */
  record Stated(String field, List<String> options, Boolean required, boolean marked) {}

  private static final Pattern STATED =
      Pattern.compile(
          "(?i)^([^:：?？()（）,，、/|—–-]{1,40}?)\\s*(?:(?:[:：?？]|\\s[—–-]{1,2}|——)\\s*(?:(?:either|one of|choose from|pick one of)\\s*[:：]?)?"
              + "|\\s(?:is|are|should be|must be|can be|will be)\\s+(?:either|one of(?: the following)?"
              + "|a (?:drop-?down|choice|pick-?list)(?: of| with)?)\\s*[:：]?)"
              + "\\s*(.+?)(?:\\s*[,，]\\s*(required|mandatory|compulsory|optional|必填|选填|可不填))?\\W*$");
  private static final Pattern HEADER =
      Pattern.compile(
          "(?i).*\\b(?:fields?|steps?|approv\\w*|sign\\w*|review\\w*|flow|workflow|route|routing|sequence"
              + "|process|cc|copy|note|then|first|finally)\\b.*|.*(?:字段|审|批|签|流程|步骤|抄送|备注|说明|以下).*");

  /**
   * The field and options of a statement that is nothing else: "format: online or in person",
   * "priority is one of low, medium, high, required"; null for any other statement. A list with
   * only commas ("priority: low, medium, high") is not {@code marked} as options: it may as well be
   * a list of fields.
   */
  static Stated stated(String statement) {
    Matcher m = STATED.matcher(statement.strip());
    if (!m.matches()) {
      return null;
    }
    String field = withoutChoiceWords(m.group(1));
    String separator = statement.strip().substring(m.end(1)).stripLeading();
    if (separator.matches("(?s)[—–-].*") && field.split("\\s+").length > 3) {
      return null; // "ok so the form needs a category - pick one of …": more than a name before it
    }
    String list = m.group(2);
    if (field.isEmpty() || HEADER.matcher(field).matches() || list.matches(".*[()（）].*")) {
      return null;
    }
    List<String> options = options(list);
    if (options.size() < 2) {
      return null;
    }
    String req = m.group(3);
    Boolean required = req == null ? null : !req.matches("(?i)optional|选填|可不填");
    boolean marked =
        statement.matches(
            "(?is).*(/|\\||\\bor\\b|\\beither\\b|\\bone of\\b|\\bchoose\\b|drop-?down|或|下拉|选一|选择).*");
    return new Stated(field, options, required, marked);
  }

  private static final Pattern TAIL =
      Pattern.compile("\\s*(?:(?:中|里|里面|当中)(?:选择|选一个|选一项|任选一[个项]?|选)|[,，]?\\s*[二三四五两多]选一)\\s*$");

  private static List<String> options(String text) {
    String inside = TAIL.matcher(LEAD.matcher(text).replaceFirst("")).replaceFirst("");
    if (NOT_A_LIST.matcher(inside).matches() || !SEPARATOR.matcher(inside).find()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    boolean cjk = inside.codePoints().anyMatch(Character::isIdeographic);
    for (String o : SEPARATOR.split(inside.strip())) {
      String t = o.strip().replaceAll("(?i)^(?:and|or)\\s+", "");
      if (t.isEmpty()) {
        continue;
      }
      int size = cjk ? t.length() / 3 : t.split("\\s+").length;
      if (size > 3 || RANGE_WORDS.contains(t.toLowerCase(java.util.Locale.ROOT))) {
        return List.of(); // a remark or a date range, not options
      }
      out.add(t);
    }
    return out;
  }
}
