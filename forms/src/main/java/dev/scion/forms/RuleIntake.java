package dev.scion.forms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule-based reading of one statement, kept as the fallback of {@link Intake}'s trained model:
 * a fixed set of patterns for the pack's own wording. {@link #read} places a clause on a scratch
 * draft and hands back what it found, or null when no pattern fits.
 */
final class RuleIntake {

  private static final Pattern LIST_SPLIT =
      Pattern.compile("\\s*(?:,|、|，|\\band\\b|\\bor\\b|和|与|及)\\s*");

  private final Map<String, Field> fields = new LinkedHashMap<>();
  private final List<Form.Step> steps = new ArrayList<>();
  private final List<Form.Rejection> rejections = new ArrayList<>();
  private String title;

  private static final class Field {
    String id;
    String name;
    Form.Type type;
    List<String> options = List.of();
    Boolean required;
    String label;
  }

  private RuleIntake() {}

  /** The fields, steps and rejections one clause says, or null when no pattern fits it. */
  static RuleIntake read(String clause) {
    RuleIntake in = new RuleIntake();
    return in.place(clause) ? in : null;
  }

  /** The fields found, by the words that named them, with a type and options when said. */
  List<Form.Field> fields() {
    List<Form.Field> out = new ArrayList<>();
    for (Field f : fields.values()) {
      out.add(
          new Form.Field(
              f.name, f.type, f.options, f.required != null && f.required, null, null, null, null));
    }
    return out;
  }

  /** Whether the clause said a field's requiredness ({@code amount is required}). */
  Boolean required(String name) {
    Field f = fields.get(id(name));
    return f == null ? null : f.required;
  }

  List<Form.Step> steps() {
    return steps;
  }

  List<Form.Rejection> rejections() {
    return rejections;
  }

  String title() {
    return title;
  }

  private boolean place(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    Matcher m;
    if ((m =
            Pattern.compile(
                    "(?i)^(?:the )?form is (?:called|named) (.+)$|^form:\\s*(.+)$|^表单(?:名称)?(?:是|叫|：)(.+)$")
                .matcher(s))
        .find()) {
      title = first(m);
      return true;
    }
    if ((m =
            Pattern.compile(
                    "^(?:the )?(.+?) (?:is|are) (?:a )?(drop-?down|choice|select|one) (?:of|with|from)(?: options)? (.+)$")
                .matcher(l))
        .find()) {
      Field f = field(m.group(1));
      f.type = Form.Type.CHOICE;
      f.options = options(m.group(3));
      return f.options.size() >= 2;
    }
    if ((m = Pattern.compile("^(.+?)(?:是|为)?(?:下拉|选项|单选)[：:](.+)$").matcher(s)).find()) {
      Field f = field(m.group(1));
      f.type = Form.Type.CHOICE;
      f.options = options(m.group(2));
      return f.options.size() >= 2;
    }
    if ((m =
            Pattern.compile(
                    "^(?:the )?(.+?) (?:is|are) (?:an? )?(?:(required|mandatory|optional) )?"
                        + "(text|number|amount of money|money|date range|date|attachment|file|person)s?$")
                .matcher(l))
        .find()) {
      Form.Type type =
          switch (m.group(3)) {
            case "number" -> Form.Type.NUMBER;
            case "amount of money", "money" -> Form.Type.MONEY;
            case "date range" -> Form.Type.DATE_RANGE;
            case "date" -> Form.Type.DATE;
            case "attachment", "file" -> Form.Type.ATTACHMENT;
            case "person" -> Form.Type.PERSON;
            default -> Form.Type.TEXT;
          };
      for (String name : names(m.group(1))) {
        Field f = field(name);
        f.type = type;
        if (m.group(2) != null) {
          f.required = !m.group(2).equals("optional");
        }
      }
      return true;
    }
    if ((m =
            Pattern.compile(
                    "^(?:first |then |after that |next |finally )?(?:the )?(.+?) (?:approves|signs|reviews)"
                        + " (?:if|when) (?:the )?(.+?) (?:is )?(?:above|over|more than|greater than) (\\d+)$")
                .matcher(l))
        .find()) { // "then HR approves if days is over 5"
      String who = plainWho(m.group(1));
      steps.add(
          new Form.Step(
              id(who),
              List.of(approver(who)),
              Form.Mode.SEQUENTIAL,
              new Form.Condition(id(m.group(2)), ">", m.group(3))));
      return true;
    }
    if ((m = Pattern.compile("^(.+?) (?:is|are) (required|mandatory|optional)$").matcher(l))
        .find()) {
      boolean req = !m.group(2).equals("optional");
      for (String name : names(m.group(1))) {
        field(name).required = req;
      }
      return true;
    }
    if ((m = Pattern.compile("^(.+?)(必填|选填|可选)$").matcher(s)).find()) {
      boolean req = m.group(2).equals("必填");
      for (String name : names(m.group(1))) {
        field(name).required = req;
      }
      return true;
    }
    if ((m =
            Pattern.compile(
                    "^(?:if (?:the )?(\\w+) is )?(?:above|over|more than|greater than|超过|大于)\\s*(\\d+)[,，]?\\s*(.+?)(?: must)?(?: also)? (?:approves?|signs?)$|^(?:超过|大于)(\\d+)(?:元)?[，,]?(?:还)?(?:需要)?(?:由)?(.+?)(?:审批|审核|签字)$")
                .matcher(l))
        .find()) {
      String amount = m.group(2) != null ? m.group(2) : m.group(4);
      String who = m.group(3) != null ? m.group(3) : m.group(5);
      String fieldName = m.group(1) != null ? m.group(1) : moneyField();
      steps.add(
          new Form.Step(
              id(who),
              List.of(approver(who)),
              Form.Mode.SEQUENTIAL,
              new Form.Condition(id(fieldName), ">", amount)));
      return true;
    }
    if ((m =
            Pattern.compile("^(?:if )?(.+?) rejects?,? (?:it )?(?:goes|go|is sent) back to (.+)$")
                .matcher(l))
        .find()) {
      rejections.add(new Form.Rejection(id(m.group(1)), id(m.group(2))));
      return true;
    }
    if ((m =
            Pattern.compile(
                    "^(?:both )?(.+?) (?:both )?(?:have to|must|need to|should) (?:both )?(?:sign|approve)$|^(.+?)都(?:要|需要)(?:会签|签字|审批)$")
                .matcher(l))
        .find()) {
      List<String> who = names(first(m));
      if (who.size() >= 2) {
        steps.add(
            new Form.Step(
                String.join("_", who.stream().map(RuleIntake::id).toList()),
                who.stream().map(RuleIntake::approver).toList(),
                Form.Mode.ALL,
                null));
        return true;
      }
    }
    if ((m =
            Pattern.compile("^(?:either )?(.+?) or (.+?) (?:approves|can approve|signs)$")
                .matcher(l))
        .find()) {
      List<Form.Approver> who = List.of(approver(m.group(1)), approver(m.group(2)));
      steps.add(new Form.Step(id(m.group(1)) + "_or_" + id(m.group(2)), who, Form.Mode.ANY, null));
      return true;
    }
    if ((m =
            Pattern.compile(
                    "^(?:first |then |after that |next |finally )?(?:the )?(.+?) (?:approves|signs|reviews)$|^(?:先|然后|再|最后)?(?:由)?(.+?)(?:审批|审核|签字)$")
                .matcher(l))
        .find()) {
      String who = plainWho(first(m).replaceFirst("^(first|then|next|finally) ", ""));
      steps.add(new Form.Step(id(who), List.of(approver(who)), Form.Mode.SEQUENTIAL, null));
      return true;
    }
    return false;
  }

  private static String first(Matcher m) {
    for (int i = 1; i <= m.groupCount(); i++) {
      if (m.group(i) != null) {
        return m.group(i).strip();
      }
    }
    return "";
  }

  private static List<String> names(String text) {
    List<String> out = new ArrayList<>();
    for (String n : LIST_SPLIT.split(text.replaceFirst("^(?:the|both) ", ""))) {
      String t = n.strip().replaceFirst("^the ", "");
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private static List<String> options(String text) {
    List<String> out = new ArrayList<>();
    for (String o : LIST_SPLIT.split(text)) {
      String t = o.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private Field field(String name) {
    String id = id(name);
    return fields.computeIfAbsent(
        id,
        k -> {
          Field f = new Field();
          f.id = k;
          f.name = name.strip();
          f.type = guessType(name.toLowerCase(Locale.ROOT));
          return f;
        });
  }

  /** A field's type guessed from its name: amounts are money, dates dates, receipts attachments. */
  static Form.Type guessType(String name) {
    if (name.matches(".*(date|日期)$")) {
      return Form.Type.DATE;
    }
    if (name.matches(
        ".*\\b(code|id|no|reference|name|owner|holder|(?<!total |max |maximum |minimum |min )number)$|.*(编号|名称|号)$")) {
      return Form.Type.TEXT; // "cost code", "budget owner", "合同编号": a name, not an amount
    }
    Form.Type head = headType(name);
    if (head != null) {
      return head;
    }
    if (name.matches(
        ".*(amount|cost|price|total|sum|fee|salary|budget|value|revenue|金额|费用|价格|单价|总价|预算|款).*")) {
      return Form.Type.MONEY;
    }
    if (name.matches(".*(period|dates|date range|from.*to|日期范围|起止).*")) {
      return Form.Type.DATE_RANGE;
    }
    if (name.matches(".*(date|day of|日期|时间).*")) {
      return Form.Type.DATE;
    }
    if (name.matches(".*(attachment|receipt|file|photo|document|invoice|附件|发票|照片).*")) {
      return Form.Type.ATTACHMENT;
    }
    if (name.matches(
        ".*(\\b(number|count|days|quantity|hours|nights|headcount|attendees)\\b|天数|数量|人数|时长).*")) {
      return Form.Type.NUMBER;
    }
    if (name.matches(".*(person|employee|delegate|substitute|代理人|员工).*")) {
      return Form.Type.PERSON;
    }
    return Form.Type.TEXT;
  }

  /**
   * The type a noun's head word gives it, whatever words come before: "refund reason" and "退款原因"
   * are text, "份数" and "参会人数" numbers, "营业执照扫描件" an attachment. Null when the head says nothing.
   */
  static Form.Type headType(String name) {
    String n = name.strip().toLowerCase(java.util.Locale.ROOT);
    if (n.matches(
        ".*\\b(reason|reasons|purpose|description|justification|explanation|comments?|notes?|remarks?"
            + "|method|category|title|details|summary|name|address|email|agenda)$"
            + "|.*(原因|理由|事由|说明|描述|备注|用途|方式|名称|内容|意见|情况|地址|邮箱|目的)$")) {
      return Form.Type.TEXT;
    }
    if (n.matches(".*(数量|[份人次天件台张个套本箱位名]数|数目)$")) {
      return Form.Type.NUMBER;
    }
    if (n.matches(
        ".*\\b(scan|scans|copy|copies|copy of .*|screenshot|photos?|pictures?|attachments?|receipts?|files?)$"
            + "|.*(扫描件|复印件|影印件|照片|截图|附件|图片|文件|凭证|材料)$")) {
      return Form.Type.ATTACHMENT;
    }
    return null;
  }

  private String moneyField() {
    for (Field f : fields.values()) {
      if (f.type == Form.Type.MONEY) {
        return f.id;
      }
    }
    return "amount";
  }

  private static final Map<String, String> ZH =
      Map.of(
          "金额",
          "amount",
          "事由",
          "reason",
          "附件",
          "attachment",
          "类型",
          "type",
          "日期",
          "date",
          "组长",
          "team_lead",
          "财务",
          "finance",
          "总监",
          "director",
          "人事",
          "hr",
          "法务",
          "legal");

  /** An identifier for a name: lower case words joined by _, Chinese names by their meaning. */
  static String id(String name) {
    String n = name.strip();
    for (var e : ZH.entrySet()) {
      if (n.contains(e.getKey())) {
        return e.getValue();
      }
    }
    String id =
        n.toLowerCase(Locale.ROOT)
            .replaceAll("^(the|a|an) ", "")
            .replaceAll("[^a-z0-9]+", "_")
            .replaceAll("^_|_$", "");
    return id.isEmpty() ? "field" : Character.isLetter(id.charAt(0)) ? id : "f_" + id;
  }

  /** "the manager of the applicant" and "the applicant's manager" are "manager". */
  private static String plainWho(String who) {
    return who.strip()
        .replaceFirst("(?i)^(?:the )?(?:applicant's|requester's|employee's|their|his|her) ", "")
        .replaceFirst("(?i) of (?:the )?(?:applicant|requester|employee)$", "");
  }

  private static Form.Approver approver(String who) {
    String w = plainWho(who).toLowerCase(Locale.ROOT).replaceFirst("^the ", "");
    if (w.matches("(line manager|manager|supervisor|my manager|direct manager|直属领导|直属上级)")) {
      return new Form.Approver("manager", "applicant");
    }
    return new Form.Approver("role", id(who));
  }
}
