package dev.scion.dialog;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The small expression language of a pack's {@code derive} and {@code rules}: slot names, whole
 * numbers, {@code today}, {@code + - * /} (whole division), parentheses and one comparison ({@code
 * >= <= > < ==}), every token separated by spaces: {@code ( guests + 3 ) / 4}. A date plus a number
 * is a date; a date minus a date is a number of days. An expression over a missing slot has no
 * value (null).
 */
final class Expr {
  private final List<String> tokens;
  private int at;

  private Expr(String text) {
    tokens = new ArrayList<>();
    for (String t : text.trim().split("\\s+")) {
      tokens.add(t);
    }
  }

  /** Evaluates {@code text} over {@code values}; null when a slot it needs is missing. */
  static Object eval(String text, Map<String, Object> values, LocalDate today) {
    Expr e = new Expr(text);
    Object v;
    try {
      v = e.comparison(values, today);
    } catch (ArithmeticException | java.time.DateTimeException x) {
      throw new DialogException("'" + text + "' is out of range: " + x.getMessage());
    }
    if (e.at != e.tokens.size()) {
      throw new DialogException("cannot read the expression '" + text + "'");
    }
    return v;
  }

  /** The slot names an expression reads. */
  static List<String> names(String text) {
    List<String> out = new ArrayList<>();
    for (String t : text.trim().split("\\s+")) {
      if (Character.isLetter(t.charAt(0)) && !t.equals("today")) {
        out.add(t);
      }
    }
    return out;
  }

  private Object comparison(Map<String, Object> v, LocalDate today) {
    Object left = sum(v, today);
    if (at < tokens.size() && List.of(">=", "<=", ">", "<", "==").contains(tokens.get(at))) {
      String op = tokens.get(at++);
      Object right = sum(v, today);
      if (left == null || right == null) {
        return null;
      }
      int c = compare(left, right);
      return switch (op) {
        case ">=" -> c >= 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        case "<" -> c < 0;
        default -> c == 0;
      };
    }
    return left;
  }

  private Object sum(Map<String, Object> v, LocalDate today) {
    Object left = product(v, today);
    while (at < tokens.size() && (tokens.get(at).equals("+") || tokens.get(at).equals("-"))) {
      String op = tokens.get(at++);
      Object right = product(v, today);
      if (left == null || right == null) {
        left = null;
        continue;
      }
      if (left instanceof LocalDate d && right instanceof Long n) {
        left = op.equals("+") ? d.plusDays(n) : d.minusDays(n);
      } else if (left instanceof LocalDate a && right instanceof LocalDate b && op.equals("-")) {
        left = ChronoUnit.DAYS.between(b, a);
      } else {
        long a = number(left, op);
        long b = number(right, op);
        left = op.equals("+") ? Math.addExact(a, b) : Math.subtractExact(a, b);
      }
    }
    return left;
  }

  private Object product(Map<String, Object> v, LocalDate today) {
    Object left = atom(v, today);
    while (at < tokens.size() && (tokens.get(at).equals("*") || tokens.get(at).equals("/"))) {
      String op = tokens.get(at++);
      Object right = atom(v, today);
      if (left == null || right == null) {
        left = null;
      } else if (op.equals("*")) {
        left = Math.multiplyExact(number(left, op), number(right, op));
      } else {
        left = Math.floorDiv(number(left, op), number(right, op));
      }
    }
    return left;
  }

  private Object atom(Map<String, Object> v, LocalDate today) {
    if (at >= tokens.size()) {
      throw new DialogException("'" + String.join(" ", tokens) + "' ends too early");
    }
    String t = tokens.get(at++);
    if (t.equals("(")) {
      Object inner = sum(v, today);
      if (at >= tokens.size() || !tokens.get(at++).equals(")")) {
        throw new DialogException(
            "'" + String.join(" ", tokens) + "' opens a parenthesis it does not close");
      }
      return inner;
    }
    if (t.equals("today")) {
      return today;
    }
    if (Character.isDigit(t.charAt(0))) {
      return Long.parseLong(t);
    }
    return value(v.get(t));
  }

  /** A value an operator needs as a number; anything else is a mistake of the expression. */
  private long number(Object o, String op) {
    if (o instanceof Long n) {
      return n;
    }
    throw new DialogException(
        "cannot apply '" + op + "' to " + o + " in '" + String.join(" ", tokens) + "'");
  }

  /** A slot value as the language sees it: dates from ISO text, numbers as longs. */
  static Object value(Object o) {
    if (o instanceof String s && s.matches("[+-]?\\d{4,}-\\d{2}-\\d{2}")) {
      try {
        return LocalDate.parse(s);
      } catch (java.time.format.DateTimeParseException e) {
        return s;
      }
    }
    if (o instanceof Number n) {
      return n.longValue();
    }
    return o;
  }

  @SuppressWarnings("unchecked")
  private static int compare(Object a, Object b) {
    if (a.getClass() != b.getClass() || !(a instanceof Comparable<?>)) {
      throw new DialogException("cannot compare " + a + " with " + b);
    }
    return ((Comparable<Object>) a).compareTo(b);
  }
}
