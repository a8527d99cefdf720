package dev.scion.forms;

import dev.scion.nlu.values.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a manager's plain words (English or Chinese) into a form: which fields are required or
 * optional, which are drop-downs and their options, who approves in which order, with which
 * conditions, who signs together, where a rejection goes, and who gets a copy.
 *
 * <p>The description is split into statements ({@link Statements}); each is read by the trained
 * {@link StatementModel} (its kinds and spans), and the rule-based {@link RuleIntake} reads only a
 * statement the model could not place. Field names are the nouns the user said (a Chinese field
 * keeps the user's word as its label), named roles stay roles, and only what the user called
 * required is required. Every statement that ends in nothing is reported in {@link
 * Result#unplaced()} with its line and column in the user's text, never silently dropped.
 */
public final class Intake {
  /** A statement that could not be placed: where it is in the user's text, and its words. */
  public record Unplaced(int line, int column, String words) {
    @Override
    public String toString() {
      return "line " + line + ", column " + column + ": " + words;
    }
  }

  /** The form drafted, and the statements that could not be placed in it. */
  public record Result(Form form, List<String> unplaced, List<Unplaced> where) {
    public Result(Form form, List<String> unplaced) {
      this(form, unplaced, List.of());
    }
  }

  private final StatementModel model;
  private final String text;
  private final Map<String, FieldDraft> fields = new LinkedHashMap<>();
  private final List<StepDraft> steps = new ArrayList<>();
  private final List<Statements.Piece> rejections = new ArrayList<>();
  private final List<StatementModel.Reading> rejectionReadings = new ArrayList<>();
  private final List<Form.Timeout> timeouts = new ArrayList<>();
  private final List<Form.Approver> copyTo = new ArrayList<>();
  private final List<Unplaced> unplaced = new ArrayList<>();
  private String title;
  private List<String> optionalBesidesAll; // "all required except …": null when not said
  private Form.Condition pending;
  private Statements.Piece pendingAt;
  private FieldDraft lastField;

  private static final class FieldDraft {
    String id;
    String noun;
    String label;
    Form.Type type;
    Form.Type guessed;
    List<String> options = List.of();
    Boolean required;
  }

  private record StepDraft(
      List<Form.Approver> approvers, Form.Mode mode, Form.Condition when, Statements.Piece at) {}

  private Intake(StatementModel model, String text) {
    this.model = model;
    this.text = text;
  }

  public static Result draft(String text) {
    return complete(null, text);
  }

  /**
   * Completes a draft (one read from a photo, say) with a person's words: its fields stay, with
   * their types and options, optional unless the words make them required; the words add fields,
   * choices and the approval flow.
   */
  public static Result complete(Form draft, String text) {
    return complete(draft, text, StatementModel.shared());
  }

  static Result complete(Form draft, String words, StatementModel model) {
    List<Tables.Table> tables = Tables.find(words);
    String text = Tables.without(words, tables);
    Intake in = new Intake(model, text);
    if (draft != null) {
      in.title = draft.name();
      for (Form.Field f : draft.fields()) {
        FieldDraft x = new FieldDraft();
        x.id = f.id();
        x.type = f.type();
        x.options = f.options();
        x.required = f.required() ? Boolean.TRUE : null;
        x.label = f.label();
        in.fields.put(f.id(), x);
      }
    }
    int table = 0;
    for (List<Statements.Piece> sentence : Statements.split(text)) {
      while (table < tables.size() && tables.get(table).start() < sentence.getFirst().start()) {
        in.table(tables.get(table++));
      }
      in.section(sentence.stream().map(Statements::unbulleted).toList());
    }
    while (table < tables.size()) {
      in.table(tables.get(table++));
    }
    Form form = in.build();
    return new Result(
        form, in.unplaced.stream().map(Unplaced::words).toList(), List.copyOf(in.unplaced));
  }

  // ---- tables: "Field | Type | Required", "Step | Approver | Condition" ----

  private void table(Tables.Table t) {
    section = null;
    for (List<Tables.Cell> row : t.rows()) {
      if (t.ofSteps()) {
        stepRow(t, row);
      } else if (t.ofFields()) {
        fieldRow(t, row);
      }
    }
  }

  private static final String NOTHING = "(?i)[-—–/]*|none|n/?a|always|any|无|不限|—";
  private static final String YES =
      "(?i)yes|y|x|true|required|mandatory|must|✓|✔|√|●|\\*|是|必填|必须|需要|要";
  private static final String NO = "(?i)no|n|false|optional|not required|否|选填|非必填|可选|不需要|可不填";

  /** A row of a table of fields, read as the list item "name (type, required, one of a/b)". */
  private void fieldRow(Tables.Table t, List<Tables.Cell> row) {
    Tables.Cell nameCell = t.cell(row, Tables.Column.NAME);
    if (nameCell == null || nameCell.text().matches(NOTHING)) {
      return;
    }
    String name = nameCell.text();
    List<String> attrs = new ArrayList<>();
    if (name.matches(".*[*＊]\\s*$")) {
      attrs.add("required"); // "Amount *"
    }
    Matcher inner = Pattern.compile("[(（]([^)）]*)[)）]").matcher(name);
    while (inner.find()) {
      attrs.add(inner.group(1)); // "Amount (USD)"
    }
    name = name.replaceAll("[(（][^)）]*[)）]|[*＊:：]", " ").strip();
    Tables.Cell type = t.cell(row, Tables.Column.TYPE);
    if (type != null && !type.text().matches(NOTHING)) {
      attrs.add(type.text());
    }
    Tables.Cell required = t.cell(row, Tables.Column.REQUIRED);
    if (required != null && required.text().strip().matches(YES)) {
      attrs.add("required");
    } else if (required != null && required.text().strip().matches(NO + "|" + NOTHING)) {
      attrs.add("optional");
    } else if (required != null) {
      attrs.add(required.text());
    }
    for (int i = 0; i < row.size() && i < t.columns().size(); i++) {
      if (t.columns().get(i) == Tables.Column.OTHER && !row.get(i).text().matches(NOTHING)) {
        attrs.add(row.get(i).text()); // "Notes: required for trips abroad"
      }
    }
    Tables.Cell options = t.cell(row, Tables.Column.OPTIONS);
    if (options != null && !options.text().matches(NOTHING)) {
      attrs.add("one of " + options.text());
    }
    String item = attrs.isEmpty() ? name : name + " (" + String.join(", ", attrs) + ")";
    lastField = null;
    fieldItem(new Statements.Piece(item, nameCell.start()));
    if (lastField != null
        && type != null
        && type.text().matches("(?i).*(multi|several|checkbox|tick|多选|复选).*")) {
      lastField.type = Form.Type.MULTI_CHOICE;
    }
  }

  /** A row of a table of steps: who approves (several: all of them, or any with "or"), and when. */
  private void stepRow(Tables.Table t, List<Tables.Cell> row) {
    Tables.Cell who = t.cell(row, Tables.Column.APPROVER);
    if (who == null || who.text().matches(NOTHING)) {
      return;
    }
    Statements.Piece at = new Statements.Piece(who.text(), who.start());
    List<Form.Approver> approvers = approvers(model.read(who.text()));
    boolean any = who.text().matches("(?i).*(\\bor\\b|\\bany\\b|或|任一|之一).*");
    if (approvers.isEmpty() || (approvers.size() == 1 && who.text().matches(".*[,，、&+/].*"))) {
      approvers = new ArrayList<>();
      for (String w : who.text().split("(?i)\\s*(?:,|，|、|&|\\+|/|\\band\\b|\\bor\\b|和|或)\\s*")) {
        if (!w.isBlank()) {
          approvers.add(MANAGER.matcher(w.strip()).matches() ? who(w) : who(w.strip()));
        }
      }
    }
    Form.Condition when = null;
    Tables.Cell cond = t.cell(row, Tables.Column.CONDITION);
    if (cond != null && !cond.text().matches(NOTHING)) {
      StatementModel.Reading r = model.read(cond.text());
      when = condition(r);
      if (when == null) {
        unplaced(new Statements.Piece(cond.text(), cond.start()));
      }
    }
    Form.Mode mode = approvers.size() > 1 && any ? Form.Mode.ANY : Form.Mode.ALL;
    steps.add(
        new StepDraft(
            List.copyOf(approvers), approvers.size() == 1 ? Form.Mode.SEQUENTIAL : mode, when, at));
  }

  // ---- reading: sentences, statements ----

  // ---- sections: "Approval: a -> b -> c", "Fields: x (required), y (one of a, b)" ----

  private static final Pattern STEPS_HEADER =
      Pattern.compile(
          "(?i)^(?:approvals?|approval (?:flow|chain|steps|order|process|route)|flow|workflow|steps"
              + "|approvers?|sign-?offs?|routing|approved by|审批(?:流程|顺序|人|步骤|链)?|流程|审批顺序为)"
              + "\\s*[:：]\\s*(.*)$",
          Pattern.DOTALL);
  private static final Pattern FIELDS_HEADER =
      Pattern.compile(
          "(?i)^(?:fields?|form fields|the fields|information|details|it asks for|字段|表单字段|填写内容"
              + "|填写项|需填写|表单内容)\\s*[:：]\\s*(.*)$",
          Pattern.DOTALL);

  /** A heading word on a line of its own, without its colon: "Steps", "Fields", "审批流程". */
  private static final String BARE_HEADING =
      "(?i)(?:steps|approvals?|approval (?:flow|chain|steps|order|process|route)|workflow|routing|approvers"
          + "|fields|form fields|审批流程|审批步骤|审批顺序|流程|字段|表单字段)";

  private static final Pattern TITLE_HEADER =
      Pattern.compile(
          "(?i)^(?:form|form name|form title|name|title|表单|表单名称|名称|标题)\\s*[:：]\\s*(\\S.{0,60})$");
  private static final Pattern OTHER_HEADER = Pattern.compile("^[^:：]{1,30}[:：]\\s*$");

  private String section;
  private int sectionEnd;
  private static final String PREDICATE =
      "(?is).*(\\b(?:is|are|isn't|aren't|must|should|can|may|will|approves?|signs?|gets?|needs?)\\b"
          + "|必填|选填|审批|审核|抄送|可不填).*";
  private static final String NOT_A_STEP =
      "(?is).*(reject|declin|send.{0,20}back|return|\\bcc\\b|cc'd|copy|copied|notif|inform|escalat"
          + "|驳回|退回|拒绝|抄送|知会|通知|超时|升级).*";

  /**
   * A sentence under a heading: after "Approval:" each item is a step (a bare "Team lead" too),
   * after "Fields:" each item a field; a blank line or another heading ends the section.
   */
  private void section(List<Statements.Piece> pieces) {
    if (pieces.isEmpty()) {
      return;
    }
    Statements.Piece first = pieces.getFirst();
    if (section != null
        && text.substring(Math.min(sectionEnd, first.start()), first.start())
            .matches("(?s).*\\n\\s*\\n.*")) {
      section = null;
    }
    if (first.text().matches(BARE_HEADING)) {
      first =
          new Statements.Piece(first.text() + ":", first.start()); // "Steps" on a line of its own
      pieces = new ArrayList<>(pieces);
      pieces.set(0, first);
    }
    Matcher named = TITLE_HEADER.matcher(first.text());
    if (named.matches() && pieces.size() == 1) {
      title = title(named.group(1)); // "Form: IT access request", "表单名称：用印申请"
      section = null;
      sectionEnd = first.end();
      return;
    }
    Matcher steps = STEPS_HEADER.matcher(first.text());
    Matcher fieldsHeader = FIELDS_HEADER.matcher(first.text());
    List<Statements.Piece> rest = new ArrayList<>(pieces);
    if (steps.matches() || fieldsHeader.matches()) {
      Matcher h = steps.matches() ? steps : fieldsHeader;
      section = steps.matches() ? "steps" : "fields";
      rest.removeFirst();
      if (!h.group(1).isBlank()) {
        rest.addFirst(new Statements.Piece(h.group(1).strip(), first.start() + h.start(1)));
      }
    } else if (OTHER_HEADER.matcher(first.text()).matches() && pieces.size() == 1) {
      section = null;
    }
    sectionEnd = pieces.getLast().end();
    if (rest.isEmpty()) {
      return;
    }
    String whole = text.substring(rest.getFirst().start(), rest.getLast().end());
    if ("steps".equals(section) && whole.matches(NOT_A_STEP)) {
      sentence(rest);
    } else if ("steps".equals(section)) {
      for (Statements.Piece p : items(rest)) {
        stepItem(p);
      }
    } else if ("fields".equals(section) && whole.matches(PREDICATE)) {
      section = null; // "Leave type and dates are mandatory": a statement again, not a list item
      sentence(rest);
    } else if ("fields".equals(section)) {
      List<FieldDraft> before = new ArrayList<>(fields.values());
      for (Statements.Piece p : bulletLines(rest)) {
        fieldItem(p);
      }
      if (whole.matches(ALL_OF_THEM)) { // "Fields: asset, cost, justification - all required"
        fields.values().stream()
            .filter(f -> !before.contains(f) && !Boolean.FALSE.equals(f.required))
            .forEach(f -> f.required = true);
      }
    } else {
      sentence(rest);
    }
  }

  /**
   * A bulleted or numbered line is one item, whatever its commas: "3. Country - pick one: US,
   * Canada, Mexico" is one field with its options; a line without a list mark stays in pieces.
   */
  private List<Statements.Piece> bulletLines(List<Statements.Piece> pieces) {
    List<Statements.Piece> out = new ArrayList<>();
    for (Statements.Piece p : pieces) {
      if (!out.isEmpty()) {
        Statements.Piece last = out.getLast();
        String between = text.substring(last.end(), p.start());
        int line = text.lastIndexOf('\n', last.start() - 1) + 1;
        if (!between.contains("\n")
            && Statements.unbulleted(new Statements.Piece(text.substring(line, last.end()), line))
                    .start()
                > line) {
          out.set(out.size() - 1, Statements.join(text, last, p));
          continue;
        }
      }
      out.add(p);
    }
    return out;
  }

  /** The items of a step list: "部门负责人、财务经理" is two. */
  private static final Pattern TOGETHER =
      Pattern.compile(
          "(?is).*(会签|或签|共同|联合|任一|任意|之一|\\bboth\\b|\\bjointly\\b|\\btogether\\b|\\bany one\\b|\\beither\\b).*");

  private List<Statements.Piece> items(List<Statements.Piece> pieces) {
    List<Statements.Piece> out = new ArrayList<>();
    for (Statements.Piece p : pieces) {
      if (TOGETHER.matcher(p.text()).matches()) {
        out.add(p); // "质量部、财务部、法务部会签": one step signed together, or by any one
        continue;
      }
      Matcher m = Pattern.compile("[、;；/]").matcher(p.text());
      int start = 0;
      while (m.find()) {
        if (m.start() > start) {
          out.add(trimmed(p, start, m.start()));
        }
        start = m.end();
      }
      if (start < p.text().length()) {
        out.add(trimmed(p, start, p.text().length()));
      }
    }
    out.removeIf(x -> x.text().isBlank());
    return out;
  }

  private static Statements.Piece trimmed(Statements.Piece p, int from, int to) {
    String raw = p.text().substring(from, to);
    String t = raw.strip();
    return new Statements.Piece(t, p.start() + from + raw.indexOf(t));
  }

  private static final Pattern STEP_WORDS =
      Pattern.compile(
          "(?i)\\b(?:approves?|approval|signs?(?: off)?|reviews?|checks?|by|first|then|next|finally|last)\\b"
              + "|审批|审核|签字|批准|盖章|确认|核准|签批|[先再最后由交]");

  /** One step of a step list: what the model reads, or the item itself as the role. */
  private void stepItem(Statements.Piece at) {
    Statements.Piece clean =
        new Statements.Piece(at.text().replaceAll("[()（）]", " ").strip(), at.start());
    StatementModel.Reading r = model.read(clean.text());
    if (stepCondition(clean, r)) {
      return; // "3. Plant manager, when the risk rating is high"
    }
    if (r.is("other")
        && approvers(r).isEmpty()
        && listItem(at)
        && !clean.text().matches(NOT_A_STEP)
        && bareStep(clean, r)) {
      return; // a bare item of a numbered step list is a step ("2. IT security")
    }
    if (clean.text().matches(NOT_A_STEP) || (r.is("other") && approvers(r).isEmpty())) {
      place(at, r);
      return;
    }
    if (!approvers(r).isEmpty()) {
      step(at, r);
      return;
    }
    if (isConditionOnly(r) && !r.all("value").isEmpty()) {
      place(at, r); // "If access level is Admin" before "the CISO"
      return;
    }
    if (!bareStep(clean, r)) {
      place(at, r);
    }
  }

  private static final Pattern CONDITION_START =
      Pattern.compile(
          "(?i)^(?:but )?(?:only )?(?:if|when|where|whenever|provided|in case|as long as|如果|若|当|如)\\b?");

  /**
   * A condition that follows its step in the same item of a list, after a comma ("finance, only if
   * the amount is more than 200"), belongs to that step; one after a full stop or a semicolon
   * starts the next step ("…signs first; if the cost exceeds 3000, the director approves").
   */
  private boolean stepCondition(Statements.Piece at, StatementModel.Reading r) {
    if (steps.isEmpty()
        || steps.getLast().when() != null
        || !CONDITION_START.matcher(at.text()).lookingAt()
        || !approvers(r).isEmpty()
        || at.start() < steps.getLast().at().start()
        || !text.substring(steps.getLast().at().start(), at.start()).matches("[^\\n;；.。!?！？]*")) {
      return false;
    }
    Form.Condition c = condition(r);
    if (c == null) {
      String bare = at.text().replaceFirst(CONDITION_START.pattern(), "").strip();
      c = condition(model.read((hasCjk(bare) ? "如果" : "If ") + bare));
    }
    if (c == null) {
      return false;
    }
    StepDraft last = steps.removeLast();
    steps.add(new StepDraft(last.approvers(), last.mode(), c, last.at()));
    return true;
  }

  /** A step named by its approver alone ("Team lead", "then travel desk"); false if too long. */
  private boolean bareStep(Statements.Piece at, StatementModel.Reading r) {
    String who = at.text().replaceAll("(?i)\\s*(?:only )?(?:when|if|如果|当).*$", "");
    who = ORDER_START.matcher(who).replaceFirst("");
    who = STEP_WORDS.matcher(who).replaceAll(" ").replaceAll("[\\s\\p{Punct}]+", " ").strip();
    who = who.replaceAll("(?i)^(?:the|to)\\s+", "");
    boolean bare = hasCjk(who) ? who.length() <= 8 : who.split(" ").length <= 4;
    if (who.isEmpty() || !bare) {
      return false;
    }
    Form.Condition when = r.all("value").isEmpty() ? null : condition(r);
    if (when == null && pending != null) {
      when = pending;
      pending = null;
      pendingAt = null;
    }
    steps.add(new StepDraft(List.of(who(who)), Form.Mode.SEQUENTIAL, when, at));
    return true;
  }

  private static final Pattern FIELD_ITEM =
      Pattern.compile(
          "^([^()（）:：]+?)\\s*(?:[(（](.*)[)）]|[:：]\\s*(.*)|\\s[-–—]\\s*(.*)|——\\s*(.*))?\\s*$");

  /** One field of a field list: "amount (required, money)", "category (one of a, b, c)". */
  private void fieldItem(Statements.Piece at) {
    if ((at.text().matches(ALL_OF_THEM) && at.text().matches(POINTS_BACK))
        || at.text().matches(THE_REST_SAYS)) {
      return; // "- all required": read over the whole list by the section
    }
    Matcher m = FIELD_ITEM.matcher(at.text());
    if (!m.matches() || m.group(1).split("\\s+").length > 5) {
      place(at, model.read(at.text()));
      return;
    }
    FieldDraft f = field(m.group(1));
    String attrs = null;
    for (int g = 2; g <= 5 && attrs == null; g++) {
      attrs = m.group(g);
    }
    if (attrs == null) {
      return;
    }
    String a = attrs.toLowerCase(Locale.ROOT);
    if (saysRequired(a) && !a.matches(".*(optional|not required|选填|可不填|非必填).*")) {
      f.required = true;
    } else if (a.matches(".*(optional|not required|可选|选填|可不填|非必填).*")) {
      f.required = false;
    }
    List<String> opts = choiceList(attrs);
    if (opts.size() >= 2) {
      f.type = Form.Type.CHOICE;
      f.options = opts;
    } else {
      for (String part : a.split("[,，、;]")) {
        Form.Type t = typeOf(part);
        if (t != Form.Type.TEXT || part.strip().matches("text|文本")) {
          f.type = t;
        }
      }
    }
    lastField = f;
  }

  /** "one of a, b, c", "a / b / c", "下拉：a、b、c": the options of a list item. */
  private static List<String> choiceList(String attrs) {
    String a =
        attrs.replaceAll(
            "(?i).*?(?:one of|choose from|pick from|(?:pick|choose|select) (?:one|any)(?: of| from)?|options?|either|下拉|可选|选项)\\s*[:：]?\\s*",
            "");
    if (a.equals(attrs)
        && !attrs.contains("/")
        && (attrs.matches(
                "(?is).*(required|optional|mandatory|必填|选填|number|money|date|file|text|attachment|数字|日期|金额|附件|文本).*")
            || !attrs.matches("(?s).*(,|，|、|\\bor\\b|或).*"))) {
      return List.of(); // "annual, sick or unpaid" is a list of options; "required, money" is not
    }
    List<String> out = new ArrayList<>();
    for (String o : a.split("\\s*(?:,|，|、|/|\\||\\bor\\b|或者|或)\\s*")) {
      String t = o.strip().replaceAll("(?i)^(?:and|or)\\s+", "");
      if (!t.isEmpty() && !t.matches("(?i)required|optional|必填|选填")) {
        out.add(t);
      }
    }
    return out;
  }

  private static final String REJECTION =
      "(?is).*(reject|declin|turn(?:s|ed)? down|says no|send\\w* (?:it )?back|kick\\w* (?:it )?back"
          + "|驳回|拒绝|不同意|不通过|打回).*";
  private static final String BACK = "(?is).*(back|return|退回|返回|打回).*";

  /**
   * The pieces of a sentence with its rejection as one piece: from the piece that rejects to the
   * end, so that the steps said before it in the same sentence ("部门经理先批，然后采购部，财务总监不同意就退回 部门经理")
   * stay steps; the whole sentence when the rejection comes last ("back to the manager if finance
   * says no").
   */
  private List<Statements.Piece> rejectionJoined(List<Statements.Piece> pieces) {
    int k = 0;
    while (k < pieces.size() && !pieces.get(k).text().matches(REJECTION)) {
      k++;
    }
    if (k > 0
        && k < pieces.size()
        && CONDITION_START.matcher(pieces.get(k - 1).text()).lookingAt()
        && !pieces.get(k - 1).text().matches("(?is).*\\d.*")) {
      k--; // "if", "it is rejected": the lead-in of the rejection
    }
    if (k == 0 || k >= pieces.size() || !whole(pieces.subList(k, pieces.size())).matches(BACK)) {
      return List.of(new Statements.Piece(whole(pieces), pieces.getFirst().start()));
    }
    List<Statements.Piece> out = new ArrayList<>(pieces.subList(0, k));
    out.add(new Statements.Piece(whole(pieces.subList(k, pieces.size())), pieces.get(k).start()));
    return out;
  }

  private void sentence(List<Statements.Piece> pieces) {
    String all = whole(pieces);
    if (pieces.size() > 1 && all.matches(REJECTION) && all.matches(BACK)) {
      pieces = rejectionJoined(pieces); // "if finance rejects, it goes back to the team lead"
    }
    List<StatementModel.Reading> readings = new ArrayList<>();
    List<Statements.Piece> at = headed(pieces);
    for (Statements.Piece p : at) {
      readings.add(model.read(p.text()));
    }
    mergeFragments(at, readings);
    boolean stepBefore = false;
    Boolean carried = null;
    List<FieldDraft> listed = new ArrayList<>();
    for (int i = 0; i < at.size(); i++) {
      StatementModel.Reading r = readings.get(i);
      boolean wasCondition = isConditionOnly(r);
      boolean leadsIn = i + 1 < at.size() && LEADS_IN.matcher(r.text().strip()).matches();
      if (wasCondition && stepBefore && steps.getLast().when() == null && !leadsIn) {
        Form.Condition c = condition(r);
        if (c != null) { // "the CFO approves, but only if the amount is over 5000"
          StepDraft last = steps.removeLast();
          steps.add(new StepDraft(last.approvers(), last.mode(), c, last.at()));
          continue;
        }
      }
      if (statedList(at.get(i), r)) {
        readings.set(i, new StatementModel.Reading(r.text(), List.of("choice"), List.of()));
        continue;
      }
      if (lastField != null && i > 0 && typeOnly(r.text()) != null) {
        lastField.type = typeOnly(r.text()); // "会议日期：必填，日期格式": the type of the field before
        readings.set(i, new StatementModel.Reading(r.text(), List.of("field_type"), List.of()));
        continue;
      }
      int before = steps.size();
      place(at.get(i), r);
      stepBefore = steps.size() > before;
      carried = carryRequiredness(r, carried);
      listRequiredness(r, listed);
    }
    allOfThem(at, readings, listed);
  }

  /**
   * A statement that is a field and the options written after it: "format: online or in person".
   */
  private boolean statedList(Statements.Piece at, StatementModel.Reading r) {
    OptionLists.Stated stated = OptionLists.stated(at.text());
    if (stated == null || (!stated.marked() && !r.is("choice") && !r.is("multi_choice"))) {
      return false;
    }
    FieldDraft f = field(stated.field());
    f.type = chooseMany(at.text()) ? Form.Type.MULTI_CHOICE : Form.Type.CHOICE;
    f.options =
        stated.options().stream().map(Intake::option).filter(o -> !o.isEmpty()).distinct().toList();
    if (stated.required() != null) {
      f.required = stated.required();
    }
    lastField = f;
    return true;
  }

  /**
   * A condition that leads into the step after it ("if the cost is over 2000, the director signs",
   * "金额超过50万的，最后由总经理审批"), not one that qualifies the step before it ("…, but only if").
   */
  private static final Pattern LEADS_IN =
      Pattern.compile("(?is)^(?:if|in case|should|如果|若|假如|倘若|当).*|.*(?:的|的话|时|时候)$");

  /**
   * "…the driver name and the date, which are all required, plus the van" and "the item and the
   * price; none of these can be left empty": the fields listed before the words that make them all
   * required, in this sentence or, when it names none, in the sentence before; "the rest are
   * required": every field not yet called required or optional.
   */
  private void allOfThem(
      List<Statements.Piece> at, List<StatementModel.Reading> readings, List<FieldDraft> listed) {
    if (at.stream().anyMatch(p -> RequiredMarks.allRequiredExcept(p.text()) != null)) {
      return; // "All required except handover person": read when the form is built
    }
    boolean own = readings.stream().anyMatch(x -> !x.all("field").isEmpty());
    if (whole(at).matches(THE_REST)) {
      fields.values().stream().filter(f -> f.required == null).forEach(f -> f.required = true);
    } else if (whole(at).matches(ALL_OF_THEM)) {
      int says = -1;
      for (int i = 0; i < at.size() && says < 0; i++) {
        says = at.get(i).text().matches(ALL_OF_THEM) ? i : -1;
      }
      List<FieldDraft> these =
          !own || says == 0
              ? lastListed
              : says > 0 ? sentenceFields(readings.subList(0, says + 1)) : listed;
      these.forEach(f -> f.required = Boolean.TRUE);
    }
    lastListed = own ? sentenceFields(readings) : lastListed;
  }

  private static final String THE_REST =
      "(?is).*(\\b(?:the rest|all (?:the )?others|everything else|all other fields|the others)"
          + "\\b.{0,12}(?:required|mandatory|compulsory|must be filled)|其余(?:的|字段|各项)?(?:都|均)?(?:为|是)?必填"
          + "|其他(?:的|字段|各项)?(?:都|均)(?:为|是)?必填).*";

  /** "the rest are optional" as well as "the rest are required": words about the other fields. */
  private static final String THE_REST_SAYS =
      "(?is)^[\\s\\p{Punct}]*(?:and |but )?(?:the rest|all (?:the )?others|everything else|all other fields|the others"
          + "|the remaining(?: fields| ones)?|其余|其他|剩下)(?:的|字段|各项)?\\s*(?:are|is|can be|may be|都|均)"
          + "?[^,，、:：]{0,20}$";

  /** Words that start by pointing back at a list: "all required", "这几项都必填". */
  private static final String POINTS_BACK =
      "(?is)^[\\s\\p{Punct}]*(?:all|these|those|they|both|none|each|every|which|以上|这|上述|均|都|全部|所有)\\b?.*";

  private List<FieldDraft> lastListed = List.of();

  private List<FieldDraft> sentenceFields(List<StatementModel.Reading> readings) {
    List<FieldDraft> out = new ArrayList<>();
    for (StatementModel.Reading r : readings) {
      if (r.is("choice") || r.is("multi_choice")) {
        continue;
      }
      for (String n : fieldNames(r)) {
        FieldDraft f = field(n);
        if (f.required == null && !out.contains(f)) {
          out.add(f);
        }
      }
    }
    return out;
  }

  private static final String ALL_OF_THEM =
      "(?is).*(\\ball (?:of )?(?:these|them|three|four|five|six|fields|of the above|of which)\\b.*"
          + "(?:required|mandatory|must|needed|compulsory|obligatory)|\\(all required\\)"
          + "|\\ball (?:are )?(?:required|mandatory|compulsory)"
          + "|\\b(?:which|they|these|those) are all (?:required|mandatory|compulsory|needed)"
          + "|\\b(?:these|those|the|all|both|the first|the above) (?:two|three|four|five|six|\\d)\\b.{0,20}"
          + "(?:required|mandatory|must|needed|compulsory|obligatory)"
          + "|\\b(?:these|those|they|both) (?:are|must be) (?:required|mandatory|must-haves?|musts|compulsory)"
          + "|\\bnone of (?:these|them|which|the above|those)\\b.*(?:empty|blank|optional|skipped|missing)"
          + "|\\b(?:each|every one) of (?:these|them|which)\\b.*(?:required|mandatory|must)"
          + "|(?:这|以上|上述|前)?(?:两|三|四|五|六|几)?(?:项|个|样)(?:内容)?(?:都|均|全)(?:是|为|必须|要|得|需要)*(?:填|必填|填写)"
          + "|以上均为?必填|均为必填|都必填|都为必填|全部必填|缺一不可|都不能为?空|均不能为?空).*";

  private String whole(List<Statements.Piece> at) {
    return at.isEmpty() ? "" : text.substring(at.getFirst().start(), at.getLast().end());
  }

  /**
   * A list that runs over several pieces takes the requiredness its last piece says: in "order
   * number, refund amount, reason - mandatory" all three are mandatory.
   */
  private void listRequiredness(StatementModel.Reading r, List<FieldDraft> listed) {
    List<String> names = fieldNames(r);
    if (names.isEmpty()) {
      if (!r.is("fields_plain") && !r.is("fragment")) {
        listed.clear();
      }
      return;
    }
    FieldDraft last = field(names.getLast());
    boolean says =
        r.text()
            .matches("(?is).*(\\b(?:required|mandatory|compulsory|optional)\\b|必填|选填|可不填|须填写).*");
    if (last.required == null || (r.is("choice") && !says)) {
      for (String n : names) {
        listed.add(field(n));
      }
      return;
    }
    if (r.spans().getFirst().slot().equals("field")
        && r.text().startsWith(r.spans().getFirst().text())) {
      listed.forEach(f -> f.required = last.required);
    }
    listed.clear();
  }

  private static final Pattern LIST_GOES_ON =
      Pattern.compile(
          "(?i)^[\\s,，、]*(?:and|or|plus|as well as|&|和|及|以及)?\\s*(?:the|a|an|their|his|her|its)?\\s*$");

  /**
   * A list whose first piece says it is required runs on after a comma: in "must give the sample
   * ID, the courier and the shipping date" all three are required, as are they optional in "can add
   * a photo, a link". Returns what the next piece carries on, or null when the list ends here.
   */
  private Boolean carryRequiredness(StatementModel.Reading r, Boolean carried) {
    List<String> names = fieldNames(r);
    if (names.isEmpty() || r.is("choice") || r.is("multi_choice")) {
      return null;
    }
    boolean says = saysRequired(r.text()) || saysOptional(r.text());
    StatementModel.Found first = r.spans().getFirst();
    if (!says
        && carried != null
        && first.slot().equals("field")
        && LIST_GOES_ON.matcher(r.text().substring(0, first.start())).matches()) {
      for (String n : names) {
        FieldDraft f = field(n);
        if (f.required == null) {
          f.required = carried;
        }
      }
      return endsInList(r) ? carried : null;
    }
    Boolean now = field(names.getLast()).required;
    return says && now != null && endsInList(r) ? now : null;
  }

  /** "expense claim: amount required" is a title, then a statement. */
  private List<Statements.Piece> headed(List<Statements.Piece> pieces) {
    List<Statements.Piece> out = new ArrayList<>(pieces);
    if (out.isEmpty()) {
      return out;
    }
    Statements.Piece p = out.getFirst();
    Matcher m = Pattern.compile("^([^:：]{1,40})[:：]\\s*(\\S.*)$").matcher(p.text());
    if (m.matches()) {
      StatementModel.Reading head = model.read(m.group(1));
      if (head.kinds().equals(List.of("title")) && head.all("title").size() == 1) {
        out.set(0, new Statements.Piece(m.group(1).strip(), p.start()));
        out.add(1, new Statements.Piece(m.group(2), p.start() + m.start(2)));
      }
    }
    return out;
  }

  /**
   * Joins a piece that is no statement of its own ("meals" after "type is a drop-down of travel")
   * to the piece whose list it continues, or to the next piece when it starts the list; joins the
   * two halves of a rejection ("if finance rejects", "it goes back to the team lead").
   */
  private void mergeFragments(List<Statements.Piece> at, List<StatementModel.Reading> readings) {
    boolean changed = true;
    while (changed && at.size() > 1) {
      changed = false;
      for (int i = 0; i < at.size() && !changed; i++) {
        StatementModel.Reading r = readings.get(i);
        int with = -1;
        if (i > 0 && endsInList(readings.get(i - 1)) && bareItem(r)) {
          with = i - 1; // "…one of: CRM, ERP, Payroll": a list item, whatever the model made of it
        } else if (continues(r)) {
          with = i == 0 ? 1 : i + 1 >= at.size() ? i - 1 : side(at, readings, i);
          if (with == i + 1) { // a run of list items joins the statement that ends it, at once
            int end = i + 1;
            while (end + 1 < at.size() && continues(readings.get(end))) {
              end++;
            }
            Statements.Piece joined = Statements.join(text, at.get(i), at.get(end));
            at.subList(i + 1, end + 1).clear();
            readings.subList(i + 1, end + 1).clear();
            at.set(i, joined);
            readings.set(i, model.read(joined.text()));
            changed = true;
            continue;
          }
        } else if (i + 1 < at.size()
            && halfOf(r, "from_step")
            && halfOf(readings.get(i + 1), "to_step")) {
          with = i + 1;
        }
        if (with >= 0 && with < at.size()) {
          int a = Math.min(i, with);
          Statements.Piece joined = Statements.join(text, at.get(a), at.get(a + 1));
          at.set(a, joined);
          at.remove(a + 1);
          readings.set(a, model.read(joined.text()));
          readings.remove(a + 1);
          changed = true;
        }
      }
    }
  }

  /**
   * Which neighbour a fragment continues: the one before when it ends in a list, or when the
   * fragment joined to it adds to its list of fields or options; else the one after.
   */
  private int side(List<Statements.Piece> at, List<StatementModel.Reading> readings, int i) {
    StatementModel.Reading before = readings.get(i - 1);
    if (endsInList(before)) {
      return i - 1;
    }
    StatementModel.Reading joined =
        model.read(Statements.join(text, at.get(i - 1), at.get(i)).text());
    return listed(joined) > listed(before) && !joined.is("fragment") ? i - 1 : i + 1;
  }

  /** Whether a piece is a whole item of a bulleted or numbered list. */
  private boolean listItem(Statements.Piece at) {
    int line = text.lastIndexOf('\n', at.start() - 1) + 1;
    int end = text.indexOf('\n', at.end());
    String after = text.substring(at.end(), end < 0 ? text.length() : end);
    return text.substring(line, at.start()).matches("\\s*(?:[-*•·]|\\d{1,2}[.)、．])\\s*")
        && after.matches("[\\s*＊;；,，.。]*");
  }

  /** A few words with no verb or order word: an item of a list rather than a statement. */
  private static boolean bareItem(StatementModel.Reading r) {
    String t = r.text();
    int size = hasCjk(t) ? t.length() / 2 : t.split("\\s+").length;
    return size <= 3 && !STEP_WORDS.matcher(t).find() && !t.matches(NOT_A_STEP);
  }

  private static long listed(StatementModel.Reading r) {
    return r.spans().stream()
        .filter(s -> s.slot().equals("field") || s.slot().equals("option"))
        .count();
  }

  /**
   * Whether a piece is no statement of its own: the model says it is a fragment, or it is a few
   * words that mark no field, approver, value or other span ("medium or high" after "priority:
   * low", "Traveller name" before "and destination are mandatory").
   */
  private static final Pattern ORDER_START =
      Pattern.compile(
          "(?i)^(?:and then|then|after that|afterwards|finally|lastly|next|subsequently"
              + "|然后|之后|接着|最后|随后|再由|再)\\b?\\s*,?\\s*");

  private static boolean continues(StatementModel.Reading r) {
    if (ORDER_START.matcher(r.text()).lookingAt()) {
      return false; // "then finance": the next step, never a list item
    }
    if (r.kinds().isEmpty() || r.is("fragment")) {
      return true;
    }
    boolean own = r.spans().stream().anyMatch(s -> !s.slot().equals("option"));
    int size = hasCjk(r.text()) ? r.text().length() / 2 : r.text().split("\\s+").length;
    return !own && size <= 4;
  }

  private static boolean stepWords(String text) {
    return text.matches("(?i).*(reject|declin|says no|turns? it down|back|驳回|拒绝|不同意|退回|返回).*");
  }

  private static boolean halfOf(StatementModel.Reading r, String has) {
    return (r.is("rejection") || r.is("timeout"))
        && r.all(has).size() == 1
        && r.all(has.equals("from_step") ? "to_step" : "from_step").isEmpty();
  }

  /** Whether a statement ends in an open list: its last word is in a field or option span. */
  private static boolean endsInList(StatementModel.Reading r) {
    if (r.spans().isEmpty()) {
      return false;
    }
    StatementModel.Found last = r.spans().getLast();
    String rest = r.text().substring(last.start() + last.text().length()).strip();
    if (rest.matches(".*[)）].*")) {
      return false; // "leave type (annual / sick / unpaid)": the brackets closed the list
    }
    return (last.slot().equals("option") || last.slot().equals("field"))
        && rest.replaceAll("[\\p{Punct}：）)]", "").isEmpty();
  }

  private static boolean isConditionOnly(StatementModel.Reading r) {
    return r.is("condition")
        && !r.is("approval_step")
        && !r.is("countersign")
        && !r.is("or_sign")
        && r.all("role").isEmpty()
        && r.all("person").isEmpty()
        && r.all("manager").isEmpty();
  }

  private void place(Statements.Piece at, StatementModel.Reading r) {
    List<String> except = RequiredMarks.allRequiredExcept(at.text());
    if (except != null) {
      optionalBesidesAll = new ArrayList<>(except); // "all reqd except company"
      return;
    }
    if (r.all("field").isEmpty()
        && (at.text().matches(ALL_OF_THEM) || at.text().matches(THE_REST_SAYS))) {
      return; // "- all required", "the rest are optional": read with the sentence's list
    }
    if (RequiredMarks.legendOnly(at.text())) {
      return; // "(* mandatory)": read over the whole description when the form is built
    }
    if (ORDER_START.matcher(at.text()).lookingAt()
        && approvers(r).isEmpty()
        && r.all("field").isEmpty()
        && bareStep(at, r)) {
      return; // "then to Purchasing"
    }
    boolean placed = false;
    if (r.is("title") && !r.all("title").isEmpty()) {
      List<String> named = r.all("title");
      title = title(named.getFirst());
      for (String more : named.subList(1, named.size())) {
        field(more); // "付款申请单包括收款单位、付款金额": the rest are the form's fields
      }
      placed = true;
    }
    if (!r.all("field").isEmpty() || !r.all("option").isEmpty()) {
      placed |= fields(r);
    } else if (r.kinds().stream().anyMatch(k -> k.startsWith("fields_"))
        && r.all("type").size() == 1) {
      placed |= typeAsField(r); // "and an optional photo": the thing named is the field
    }
    boolean stepKind = r.is("approval_step") || r.is("countersign") || r.is("or_sign");
    if (r.is("copy_to")) {
      List<Form.Approver> who = approvers(r);
      copyTo.addAll(who);
      placed |= !who.isEmpty();
    } else if (r.is("rejection") && halfOf(r, "from_step") && !stepWords(r.text())) {
      placed |= step(at, r); // "部门经理审批": a party that rejects nothing approves
    } else if (r.is("rejection") || (r.text().matches(REJECTION) && r.text().matches(BACK))) {
      rejections.add(at);
      rejectionReadings.add(r);
      placed = true;
    } else if (r.is("timeout")) {
      placed |= timeout(r);
    } else if (stepKind || !approvers(r).isEmpty()) {
      placed |= step(at, r);
    } else if (isConditionOnly(r) && !r.all("value").isEmpty()) {
      Form.Condition c = condition(r);
      if (c != null) {
        pending = c;
        pendingAt = at;
        placed = true;
      }
    }
    if (!placed && ORDER_START.matcher(at.text()).lookingAt()) {
      placed = bareStep(at, r); // "then travel desk"
    }
    if (!placed && !r.is("other")) {
      placed = fallback(at.text());
    }
    if (!placed && r.spans().isEmpty() && listItem(at) && bareItem(r)) {
      lastField = field(at.text()); // "- conference name": an item of a list is a field
      placed = true;
    }
    if (!placed) {
      Matcher q = QUOTED_TITLE.matcher(at.text());
      if (q.matches() && at.text().matches("(?is).*(?:\\bform\\b|表单|表|单).*")) {
        title = title(q.group(1)); // 'Please build a "Remote work request" form'
        placed = true;
      }
    }
    if (!placed && title == null && at.start() == firstStart() && heading(at.text())) {
      title = title(at.text()); // a first line of a few words is the form's heading
      placed = true;
    }
    if (!placed) {
      unplaced(at);
    }
  }

  private Statements.Piece lastUnplaced;

  private int firstStart() {
    return text.length() - text.stripLeading().length();
  }

  private static boolean heading(String words) {
    if (words.matches(GREETING)) {
      return false; // "Hi team," is no form's name
    }
    return hasCjk(words) ? words.length() <= 10 : words.split("\\s+").length <= 5;
  }

  private static final String GREETING =
      "(?is)^\\W*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|to whom it may concern"
          + "|thanks|thank you|regards|best|cheers|你好|您好|大家好|各位|谢谢|辛苦)\\b.*";

  /** A form's name in quotes: 'please build a "Remote work request" form', '新建“会议室预定”表单'. */
  private static final Pattern QUOTED_TITLE =
      Pattern.compile(
          "(?is).*[\"“「《『]([^\"“”「」《》『』]{2,40})[\"”」》』]\\s*(?:form|request form|表单|表|单|申请单)?.*");

  private void unplaced(Statements.Piece at) {
    if (lastUnplaced != null
        && at.start() >= lastUnplaced.end()
        && text.substring(lastUnplaced.end(), at.start()).matches("[\\s,，、]*")) {
      at = Statements.join(text, lastUnplaced, at); // "Also, make it blue" is one thing unplaced
      unplaced.removeLast();
    }
    lastUnplaced = at;
    int line = 1;
    int column = 1;
    for (int i = 0; i < at.start() && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    unplaced.add(new Unplaced(line, column, at.text()));
  }

  // ---- fields ----

  private boolean fields(StatementModel.Reading r) {
    List<String> names = fieldNames(r);
    boolean strong =
        r.text().matches("(?is).*(\\brequired\\b|\\bmandatory\\b|\\bcompulsory\\b|必填|须填写|必须填写).*")
            && !r.text()
                .matches("(?is).*(not required|not mandatory|非必填|不必填|optional|选填|可不填|可以不填).*");
    Boolean required =
        (r.is("fields_required") && saysRequired(r.text())) || strong ? Boolean.TRUE : null;
    if (r.is("fields_optional") && saysOptional(r.text())) {
      required = r.is("fields_required") ? required : Boolean.FALSE;
    }
    Form.Type type = null;
    for (String t : r.all("type")) {
      type = typeOf(t);
    }
    List<String> options =
        listTail(r, r.all("option")).stream().filter(o -> !OptionLists.rangeWord(o)).toList();
    List<FieldDraft> found = new ArrayList<>();
    List<FieldDraft> listed = bracketed(r, found);
    for (String name : names) {
      if (pointsBack(name)) {
        continue; // "the rest are optional": no field of its own
      }
      FieldDraft f = field(name);
      if (!found.contains(f)) {
        found.add(f);
      }
    }
    if (!listed.isEmpty()) {
      options =
          options.stream()
              .filter(
                  o ->
                      listed.stream()
                          .noneMatch(f -> f.options.stream().anyMatch(x -> x.contains(o))))
              .toList();
    }
    if (found.isEmpty() && (r.is("choice") || r.is("multi_choice"))) {
      Matcher named = CHOICE_NAMED.matcher(r.text()); // "优先级做成下拉", "Priority should be a dropdown"
      if (named.find() && !named.group(1).isBlank()) {
        found.add(field(named.group(1)));
        if (options.size() < 2) {
          found.getFirst().type = Form.Type.CHOICE;
          lastField = found.getFirst();
          return true;
        }
      }
    }
    if (found.isEmpty()
        && options.size() >= 2
        && lastField != null
        && lastField.options.isEmpty()) {
      found.add(lastField); // "pick one of a, b, c" after the field was named
    }
    if (found.isEmpty()) {
      return false;
    }
    for (FieldDraft f : found) {
      if (required != null) {
        f.required = required;
      }
      if (type != null && !listed.contains(f) && (found.size() == 1 || typesAfterAll(r))) {
        f.type = type;
      }
    }
    markedInBrackets(r);
    if (type == null && found.size() == 1 && listed.isEmpty() && saysAttached(r.text())) {
      found.getFirst().type = Form.Type.ATTACHMENT; // "the agenda can be attached", "上传活动方案"
    }
    if (found.size() > 1 && r.all("type").size() >= 1 && !typesAfterAll(r)) {
      typeNearest(r, found); // "dates (a date range) and the cost": the type of the noun before it
    }
    if (options.size() < 2 && listed.isEmpty()) {
      List<String> after = optionsAfter(r); // "seat class: economy / business / first"
      if (after.size() >= 2 && after.stream().noneMatch(OptionLists::rangeWord)) {
        options = after;
      }
    }
    if (options.size() >= 2 && listed.isEmpty() && found.size() > 1 && grouped(r, found)) {
      lastField = found.getLast();
      return true;
    }
    List<FieldDraft> open = found.stream().filter(f -> !listed.contains(f)).toList();
    if (options.size() >= 2 && !open.isEmpty()) {
      FieldDraft f = open.getFirst();
      f.type = r.is("multi_choice") ? Form.Type.MULTI_CHOICE : Form.Type.CHOICE;
      f.options =
          options.stream().map(Intake::option).filter(o -> !o.isEmpty()).distinct().toList();
    }
    lastField = found.getLast();
    return true;
  }

  /**
   * The fields with their options in brackets ("channel (social / print)"), added to {@code found}
   * in the order they are written: the field the model marked right before the bracket, else the
   * few words before it.
   */
  private List<FieldDraft> bracketed(StatementModel.Reading r, List<FieldDraft> found) {
    List<FieldDraft> out = new ArrayList<>();
    for (OptionLists.Listed b : OptionLists.find(r.text())) {
      String name = null;
      int clause = b.open() - b.before().length();
      for (StatementModel.Found f : r.spans()) {
        int end = f.start() + f.text().length();
        if (f.slot().equals("field") && f.start() >= clause && end <= b.open()) {
          name = f.text(); // the last field named before the bracket, in its clause
        }
      }
      String before = OptionLists.withoutChoiceWords(b.before());
      int size = hasCjk(before) ? before.length() / 2 : before.split("\\s+").length;
      if (name == null && !before.isEmpty() && size <= 3 && !before.matches(NOT_AN_OPTION)) {
        name = before;
      }
      if (name == null) {
        continue;
      }
      for (StatementModel.Found f : r.spans()) {
        if (f.slot().equals("field") && f.start() < b.open()) {
          FieldDraft earlier = field(f.text());
          if (!found.contains(earlier)) {
            found.add(earlier);
          }
        }
      }
      FieldDraft f = field(name);
      f.type =
          r.is("multi_choice") || chooseMany(r.text()) ? Form.Type.MULTI_CHOICE : Form.Type.CHOICE;
      f.options =
          b.options().stream().map(Intake::option).filter(o -> !o.isEmpty()).distinct().toList();
      if (!found.contains(f)) {
        found.add(f);
      }
      out.add(f);
    }
    return out;
  }

  private static boolean chooseMany(String words) {
    return words.matches(
        "(?is).*(可多选|多选|select all|any number of|as many as|more than one|all that apply).*");
  }

  private static final Pattern NEXT_ITEM =
      Pattern.compile(
          "^\\s*(?:,\\s*(?:or|and)?|，|、|/|\\||\\s(?:or|and)|或者?|和|及|以及)\\s*"
              + "([^,，、/|;；。.:：()（）]+?)\\s*(?=$|[,，、/|;；。.)）]|\\s(?:or|and)\\s|或|和)",
          Pattern.CASE_INSENSITIVE);
  private static final String NOT_AN_OPTION =
      "(?is).*(\\b(?:required|mandatory|optional|must|should|approv|signs?|is|are|be|field|then)\\b"
          + "|必填|选填|审批|审核|字段|然后).*";

  /**
   * A list of options runs to its end, whatever the model marked: after the last option it read,
   * "…, chilled or frozen" and "…、戴尔、苹果" are options too.
   */
  static List<String> listTail(StatementModel.Reading r, List<String> options) {
    if (options.isEmpty()) {
      return options;
    }
    StatementModel.Found last = null;
    for (StatementModel.Found f : r.spans()) {
      if (f.slot().equals("option")) {
        last = f;
      }
    }
    List<String> out = new ArrayList<>(options);
    String rest = r.text().substring(last.start() + last.text().length());
    Matcher m = NEXT_ITEM.matcher(rest);
    while (m.find()) {
      String item = m.group(1).strip();
      int size = hasCjk(item) ? item.length() / 3 : item.split("\\s+").length;
      if (item.isEmpty() || size > 3 || item.matches(NOT_AN_OPTION)) {
        break;
      }
      out.add(item);
      rest = rest.substring(m.end());
      m = NEXT_ITEM.matcher(rest);
    }
    return out;
  }

  private static final Pattern REQUIRED_WORDS =
      Pattern.compile(
          "(?i).*(requir|mandatory|compulsory|must|need|have to|has to|cannot|can't|can not|"
              + "necessary|essential|always|make sure|without|obligatory|not be (?:left )?(?:blank|empty)"
              + "|must-have|必|须|一定|不能|不可|要填|务必|都要|都得|得填|需填|需要填).*");

  /**
   * Only what the user called required is required: the model's reading is kept when the words say
   * so ("mandatory", "must", "必填", "须填写"), not when it guesses from a drop-down's wording.
   */
  private static boolean saysRequired(String text) {
    return REQUIRED_WORDS.matcher(text).matches();
  }

  private static final Pattern THING =
      Pattern.compile(
          "(?i)^(?:an? |the )?((?:\\w+ )?(?:photo|photos|picture|pictures|receipt|receipts|scan|screenshot|invoice"
              + "|document|documents|attachment|attachments|cv|resume|quote|certificate))$"
              + "|^((?:\\p{IsHan}{0,6})(?:照片|图片|截图|扫描件|复印件|发票|附件|证明|证书|报价单))$");

  /**
   * A statement that names a file where the model saw only a type ("and an optional photo",
   * "可以上传照片"): the thing is the field, of that type.
   */
  private boolean typeAsField(StatementModel.Reading r) {
    Matcher m = THING.matcher(r.all("type").getFirst().strip());
    if (!m.matches()) {
      return false;
    }
    FieldDraft f = field(m.group(1) != null ? m.group(1) : m.group(2));
    f.type = Form.Type.ATTACHMENT;
    if (r.is("fields_required") && saysRequired(r.text())) {
      f.required = true;
    } else if (r.is("fields_optional") && saysOptional(r.text())) {
      f.required = false;
    }
    lastField = f;
    return true;
  }

  private static final Pattern TYPE_ONLY =
      Pattern.compile(
          "(?i)^(?:(?:type|format)\\s*[:：=]?\\s*)?(?:a |an )?(?:numeric|numbers? only|digits only|integer|whole number"
              + "|date format|date field|money field|currency|file upload|数字|整数|数值|纯数字|日期格式|时间格式|金额格式"
              + "|日期类型|数字格式|文本格式|附件形式|上传附件|填数字|填日期)(?:格式|类型)?$");

  /**
   * A piece that says only a type ("日期格式", "数字", "numbers only") after a field's statement: that
   * field's type; null for any other piece.
   */
  static Form.Type typeOnly(String piece) {
    String t = piece.strip().replaceAll("[.。;；]+$", "");
    return TYPE_ONLY.matcher(t).matches() ? typeOf(t.replace("填", "")) : null;
  }

  /** Whether a statement says its field is a file: attached, uploaded, scanned. */
  static boolean saysAttached(String text) {
    return text.matches(
        "(?is).*\\b(?:attach|attached|attaching|upload|uploaded|uploading|scanned|enclose|enclosed|append|appended)\\b.*"
            + "|.*(?:上传|附上|附件|扫描件|作为附件).*");
  }

  private static final Pattern BRACKET_AFTER = Pattern.compile("^\\s*[(（]([^()（）]*)[)）]");

  /**
   * A mark in brackets right after a field's name is that field's own: in "名称（必填）、形式（线上/线下）、
   * 备注（可不填）" and "amount (required), note (optional)" each field keeps what its brackets say,
   * whatever the statement says of the others.
   */
  private void markedInBrackets(StatementModel.Reading r) {
    for (StatementModel.Found x : r.spans()) {
      if (!x.slot().equals("field") || pointsBack(x.text())) {
        continue;
      }
      Matcher m = BRACKET_AFTER.matcher(r.text().substring(x.start() + x.text().length()));
      if (!m.find()) {
        continue;
      }
      Boolean said = bracketRequiredness(m.group(1));
      if (said != null) {
        field(x.text()).required = said;
      }
    }
  }

  /** What a bracket says of a field: "必填", "required" true; "可不填", "optional" false. */
  static Boolean bracketRequiredness(String inside) {
    String b = inside.strip().toLowerCase(Locale.ROOT);
    if (b.matches(
        ".*(optional|not required|not mandatory|if any|if available|可不填|选填|非必填|可选填|可以不填|可空|不必填).*")) {
      return Boolean.FALSE;
    }
    if (b.matches(".*(required|mandatory|must|compulsory|必填|必须|须填|不能为空|不可为空).*")) {
      return Boolean.TRUE;
    }
    return null;
  }

  private static final Pattern OPTIONAL_WORDS =
      Pattern.compile(
          "(?i).*(option|not (?:required|mandatory|needed|necessary|compulsory)|blank|empty|skip|omit"
              + "|\\bif\\b|\\bcan\\b|\\bmay\\b|\\bmight\\b|up to|nice to have|no need|don't need|do not need"
              + "|doesn't have to|does not have to|not a must|welcome|free to|voluntary|whenever|when available"
              + "|选|可不|可以不|不必|不用|不需|非必|可空|如有|若有|有的话|可填|随意|自愿|可以空|不强制).*");

  /**
   * Only what the user called optional is marked optional: a bare noun the model reads as an
   * optional field ("the quantity") is left open, so that a later "those three are required" still
   * reaches it.
   */
  static boolean saysOptional(String text) {
    return OPTIONAL_WORDS.matcher(text).matches();
  }

  /** Options written in parentheses or after a colon right after the first field's name. */
  private static List<String> optionsAfter(StatementModel.Reading r) {
    for (StatementModel.Found f : r.spans()) {
      if (!f.slot().equals("field")) {
        continue;
      }
      String after = r.text().substring(f.start() + f.text().length());
      Matcher m = Pattern.compile("^\\s*(?:[(（]([^)）]*)[)）]|[:：]\\s*(.+))").matcher(after);
      if (m.find()) {
        String inside = m.group(1) != null ? m.group(1) : m.group(2);
        if (inside.matches(".*(/|\\||、|\\bone of\\b|\\bor\\b|或|选项|可选|下拉).*")) {
          List<String> out =
              choiceList(
                  inside.contains("/") || inside.contains("|") || inside.contains("、")
                      ? "one of " + inside
                      : inside);
          return out.stream().map(Intake::option).filter(o -> !o.isEmpty()).toList();
        }
      }
      return List.of();
    }
    return List.of();
  }

  /**
   * Options go to the field named before them: "department (Sales, Engineering) and laptop type
   * (Mac or Windows)". False when that leaves a field with a single option.
   */
  private boolean grouped(StatementModel.Reading r, List<FieldDraft> found) {
    Map<FieldDraft, List<String>> byField = new LinkedHashMap<>();
    int i = -1;
    for (StatementModel.Found x : r.spans()) {
      if (x.slot().equals("field")) {
        i = Math.min(i + 1, found.size() - 1);
      } else if (x.slot().equals("option") && i >= 0) {
        byField.computeIfAbsent(found.get(i), k -> new ArrayList<>()).add(option(x.text()));
        byField.get(found.get(i)).removeIf(String::isEmpty);
      }
    }
    if (byField.size() < 2 || byField.values().stream().anyMatch(o -> o.size() < 2)) {
      return false;
    }
    byField.forEach(
        (f, o) -> {
          f.type = r.is("multi_choice") ? Form.Type.MULTI_CHOICE : Form.Type.CHOICE;
          f.options = o.stream().distinct().toList();
        });
    return true;
  }

  private void typeNearest(StatementModel.Reading r, List<FieldDraft> found) {
    for (StatementModel.Found type : r.spans()) {
      if (!type.slot().equals("type")) {
        continue;
      }
      FieldDraft nearest = null;
      int i = 0;
      for (StatementModel.Found x : r.spans()) {
        if (x.slot().equals("field")) {
          if (x.start() < type.start() && i < found.size()) {
            nearest = found.get(i);
          }
          i++;
        }
      }
      if (nearest != null) {
        nearest.type = typeOf(type.text());
      }
    }
  }

  /**
   * "amount and total are numbers in USD": several types after every field name the type of all;
   * "dates (a date range) and the cost in USD": a type between fields is the type of the one
   * before.
   */
  private static boolean typesAfterAll(StatementModel.Reading r) {
    int lastField = -1;
    int firstType = Integer.MAX_VALUE;
    for (StatementModel.Found x : r.spans()) {
      if (x.slot().equals("field")) {
        lastField = Math.max(lastField, x.start());
      } else if (x.slot().equals("type")) {
        firstType = Math.min(firstType, x.start());
      }
    }
    return r.all("type").size() > 1 && firstType > lastField;
  }

  private static final Pattern CHOICE_NAMED =
      Pattern.compile(
          "(?i)^(?:add |make |a |an |the )*['\"“]?([\\p{L} ]{1,30}?)['\"”]?\\s*(?:做成|设为|是|为|should be|is|field is)?\\s*"
              + "(?:一个|a |an )?(?:下拉|单选|drop-?down|select|choice|one of|pick)");

  private static final String QUOTES = "[\"'“”‘’「」『』《》\\[\\]`*_]";

  static String option(String text) {
    String o =
        text.strip()
            .replaceAll("^" + QUOTES + "+|" + QUOTES + "+$", "")
            .replaceAll("[.。,，;；:：]+$", "")
            .replaceAll("^(?:the|a|an) ", "")
            .replace("|", "/")
            .strip();
    if (o.matches(CHOOSE_WORDS)) {
      return ""; // "三选一", "pick one": how to choose, no option
    }
    if (hasCjk(o) || o.startsWith("从")) {
      o =
          o.replaceAll("^从(?=\\S)", "")
              .replaceAll("(?:[中里](?:任选|选择|选取|挑选|选)(?:一个|一项|一种|其一)?|之一|任选其一)$", "")
              .strip(); // "从OA、ERP、CRM中选择": the list between 从 and 中选择
    }
    return o;
  }

  private static final String CHOOSE_WORDS =
      "(?i)(?:[二两三四五六七八九十\\d]选[一二1-9]|单选|多选|可多选|任选|其一|选一|任选其一|下拉(?:选择|框)?"
          + "|pick (?:one|any)|choose (?:one|any)|one of (?:them|these)|etc\\.?|等)";

  /** The field a user's noun names, made on first mention. */
  private FieldDraft field(String name) {
    String noun = noun(name);
    for (FieldDraft f : fields.values()) {
      if (noun.equals(f.label) || f.id.equals(id(noun))) {
        return f;
      }
    }
    String id = fieldId(noun);
    FieldDraft f = new FieldDraft();
    f.id = id;
    f.noun = noun;
    f.label = hasCjk(noun) ? noun : null;
    f.guessed = RuleIntake.guessType(noun.toLowerCase(Locale.ROOT));
    fields.put(id, f);
    return f;
  }

  private static String noun(String name) {
    return name.strip()
        .replaceAll("^" + QUOTES + "+|" + QUOTES + "+$", "")
        .replaceAll("(?i)^(?:and|or|also|plus|except|but|besides|apart from)\\s+", "")
        .replaceAll("(?i)^(?:the|a|an|their|your|his|her|its|our|my)\\s+", "")
        .replaceAll("(?i)\\s+(?:shall|should|must|will|can|may|would)(?:\\s+(?:be|have))?$", "")
        .replaceAll("(?i)\\s+(?:is|are|was|were)$", "")
        .replaceAll("(?i)\\s+(?:field|options|choices|values|drop-?down)$", "")
        .replaceAll("(?<=\\p{IsHan})(?:选项|下拉框|下拉)$", "")
        .replaceAll("(?i)\\s+in\\s+(?:usd|eur|cny|rmb|gbp|jpy|dollars|euros?|yuan)$", "")
        .replaceAll("[\\p{Punct}：，、]+$", "")
        .strip();
  }

  private String fieldId(String noun) {
    String id = hasCjk(noun) ? ZH_FIELDS.get(noun) : id(noun);
    if (id == null || fields.containsKey(id)) {
      String base = id == null ? "field" : id;
      int n = 1;
      while (fields.containsKey(base + "_" + n)) {
        n++;
      }
      id = base + "_" + n;
    }
    return id;
  }

  private static final Map<String, String> ZH_FIELDS =
      Map.ofEntries(
          Map.entry("金额", "amount"),
          Map.entry("事由", "reason"),
          Map.entry("原因", "reason"),
          Map.entry("附件", "attachment"),
          Map.entry("类型", "type"),
          Map.entry("日期", "date"),
          Map.entry("开始日期", "start_date"),
          Map.entry("结束日期", "end_date"),
          Map.entry("天数", "days"),
          Map.entry("目的地", "destination"),
          Map.entry("出发日期", "departure_date"),
          Map.entry("返回日期", "return_date"),
          Map.entry("供应商", "supplier"),
          Map.entry("数量", "quantity"),
          Map.entry("单价", "unit_price"),
          Map.entry("备注", "note"),
          Map.entry("部门", "department"),
          Map.entry("预算", "budget"),
          Map.entry("发票", "invoice"),
          Map.entry("姓名", "name"),
          Map.entry("用途", "purpose"),
          Map.entry("说明", "description"),
          Map.entry("费用", "cost"),
          Map.entry("总价", "total"));

  static boolean hasCjk(String s) {
    return s.codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }

  /** An identifier for an English noun: lower-case words joined by _. */
  static String id(String name) {
    String id =
        name.strip()
            .toLowerCase(Locale.ROOT)
            .replaceAll("^(the|a|an) ", "")
            .replaceAll("'s\\b", "")
            .replaceAll("[^a-z0-9]+", "_")
            .replaceAll("^_+|_+$", "");
    if (id.isEmpty()) {
      return null;
    }
    return Character.isLetter(id.charAt(0)) ? id : "f_" + id;
  }

  /** A type named in words: "a number in USD" is money, "a file" an attachment. */
  static Form.Type typeOf(String words) {
    String t = words.toLowerCase(Locale.ROOT);
    if (t.matches(".*(usd|eur|cny|dollar|euro|money|currency|金额|人民币|美元|元|钱|price|cost).*")) {
      return Form.Type.MONEY;
    }
    if (t.matches(".*(range|period|范围|时间段|起止).*")) {
      return Form.Type.DATE_RANGE;
    }
    if (t.matches(".*(date|day|日期|时间).*")) {
      return Form.Type.DATE;
    }
    if (t.matches(".*(number|numeric|integer|count|数字|整数|数值).*")) {
      return Form.Type.NUMBER;
    }
    if (t.matches(
        ".*(file|attach|upload|document|photo|scan|pdf|image|picture|附件|文件|上传|图片|照片|扫描|复印件).*")) {
      return Form.Type.ATTACHMENT;
    }
    if (t.matches(".*(person|employee|user|colleague|人员|员工|人).*")) {
      return Form.Type.PERSON;
    }
    return Form.Type.TEXT;
  }

  // ---- who approves ----

  private List<Form.Approver> approvers(StatementModel.Reading r) {
    List<Form.Approver> out = approvers(r, true);
    return out.isEmpty() ? approvers(r, false) : out;
  }

  private List<Form.Approver> approvers(StatementModel.Reading r, boolean skipReferences) {
    List<Form.Approver> out = new ArrayList<>();
    for (StatementModel.Found s : r.spans()) {
      if (skipReferences && afterAnother(r.text(), s)) {
        continue; // "the department head must also approve after the manager": no second approver
      }
      Form.Approver a =
          switch (s.slot()) {
            case "manager" -> new Form.Approver("manager", "applicant");
            case "role", "from_step" -> who(s.text());
            case "person" -> person(s.text());
            default -> null;
          };
      if (a != null && !out.contains(a)) {
        out.add(a);
      }
    }
    return out;
  }

  private static final Pattern ORDER_REFERENCE =
      Pattern.compile(
          "(?i).*\\b(?:after|before|once|following|behind|than|prior to|ahead of)\\s+(?:the\\s+|both\\s+)?$");

  /**
   * Whether an approver's words only place a step after or before another ("after the manager",
   * "在部门经理之后"), rather than naming who approves in this step.
   */
  static boolean afterAnother(String statement, StatementModel.Found span) {
    if (!span.slot().equals("role") && !span.slot().equals("manager")) {
      return false;
    }
    String before = statement.substring(0, Math.max(0, span.start()));
    String after =
        statement.substring(Math.min(statement.length(), span.start() + span.text().length()));
    return ORDER_REFERENCE.matcher(before).matches()
        || (hasCjk(span.text())
            && before.matches(".*在$")
            && after.matches("^(?:审批|审核)?(?:之后|以后|后|之前|前).*"));
  }

  private static final Pattern MANAGER =
      Pattern.compile(
          "(?i)^(?:the )?(?:(?:applicant|requester|employee|submitter|user)'s |my |their |his |her"
              + " |his or her )?(?:line |direct |immediate |reporting |own )?(?:manager|supervisor|boss)"
              + "(?: of (?:the )?(?:applicant|requester|employee|submitter))?$"
              + "|^(?:申请人的?)?(?:直属|直接)?(?:上级|领导)(?:领导)?$|^(?:申请人的?|直属|直接)+(?:主管|经理)$");

  private static final Map<String, String> ZH_ROLES =
      Map.ofEntries(
          Map.entry("财务", "finance"),
          Map.entry("人事", "hr"),
          Map.entry("法务", "legal"),
          Map.entry("总监", "director"),
          Map.entry("组长", "team_lead"),
          Map.entry("总经理", "general_manager"),
          Map.entry("行政", "admin"),
          Map.entry("审计", "audit"));

  /** A named role stays that role; "the applicant's manager" is the manager of the applicant. */
  static Form.Approver who(String words) {
    String w = words.strip().replaceAll("'s$", "").replaceAll("[\\p{Punct}：，、]+$", "").strip();
    if (MANAGER.matcher(w).matches()) {
      return new Form.Approver("manager", "applicant");
    }
    if (hasCjk(w)) {
      String zh =
          w.replaceAll(
                  "^(?:先|再|又|然后|之后|接着|最后|最终|随后|还|也|另外)*(?:需要|需|要|得)?(?:由|交给?|经(?!理|办)|报(?!销)|给|送)?",
                  "")
              .replaceAll("(?:审批|审核|批准|确认|签字)$", "");
      zh = zh.isEmpty() ? w : zh;
      String known = ZH_ROLES.get(zh);
      return new Form.Approver("role", known != null ? known : zh.toLowerCase(Locale.ROOT));
    }
    String id = id(w);
    return new Form.Approver("role", id == null ? "approver" : id);
  }

  static Form.Approver person(String words) {
    String w = words.strip();
    if (hasCjk(w)) {
      return new Form.Approver("user", w);
    }
    String id = id(w);
    return new Form.Approver("user", id == null ? "approver" : id);
  }

  private boolean step(Statements.Piece at, StatementModel.Reading r) {
    List<Form.Approver> who = approvers(r);
    if (who.isEmpty()) {
      return false;
    }
    Form.Mode mode = Form.Mode.SEQUENTIAL;
    boolean inTurn = false;
    if (who.size() > 1) {
      boolean any =
          r.is("or_sign")
              || (!r.is("countersign")
                  && r.text().matches("(?i).*(\\bor\\b|\\beither\\b|或|任一|任意|之一).*"));
      boolean all =
          r.is("countersign")
              || r.text()
                  .matches(
                      "(?i).*(\\bboth\\b|\\ball\\b|together|jointly|countersign|会签|共同|都|同时|联合|一起).*");
      mode = any ? Form.Mode.ANY : Form.Mode.ALL;
      inTurn = !any && !all; // "部门负责人、财务经理", "the manager and subsequently HR": in turn
    }
    Form.Condition when = r.all("value").isEmpty() ? null : condition(r);
    if (when == null && pending != null) {
      when = pending;
      pending = null;
      pendingAt = null;
    }
    if (inTurn) {
      for (int i = 0; i < who.size(); i++) {
        steps.add(
            new StepDraft(
                List.of(who.get(i)), Form.Mode.SEQUENTIAL, i == who.size() - 1 ? when : null, at));
      }
      return true;
    }
    steps.add(new StepDraft(who, mode, when, at));
    return true;
  }

  // ---- conditions ----

  private Form.Condition condition(StatementModel.Reading r) {
    List<String> values = r.all("value");
    if (values.isEmpty()) {
      return null;
    }
    String value = values.getFirst();
    for (StatementModel.Found v : r.spans()) {
      if (v.slot().equals("value")) { // "五" before "万元": the unit belongs to the value
        Matcher unit =
            Pattern.compile("^\\s*(万|千|百万|k\\b|K\\b|thousand|million)")
                .matcher(r.text().substring(v.start() + v.text().length()));
        if (unit.find()) {
          value = value + unit.group(1);
        }
        break;
      }
    }
    String ops = String.join(" ", r.all("op"));
    String number = number(value);
    FieldDraft f;
    List<String> named = r.all("cond_field");
    if (!named.isEmpty()) {
      f = known(named.getFirst());
    } else {
      f = moneyField();
    }
    if (number != null) {
      Form.Type t = type(f);
      if (t != Form.Type.NUMBER && t != Form.Type.MONEY) {
        f.type = Form.Type.NUMBER;
      }
      return new Form.Condition(f.id, op(ops, true), number);
    }
    String v = option(value);
    return new Form.Condition(f.id, op(ops, false), v);
  }

  /** The field a condition names: one already on the form whose name it holds, or a new one. */
  private FieldDraft known(String name) {
    String noun = noun(name);
    for (FieldDraft f : fields.values()) {
      String label = f.label != null ? f.label : f.id.replace('_', ' ');
      if (noun.equalsIgnoreCase(label) || f.id.equals(id(noun))) {
        return f;
      }
    }
    FieldDraft best = null;
    for (FieldDraft f : fields.values()) {
      String label = (f.label != null ? f.label : f.id.replace('_', ' ')).toLowerCase(Locale.ROOT);
      String n = noun.toLowerCase(Locale.ROOT);
      if (label.length() >= 2 && (n.contains(label) || label.contains(n))) {
        if (best == null || label.length() > best.id.length()) {
          best = f;
        }
      }
    }
    return best != null ? best : field(name);
  }

  private FieldDraft moneyField() {
    for (FieldDraft f : fields.values()) {
      if (type(f) == Form.Type.MONEY) {
        return f;
      }
    }
    for (FieldDraft f : fields.values()) {
      if (type(f) == Form.Type.NUMBER) {
        return f;
      }
    }
    return field("amount");
  }

  private static Form.Type type(FieldDraft f) {
    return f.type != null ? f.type : f.guessed;
  }

  /** The comparison that words such as "over", "at least", "低于", "以上" name. */
  static String op(String words, boolean numeric) {
    String w = words.toLowerCase(Locale.ROOT);
    if (!numeric) {
      return w.matches(".*(not|isn't|不是|非).*") ? "!=" : "=";
    }
    if (w.matches(".*(at least|or more|not less|no less|不少于|不低于|及以上|达到|≥|>=).*")
        || (w.contains("在") && w.contains("以上"))) {
      return ">=";
    }
    if (w.matches(".*(at most|or less|not more|no more|up to|不超过|不高于|以内|≤|<=).*")) {
      return "<=";
    }
    if (w.matches(".*(less|under|below|fewer|lower|smaller|低于|少于|小于|不足|以下|<).*")) {
      return "<";
    }
    if (w.matches("^(?:is|equals|=|是|为|等于)$")) {
      return "=";
    }
    return ">";
  }

  private static final Pattern AMOUNT =
      Pattern.compile(
          "(\\d+(?:[.,]\\d+)*)\\s*(k|thousand|million|m|bn|billion|万|千|百万|w)?",
          Pattern.CASE_INSENSITIVE);

  /** A comparison value as a plain number: "$5,000" 5000, "20k" 20000, "一万" 10000, "3万" 30000. */
  static String number(String words) {
    String w = words.toLowerCase(Locale.ROOT).replace("，", ",");
    Matcher m = AMOUNT.matcher(w);
    if (m.find()) {
      String digits = m.group(1);
      double v =
          Double.parseDouble(
              digits.matches("\\d{1,3}(,\\d{3})+(\\.\\d+)?")
                  ? digits.replace(",", "")
                  : digits.replace(",", "."));
      String unit = m.group(2) == null ? "" : m.group(2);
      v *=
          switch (unit) {
            case "k", "thousand", "千" -> 1_000;
            case "万", "w" -> 10_000;
            case "m", "million", "百万" -> 1_000_000;
            case "bn", "billion" -> 1_000_000_000;
            default -> 1;
          };
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
    if (w.matches(".*[零一二两三四五六七八九十百千万].*")) {
      var n = Numbers.parse(w);
      if (n.isPresent()) {
        return Long.toString(n.getAsLong());
      }
    }
    var n = Numbers.parse(w);
    return n.isPresent() && !w.matches(".*[a-z]{3,}.*[a-z]{3,}.*")
        ? Long.toString(n.getAsLong())
        : null;
  }

  // ---- rejection, time-out ----

  private boolean timeout(StatementModel.Reading r) {
    List<String> from = r.all("from_step");
    List<String> to = r.all("to_step");
    List<String> d = r.all("duration");
    if (from.isEmpty() || to.isEmpty() || d.isEmpty()) {
      return false;
    }
    int hours = hours(d.getFirst());
    if (hours <= 0) {
      return false;
    }
    Form.Approver of = who(from.getFirst());
    String step = stepOf(of);
    if (step == null) {
      return false;
    }
    timeouts.add(new Form.Timeout(step, hours, who(to.getFirst())));
    return true;
  }

  static int hours(String words) {
    String w = words.toLowerCase(Locale.ROOT);
    String n = number(w);
    long k = n == null ? 1 : (long) Double.parseDouble(n);
    if (w.matches(".*(week|周|星期).*")) {
      return (int) (k * 7 * 24);
    }
    if (w.matches(".*(day|天|日).*")) {
      return (int) (k * 24);
    }
    return (int) k;
  }

  private String stepOf(Form.Approver a) {
    List<String> ids = stepIds();
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (steps.get(i).approvers().contains(a)) {
        return ids.get(i);
      }
    }
    return null;
  }

  // ---- the fallback: the rules ----

  /** Words that point back at fields named elsewhere and name none themselves. */
  static final String PRONOUN =
      "(?i)(?:but|and|or|so|that|that_s|this|these|those|it|it_s|they|them|which|rest|the_rest|others"
          + "|other|remaining|everything|everything_else|all|all_else|both|each|one|ones|any|none)";

  private static final Pattern FILLER =
      Pattern.compile(
          "(?i)^\\W*(?:the |each |every |an? )?(?:employee|employees|requester|requestor|applicant|user|staff"
              + "|staff member|person|submitter|traveller|traveler|borrower|visitor|candidate|they|we|you)\\s+"
              + "(?:must|should|shall|has to|have to|needs? to|will|can|may|is asked to|are asked to)?\\s*"
              + "(?:enters?|fills? in|fills? out|provides?|gives?|says?|writes?|adds?|selects?|chooses?|picks?"
              + "|states?|specif(?:y|ies)|lists?|tells?|records?|supplies|supply|submits?|uploads?|attach(?:es)?)\\b.*");

  /**
   * Whether the noun is who fills the form in, not one of its fields: "The employee must enter the
   * start date" names the start date only.
   */
  static boolean fillsItIn(StatementModel.Reading r, String name) {
    return FILLER.matcher(r.text()).matches()
        && r.text()
            .strip()
            .replaceAll("(?i)^\\W*(?:the |each |every |an? )", "")
            .startsWith(name.strip().replaceAll("(?i)^(?:the |each |every |an? )", ""))
        && r.all("field").size() > 1;
  }

  /** The nouns of a statement that are fields: not "the rest", not who fills the form in. */
  private static List<String> fieldNames(StatementModel.Reading r) {
    return r.all("field").stream().filter(n -> !pointsBack(n) && !fillsItIn(r, n)).toList();
  }

  /** Whether a noun the model marked only points at other fields ("the rest", "those"). */
  static boolean pointsBack(String name) {
    String n = noun(name);
    if (hasCjk(n)) {
      return n.matches("(?:这|那|以上|上述|其余|其他|其它|剩下|剩余|所有|全部)(?:的|些|几|两|三|四|五)?(?:项|个|字段|内容)?");
    }
    String id = id(n);
    return id == null || id.matches(PRONOUN);
  }

  private boolean fallback(String statement) {
    RuleIntake rules = RuleIntake.read(statement.replaceAll("[.;!?。；！？]+$", "").strip());
    if (rules == null) {
      return false;
    }
    if (rules.title() != null) {
      title = rules.title();
    }
    for (Form.Field f : rules.fields()) {
      if (pointsBack(f.id())) {
        continue; // "but that's optional", "the rest are optional": no noun of the user's
      }
      FieldDraft d = field(f.id());
      Boolean req = rules.required(f.id());
      if (req != null) {
        d.required = req;
      }
      if (f.type() == Form.Type.CHOICE) {
        d.type = f.type();
        d.options = f.options();
      }
    }
    for (Form.Step s : rules.steps()) {
      steps.add(new StepDraft(s.approvers(), s.mode(), s.when(), null));
    }
    return true;
  }

  // ---- the form ----

  private List<String> stepIds() {
    List<String> ids = new ArrayList<>();
    for (StepDraft s : steps) {
      String base =
          String.join(
              "_",
              s.approvers().stream()
                  .map(a -> a.kind().equals("manager") ? "manager" : a.name())
                  .toList());
      if (!base.matches("[a-z][a-z0-9_]*")) {
        base = "step_" + (ids.size() + 1);
      }
      String id = base;
      int n = 2;
      while (ids.contains(id)) {
        id = base + "_" + n++;
      }
      ids.add(id);
    }
    return ids;
  }

  private Form build() {
    markRequired();
    mergeRepeatedSteps();
    List<Form.Field> out = new ArrayList<>();
    for (FieldDraft f : fields.values()) {
      Form.Type t = type(f);
      if ((t == Form.Type.CHOICE || t == Form.Type.MULTI_CHOICE) && f.options.size() < 2) {
        t = Form.Type.TEXT;
      }
      boolean choice = t == Form.Type.CHOICE || t == Form.Type.MULTI_CHOICE;
      out.add(
          new Form.Field(
              f.id,
              t,
              choice ? f.options : List.of(),
              Boolean.TRUE.equals(f.required),
              f.label,
              null,
              null,
              null));
    }
    if (pending != null) {
      unplaced(pendingAt);
    }
    List<String> ids = stepIds();
    List<Form.Step> flow = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      StepDraft s = steps.get(i);
      Form.Condition when = checked(s.when(), out, s.at());
      flow.add(new Form.Step(ids.get(i), s.approvers(), s.mode(), when));
    }
    List<Form.Rejection> back = new ArrayList<>();
    for (int i = 0; i < rejections.size(); i++) {
      Form.Rejection j = rejection(rejectionReadings.get(i));
      if (j == null) {
        unplaced(rejections.get(i));
      } else if (!j.step().isEmpty()) {
        back.add(j);
      }
    }
    String name = title == null || title.isBlank() ? "Form" : title;
    return new Form(
        name,
        out,
        List.copyOf(flow),
        List.copyOf(back),
        List.copyOf(timeouts),
        copyTo.stream().distinct().toList());
  }

  /**
   * A step that repeats the one before it, with the same single approver and no condition of its
   * own, is the same step said twice ("先给组长看，组长同意了再给部门经理").
   */
  private void mergeRepeatedSteps() {
    for (int i = steps.size() - 1; i > 0; i--) {
      StepDraft a = steps.get(i - 1);
      StepDraft b = steps.get(i);
      if (b.when() == null && b.approvers().size() == 1 && a.approvers().equals(b.approvers())) {
        steps.remove(i);
      }
    }
    for (int i = steps.size() - 1; i > 0; i--) {
      StepDraft b = steps.get(i);
      for (int j = i - 1; b.when() != null && j >= 0; j--) {
        StepDraft a = steps.get(j);
        if (a.when() == null && a.approvers().equals(b.approvers()) && a.mode() == b.mode()) {
          // "line manager -> finance -> treasurer. The treasurer is only needed when …"
          steps.set(j, new StepDraft(a.approvers(), a.mode(), b.when(), a.at()));
          steps.remove(i);
          break;
        }
      }
    }
  }

  /** What the words say of all fields at once: "all required except …", a star legend. */
  private void markRequired() {
    if (optionalBesidesAll != null) {
      List<String> nouns = optionalBesidesAll.stream().map(Intake::noun).toList();
      for (FieldDraft f : fields.values()) {
        boolean excepted =
            nouns.stream()
                .anyMatch(
                    n ->
                        n.equalsIgnoreCase(f.noun == null ? "" : f.noun)
                            || n.equals(f.label)
                            || f.id.equals(id(n)));
        f.required = !excepted;
      }
    }
    if (RequiredMarks.starLegend(text)) {
      for (FieldDraft f : fields.values()) {
        if (RequiredMarks.starred(text, f.noun) || RequiredMarks.starred(text, f.label)) {
          f.required = true;
        }
      }
    }
  }

  /** A condition the form can hold: its value an option of a choice, or a number. */
  private Form.Condition checked(Form.Condition c, List<Form.Field> out, Statements.Piece at) {
    if (c == null) {
      return null;
    }
    for (Form.Field f : out) {
      if (f.id().equals(c.field())) {
        boolean numeric = f.type() == Form.Type.NUMBER || f.type() == Form.Type.MONEY;
        if (numeric && c.value().matches("-?\\d+(\\.\\d+)?")) {
          return c;
        }
        if (!numeric && (c.op().equals("=") || c.op().equals("!="))) {
          if (f.options().isEmpty()) {
            return c;
          }
          for (String o : f.options()) {
            if (o.equalsIgnoreCase(c.value())) {
              return new Form.Condition(c.field(), c.op(), o);
            }
          }
        }
      }
    }
    if (at != null) {
      unplaced(at);
    }
    return null;
  }

  /**
   * A rejection between two steps; an empty one when it sends the request back to the applicant
   * (what a rejection does anyway); null when a step it names is not in the flow.
   */
  private Form.Rejection rejection(StatementModel.Reading r) {
    List<String> from = r.all("from_step");
    List<String> to = r.all("to_step");
    if (from.isEmpty() || to.isEmpty()) {
      List<String> parties = new ArrayList<>();
      for (StatementModel.Found f : r.spans()) {
        if (List.of("from_step", "to_step", "role", "manager", "person").contains(f.slot())) {
          parties.add(f.text());
        }
      }
      if (parties.size() == 1) { // the other party named by a step's approver in the words
        String named = named(r.text(), parties.getFirst());
        if (named != null) {
          boolean fromMissing = from.isEmpty();
          parties =
              fromMissing ? List.of(named, parties.getFirst()) : List.of(parties.getFirst(), named);
        }
      }
      if (parties.size() != 2) {
        return null;
      }
      from = List.of(parties.get(0));
      to = List.of(parties.get(1));
    }
    if (to.getFirst().matches("(?i).*(applicant|requester|submitter|employee|申请人|发起人).*")
        && !MANAGER.matcher(to.getFirst().strip()).matches()) {
      return new Form.Rejection("", "");
    }
    String a = stepOf(who(from.getFirst()));
    String b = stepOf(who(to.getFirst()));
    return a == null || b == null || a.equals(b) ? null : new Form.Rejection(a, b);
  }

  /** A step's approver whose name is in the words, other than {@code besides}. */
  private String named(String words, String besides) {
    String w = words.toLowerCase(Locale.ROOT);
    Form.Approver other = who(besides);
    for (StepDraft s : steps) {
      for (Form.Approver a : s.approvers()) {
        String name = a.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        if (!a.equals(other) && !a.kind().equals("manager") && w.contains(name)) {
          return name;
        }
      }
    }
    return null;
  }

  private static String title(String words) {
    String t =
        words
            .strip()
            .replaceAll("(?i)\\s+form$", "")
            .replaceAll("[：:]$", "")
            .replaceAll("(?i)^(?:a|an|the)\\s+", "")
            .strip();
    return t.isEmpty() ? "Form" : Character.toUpperCase(t.charAt(0)) + t.substring(1);
  }
}
