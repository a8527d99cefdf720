package dev.scion.forms;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Checks submitted data against a form: every problem, field by field. */
public final class FormData {
  private FormData() {}

  /** The problems of {@code data} ("field: what is wrong"); empty when it is valid. */
  public static List<String> problems(Form form, Map<String, ?> data) {
    List<String> out = new ArrayList<>();
    for (String k : data.keySet()) {
      if (form.fields().stream().noneMatch(f -> f.id().equals(k))) {
        out.add(k + ": not a field of this form");
      }
    }
    for (Form.Field f : form.fields()) {
      Object v = data.get(f.id());
      boolean shown = f.shownWhen() == null || holds(f.shownWhen(), data);
      if (v == null || (v instanceof String s && s.isBlank())) {
        if (f.required() && shown) {
          out.add(f.id() + ": required");
        }
        continue;
      }
      String problem = problem(f, v);
      if (problem != null) {
        out.add(f.id() + ": " + problem);
      }
    }
    return out;
  }

  private static String problem(Form.Field f, Object v) {
    switch (f.type()) {
      case NUMBER, MONEY -> {
        if (!(v instanceof Number n)) {
          return "should be a number";
        }
        if (f.min() != null && n.doubleValue() < f.min()) {
          return "should be at least " + FormFormatter.number(f.min());
        }
        if (f.max() != null && n.doubleValue() > f.max()) {
          return "should be at most " + FormFormatter.number(f.max());
        }
        return null;
      }
      case DATE -> {
        return date(v) ? null : "should be a date like 2026-12-01";
      }
      case DATE_RANGE -> {
        if (!(v instanceof Map<?, ?> m) || !date(m.get("from")) || !date(m.get("to"))) {
          return "should be {\"from\": date, \"to\": date}";
        }
        return LocalDate.parse(m.get("to").toString())
                .isBefore(LocalDate.parse(m.get("from").toString()))
            ? "ends before it starts"
            : null;
      }
      case CHOICE -> {
        return f.options().contains(String.valueOf(v))
            ? null
            : "should be one of " + String.join(", ", f.options());
      }
      case MULTI_CHOICE -> {
        if (!(v instanceof Collection<?> c)
            || !f.options().containsAll(c.stream().map(String::valueOf).toList())) {
          return "should be a list of " + String.join(", ", f.options());
        }
        return null;
      }
      default -> {
        return v instanceof String ? null : "should be text";
      }
    }
  }

  private static boolean date(Object v) {
    if (v == null) {
      return false;
    }
    try {
      LocalDate.parse(v.toString());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static boolean holds(Form.Condition c, Map<String, ?> data) {
    Object v = data.get(c.field());
    if (v == null) {
      return false;
    }
    if (v instanceof Number n) {
      double a = n.doubleValue();
      double b = Double.parseDouble(c.value());
      return switch (c.op()) {
        case ">" -> a > b;
        case ">=" -> a >= b;
        case "<" -> a < b;
        case "<=" -> a <= b;
        case "=" -> a == b;
        default -> a != b;
      };
    }
    boolean eq = String.valueOf(v).equals(c.value());
    return c.op().equals("=") ? eq : !eq;
  }
}
