package dev.scion.forms;

import java.util.List;

/**
 * An organisation's people as the flows need them: who someone is, their roles (the groups a step
 * names with {@code role X}) and their manager (who approves a {@code manager of applicant} step).
 * Each tenant has its own; where it is kept is the caller's choice.
 */
@FunctionalInterface
public interface Directory {
  /** A person: id (their user name), display name, their manager's id (or null), their roles. */
  record Person(String id, String name, String manager, List<String> roles) {
    public Person {
      roles = roles == null ? List.of() : List.copyOf(roles);
    }
  }

  /** No one: only a task's named assignee may decide it. */
  Directory NONE = id -> null;

  /** The person with this id, or null. */
  Person person(String id);

  /** The roles of a person; none for someone the directory does not know. */
  default List<String> roles(String id) {
    Person p = id == null ? null : person(id);
    return p == null ? List.of() : p.roles();
  }

  /** The manager of a person, or null. */
  default String manager(String id) {
    Person p = id == null ? null : person(id);
    return p == null ? null : p.manager();
  }
}
