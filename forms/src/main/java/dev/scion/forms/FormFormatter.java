package dev.scion.forms;

import java.util.List;
import java.util.Locale;

/** Prints a form in the canonical layout of the form language; parsing it back gives it again. */
public final class FormFormatter {
  private FormFormatter() {}

  public static String format(Form f) {
    StringBuilder b = new StringBuilder();
    b.append("form ").append(f.name()).append("\n\n");
    for (Form.Field x : f.fields()) {
      b.append("field ").append(x.id()).append(": ").append(x.type().word);
      if (!x.options().isEmpty()) {
        b.append(" (").append(String.join(" | ", x.options())).append(')');
      }
      b.append(x.required() ? ", required" : ", optional");
      if (x.label() != null) {
        b.append(", label \"").append(x.label()).append('"');
      }
      if (x.min() != null) {
        b.append(", min ").append(number(x.min()));
      }
      if (x.max() != null) {
        b.append(", max ").append(number(x.max()));
      }
      if (x.shownWhen() != null) {
        b.append(", shown when ").append(x.shownWhen());
      }
      b.append('\n');
    }
    b.append("\napproval\n");
    for (Form.Step s : f.steps()) {
      b.append("step ").append(s.id()).append(": ").append(approvers(s));
      if (s.when() != null) {
        b.append(", when ").append(s.when());
      }
      b.append('\n');
    }
    for (Form.Rejection r : f.rejections()) {
      b.append("on reject ").append(r.step()).append(": back to ").append(r.backTo()).append('\n');
    }
    for (Form.Timeout t : f.timeouts()) {
      b.append("on timeout ")
          .append(t.step())
          .append(" after ")
          .append(t.hours())
          .append("h: escalate to ")
          .append(t.escalateTo())
          .append('\n');
    }
    if (!f.copyTo().isEmpty()) {
      b.append("copy to ")
          .append(String.join(", ", f.copyTo().stream().map(Form.Approver::toString).toList()))
          .append('\n');
    }
    return b.toString();
  }

  private static String approvers(Form.Step s) {
    List<String> names = s.approvers().stream().map(Form.Approver::toString).toList();
    if (names.size() == 1) {
      return names.getFirst()
          + (s.mode() == Form.Mode.ALL
              ? ", all must approve"
              : s.mode() == Form.Mode.ANY ? ", any one approves" : "");
    }
    return String.join(s.mode() == Form.Mode.ANY ? " or " : " and ", names);
  }

  static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
  }
}
