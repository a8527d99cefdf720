package dev.scion.forms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the form language; every error names its line and column and what to write instead. */
public final class FormParser {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

  /** Role and user names: as ids, or in the user's own script (role 财务, user 王芳). */
  private static final Pattern NAME = Pattern.compile("[\\p{Ll}\\p{Lo}][\\p{Ll}\\p{Lo}\\p{N}_]*");

  private static final Pattern CONDITION =
      Pattern.compile("([a-z][a-z0-9_]*)\\s*(>=|<=|!=|>|<|=)\\s*(\\S(?:.*\\S)?)");

  private final String[] lines;
  private int at; // current line index
  private String name;
  private final Map<String, Form.Field> fields = new LinkedHashMap<>();
  private final Map<String, Form.Step> steps = new LinkedHashMap<>();
  private final List<Form.Rejection> rejections = new ArrayList<>();
  private final List<Form.Timeout> timeouts = new ArrayList<>();
  private final List<Form.Approver> copyTo = new ArrayList<>();
  private final List<int[]> conditionsAt = new ArrayList<>(); // line, column of each condition
  private final List<Form.Condition> conditions = new ArrayList<>();

  private FormParser(String source) {
    this.lines = source.replace("\r\n", "\n").split("\n", -1);
  }

  public static Form parse(String source) {
    return new FormParser(source).form();
  }

  private FormException error(int column, String message) {
    return new FormException(at + 1, column, message);
  }

  private int col(String line, String part) {
    int i = line.indexOf(part);
    return i < 0 ? 1 : i + 1;
  }

  private Form form() {
    boolean approval = false;
    for (at = 0; at < lines.length; at++) {
      String raw = lines[at];
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (name == null) {
        if (!line.startsWith("form ") || line.substring(5).isBlank()) {
          throw error(col(raw, line), "a form starts with 'form <name>', e.g. form Expense claim");
        }
        name = unquote(line.substring(5).strip());
        continue;
      }
      if (line.equals("approval")) {
        approval = true;
      } else if (line.startsWith("field ")) {
        if (approval) {
          throw error(col(raw, line), "fields come before 'approval'; move this field up");
        }
        field(raw, line.substring(6));
      } else if (line.startsWith("step ")) {
        requireApproval(approval, raw, line);
        step(raw, line.substring(5));
      } else if (line.startsWith("on reject ")) {
        requireApproval(approval, raw, line);
        reject(raw, line.substring(10));
      } else if (line.startsWith("on timeout ")) {
        requireApproval(approval, raw, line);
        timeout(raw, line.substring(11));
      } else if (line.startsWith("copy to ")) {
        requireApproval(approval, raw, line);
        for (String a : line.substring(8).split(",")) {
          copyTo.add(approver(raw, a.strip()));
        }
      } else {
        String word = line.split("\\s+")[0];
        throw error(
            col(raw, line),
            "unknown line starting '"
                + word
                + "'; lines start with form, field, approval, step, on reject, on timeout or copy to");
      }
    }
    at = lines.length - 1;
    if (name == null) {
      throw new FormException(1, 1, "the form is empty; start with 'form <name>'");
    }
    if (steps.isEmpty()) {
      throw new FormException(
          lines.length,
          1,
          "the form has no approval steps; add 'approval' and at least one 'step <id>: <who>'");
    }
    checkConditions();
    return new Form(
        name,
        List.copyOf(fields.values()),
        List.copyOf(steps.values()),
        List.copyOf(rejections),
        List.copyOf(timeouts),
        List.copyOf(copyTo));
  }

  private void requireApproval(boolean approval, String raw, String line) {
    if (!approval) {
      throw error(col(raw, line), "write 'approval' on a line of its own before the steps");
    }
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  private String id(String raw, String text, String what) {
    String t = text.strip();
    if (!ID.matcher(t).matches()) {
      throw error(
          col(raw, t),
          what + " '" + t + "' must be lower case letters, digits and _, starting with a letter");
    }
    return t;
  }

  /** {@code amount: money, required, label "Amount", min 0, shown when type = travel} */
  private void field(String raw, String rest) {
    int colon = rest.indexOf(':');
    if (colon < 0) {
      throw error(col(raw, rest), "write 'field <id>: <type>', e.g. field amount: money, required");
    }
    String id = id(raw, rest.substring(0, colon), "field id");
    if (fields.containsKey(id)) {
      throw error(col(raw, id), "field '" + id + "' is defined twice");
    }
    List<String> parts = splitTop(rest.substring(colon + 1));
    String typeText = parts.isEmpty() ? "" : parts.getFirst();
    List<String> options = List.of();
    String typeWord = typeText;
    int paren = typeText.indexOf('(');
    if (paren >= 0) {
      if (!typeText.endsWith(")")) {
        throw error(col(raw, typeText), "close the list of options with ')'");
      }
      typeWord = typeText.substring(0, paren).strip();
      options = new ArrayList<>();
      for (String o : typeText.substring(paren + 1, typeText.length() - 1).split("\\|")) {
        if (!o.isBlank()) {
          options.add(o.strip());
        }
      }
    }
    Form.Type type = Form.Type.of(typeWord);
    if (type == null) {
      throw error(
          col(raw, typeText.isEmpty() ? rest : typeText),
          "unknown type '"
              + typeWord
              + "'; use text, number, money, date, date range, choice (a | b), multi-choice (a | b), attachment or person");
    }
    boolean choice = type == Form.Type.CHOICE || type == Form.Type.MULTI_CHOICE;
    if (choice && options.size() < 2) {
      throw error(
          col(raw, typeText),
          "a " + type.word + " needs at least two options: " + type.word + " (a | b)");
    }
    if (!choice && !options.isEmpty()) {
      throw error(col(raw, typeText), "only choice and multi-choice fields have options");
    }
    Boolean required = null;
    String label = null;
    Double min = null;
    Double max = null;
    Form.Condition shown = null;
    for (String p : parts.subList(Math.min(1, parts.size()), parts.size())) {
      if (p.equals("required") || p.equals("optional")) {
        if (required != null) {
          throw error(col(raw, p), "say required or optional once");
        }
        required = p.equals("required");
      } else if (p.startsWith("label ")) {
        label = unquote(p.substring(6).strip());
      } else if (p.startsWith("min ") || p.startsWith("max ")) {
        if (type != Form.Type.NUMBER && type != Form.Type.MONEY) {
          throw error(col(raw, p), "min and max apply to number and money fields");
        }
        double v = number(raw, p.substring(4).strip());
        if (p.startsWith("min ")) {
          min = v;
        } else {
          max = v;
        }
      } else if (p.startsWith("shown when ")) {
        shown = condition(raw, p.substring(11));
      } else {
        throw error(
            col(raw, p),
            "unknown field attribute '"
                + p
                + "'; use required, optional, label \"…\", min N, max N or shown when <field> = <value>");
      }
    }
    if (required == null) {
      throw error(col(raw, rest), "say whether field '" + id + "' is required or optional");
    }
    fields.put(
        id, new Form.Field(id, type, List.copyOf(options), required, label, min, max, shown));
  }

  private double number(String raw, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw error(col(raw, text), "'" + text + "' is not a number");
    }
  }

  private Form.Condition condition(String raw, String text) {
    Matcher m = CONDITION.matcher(text.strip());
    if (!m.matches()) {
      throw error(
          col(raw, text.strip()), "write a condition as <field> <op> <value>, e.g. amount > 5000");
    }
    Form.Condition c = new Form.Condition(m.group(1), m.group(2), unquote(m.group(3)));
    conditions.add(c);
    conditionsAt.add(new int[] {at, col(raw, text.strip())});
    return c;
  }

  /** {@code director: user director, when amount > 5000} */
  private void step(String raw, String rest) {
    int colon = rest.indexOf(':');
    if (colon < 0) {
      throw error(col(raw, rest), "write 'step <id>: <who>', e.g. step finance: role finance");
    }
    String id = id(raw, rest.substring(0, colon), "step id");
    if (steps.containsKey(id)) {
      throw error(col(raw, id), "step '" + id + "' is defined twice");
    }
    List<String> parts = splitTop(rest.substring(colon + 1));
    if (parts.isEmpty()) {
      throw error(
          col(raw, rest),
          "say who approves step '" + id + "': manager of applicant, role <name> or user <name>");
    }
    String who = parts.getFirst();
    List<Form.Approver> approvers = new ArrayList<>();
    Form.Mode mode = Form.Mode.SEQUENTIAL;
    String[] byAnd = who.split("\\s+and\\s+");
    String[] byOr = who.split("\\s+or\\s+");
    if (byAnd.length > 1 && byOr.length > 1) {
      throw error(
          col(raw, who), "use either 'and' (all approve) or 'or' (any one approves), not both");
    }
    for (String a : byAnd.length > 1 ? byAnd : byOr) {
      approvers.add(approver(raw, a.strip()));
    }
    if (approvers.size() > 1) {
      mode = byAnd.length > 1 ? Form.Mode.ALL : Form.Mode.ANY;
    }
    Form.Condition when = null;
    for (String p : parts.subList(1, parts.size())) {
      if (p.startsWith("when ")) {
        when = condition(raw, p.substring(5));
      } else if (p.equals("all must approve")) {
        mode = Form.Mode.ALL;
      } else if (p.equals("any one approves")) {
        mode = Form.Mode.ANY;
      } else {
        throw error(
            col(raw, p),
            "unknown step attribute '"
                + p
                + "'; use when <condition>, all must approve or any one approves");
      }
    }
    steps.put(id, new Form.Step(id, List.copyOf(approvers), mode, when));
  }

  private Form.Approver approver(String raw, String text) {
    if (text.equals("manager of applicant") || text.equals("manager")) {
      return new Form.Approver("manager", "applicant");
    }
    String[] w = text.split("\\s+", 2);
    if (w.length == 2 && (w[0].equals("role") || w[0].equals("user"))) {
      String name = w[1].strip();
      if (!NAME.matcher(name).matches()) {
        throw error(
            col(raw, name),
            w[0]
                + " name '"
                + name
                + "' must be lower case letters, digits and _, starting with a letter");
      }
      return new Form.Approver(w[0], name);
    }
    throw error(
        col(raw, text),
        "unknown approver '" + text + "'; use manager of applicant, role <name> or user <name>");
  }

  /** {@code finance: back to team_lead} */
  private void reject(String raw, String rest) {
    Matcher m = Pattern.compile("([^:]+):\\s*back to\\s+(\\S+)").matcher(rest.strip());
    if (!m.matches()) {
      throw error(col(raw, rest.strip()), "write 'on reject <step>: back to <earlier step>'");
    }
    String step = knownStep(raw, m.group(1).strip());
    String back = knownStep(raw, m.group(2).strip());
    List<String> order = new ArrayList<>(steps.keySet());
    if (order.indexOf(back) >= order.indexOf(step)) {
      throw error(
          raw.lastIndexOf(back) + 1,
          "a rejection goes back to an earlier step; '" + back + "' is not before '" + step + "'");
    }
    rejections.add(new Form.Rejection(step, back));
  }

  /** {@code finance after 48h: escalate to role finance_lead} */
  private void timeout(String raw, String rest) {
    Matcher m =
        Pattern.compile("(\\S+)\\s+after\\s+(\\d+)\\s*h:\\s*escalate to\\s+(.+)")
            .matcher(rest.strip());
    if (!m.matches()) {
      throw error(
          col(raw, rest.strip()), "write 'on timeout <step> after <hours>h: escalate to <who>'");
    }
    String step = knownStep(raw, m.group(1));
    timeouts.add(
        new Form.Timeout(step, Integer.parseInt(m.group(2)), approver(raw, m.group(3).strip())));
  }

  private String knownStep(String raw, String id) {
    if (!steps.containsKey(id)) {
      throw error(
          col(raw, id),
          "no step '" + id + "' above; steps are " + String.join(", ", steps.keySet()));
    }
    return id;
  }

  /** Conditions name existing fields, and compare numbers with numbers and choices with options. */
  private void checkConditions() {
    for (int i = 0; i < conditions.size(); i++) {
      Form.Condition c = conditions.get(i);
      at = conditionsAt.get(i)[0];
      int column = conditionsAt.get(i)[1];
      Form.Field f = fields.get(c.field());
      if (f == null) {
        throw error(
            column,
            "no field '" + c.field() + "'; fields are " + String.join(", ", fields.keySet()));
      }
      boolean numeric = f.type() == Form.Type.NUMBER || f.type() == Form.Type.MONEY;
      if (numeric) {
        number(lines[at], c.value());
      } else if (!c.op().equals("=") && !c.op().equals("!=")) {
        throw error(
            column,
            "'" + c.op() + "' compares numbers; field '" + f.id() + "' is " + f.type().word);
      }
      if ((f.type() == Form.Type.CHOICE || f.type() == Form.Type.MULTI_CHOICE)
          && !f.options().contains(c.value())) {
        throw error(
            column,
            "'"
                + c.value()
                + "' is not an option of '"
                + f.id()
                + "': "
                + String.join(", ", f.options()));
      }
    }
  }

  /** Splits at commas outside parentheses and quotes. */
  private static List<String> splitTop(String text) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    StringBuilder cur = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0 && !quoted) {
        out.add(cur.toString().strip());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }
}
