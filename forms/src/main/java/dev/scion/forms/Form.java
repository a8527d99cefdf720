package dev.scion.forms;

import java.util.List;

/** A form and its approval flow, as the form language describes them. */
public record Form(
    String name,
    List<Field> fields,
    List<Step> steps,
    List<Rejection> rejections,
    List<Timeout> timeouts,
    List<Approver> copyTo) {

  /** The kinds of field. */
  public enum Type {
    TEXT("text"),
    NUMBER("number"),
    MONEY("money"),
    DATE("date"),
    DATE_RANGE("date range"),
    CHOICE("choice"),
    MULTI_CHOICE("multi-choice"),
    ATTACHMENT("attachment"),
    PERSON("person");

    final String word;

    Type(String word) {
      this.word = word;
    }

    static Type of(String word) {
      for (Type t : values()) {
        if (t.word.equals(word)) {
          return t;
        }
      }
      return null;
    }
  }

  /** A comparison of a field with a value: {@code amount > 5000}, {@code type = travel}. */
  public record Condition(String field, String op, String value) {
    @Override
    public String toString() {
      return field + " " + op + " " + value;
    }
  }

  /** A field: id, type, options (choices), required, label, bounds, visibility. */
  public record Field(
      String id,
      Type type,
      List<String> options,
      boolean required,
      String label,
      Double min,
      Double max,
      Condition shownWhen) {}

  /** Who approves: the applicant's manager, anyone with a role, or one user. */
  public record Approver(String kind, String name) {
    @Override
    public String toString() {
      return kind.equals("manager") ? "manager of applicant" : kind + " " + name;
    }
  }

  /** How a step with several approvers decides: all of them, or any one. */
  public enum Mode {
    SEQUENTIAL,
    ALL,
    ANY
  }

  /** An approval step, taken only {@code when} its condition holds (always when null). */
  public record Step(String id, List<Approver> approvers, Mode mode, Condition when) {}

  /** Rejection at a step sends the request back to an earlier step. */
  public record Rejection(String step, String backTo) {}

  /** A step left undecided for {@code hours} escalates to someone else. */
  public record Timeout(String step, int hours, Approver escalateTo) {}
}
