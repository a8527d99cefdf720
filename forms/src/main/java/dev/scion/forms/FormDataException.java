package dev.scion.forms;

import java.util.List;

/** Submitted data does not satisfy its form: the list names every field and its problem. */
public final class FormDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public FormDataException(List<String> problems) {
    super("the data does not fit the form: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
