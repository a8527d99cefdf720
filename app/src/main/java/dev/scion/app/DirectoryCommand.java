package dev.scion.app;

import dev.scion.forms.Directory;
import dev.scion.server.ApiException;
import dev.scion.server.tenancy.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scion forms directory ...}: the organisation's people, their roles and managers, from
 * which forms' flows take the applicant's manager and who holds a role (the default tenant's
 * directory; the server's {@code /forms/directory} API holds every tenant's).
 */
@Command(
    name = "directory",
    mixinStandardHelpOptions = true,
    description = {
      "The organisation directory: people, their roles and their managers. Flows take the",
      "applicant's manager and the members of a role from it, and only the assignee or a member",
      "of the task's role may decide a task."
    },
    subcommands = {
      DirectoryCommand.Add.class,
      DirectoryCommand.ListPeople.class,
      DirectoryCommand.Import.class,
      DirectoryCommand.Remove.class
    })
final class DirectoryCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Bad input for the directory is bad usage (exit 2), in the directory's own words. */
  static <T> T checked(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (ApiException e) {
      if (e.status() == 400) {
        throw new ScionCommand.UsageException(e.getMessage());
      }
      throw e;
    }
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Add a person, or change the one with the same id.")
  static final class Add implements Callable<Integer> {
    @Mixin FormsCommand.Data data;

    @Option(names = "--id", required = true, description = "Their user name, e.g. ana.")
    String id;

    @Option(names = "--name", description = "Their display name (default: the id).")
    String name;

    @Option(names = "--manager", description = "Their manager's id.")
    String manager;

    @Option(
        names = "--roles",
        split = ",",
        description = "Their roles, comma-separated, e.g. finance,audit.")
    List<String> roles = List.of();

    @Override
    public Integer call() {
      try (Platform p = data.platform()) {
        Directory.Person put =
            checked(
                () ->
                    p.directory()
                        .put(
                            Platform.DEFAULT_TENANT,
                            new Directory.Person(
                                id, name, manager, roles.stream().map(String::strip).toList())));
        System.out.println(line(put));
      }
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the people: id, name, manager, roles (tab-separated).")
  static final class ListPeople implements Callable<Integer> {
    @Mixin FormsCommand.Data data;

    @Override
    public Integer call() {
      try (Platform p = data.platform()) {
        p.directory().people(Platform.DEFAULT_TENANT).forEach(x -> System.out.println(line(x)));
      }
      return 0;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Import people from CSV with the header id,name,manager,roles (roles separated by ';').",
        "Every line is checked first: a bad line is named and nothing is written."
      })
  static final class Import implements Callable<Integer> {
    @Mixin FormsCommand.Data data;

    @Option(names = "--csv", required = true, description = "The CSV file.")
    Path csv;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(csv)) {
        throw new ScionCommand.UsageException(csv + " does not exist");
      }
      String text = Files.readString(csv, StandardCharsets.UTF_8);
      try (Platform p = data.platform()) {
        int n = checked(() -> p.directory().importCsv(Platform.DEFAULT_TENANT, text));
        System.out.println("imported " + n + (n == 1 ? " person" : " people") + " from " + csv);
      }
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a person.")
  static final class Remove implements Callable<Integer> {
    @Mixin FormsCommand.Data data;

    @Option(names = "--id", required = true, description = "Their user name.")
    String id;

    @Override
    public Integer call() {
      try (Platform p = data.platform()) {
        if (!p.directory().remove(Platform.DEFAULT_TENANT, id)) {
          throw new ScionCommand.UsageException("no person '" + id + "' in the directory");
        }
      }
      return 0;
    }
  }

  static String line(Directory.Person p) {
    return p.id()
        + "\t"
        + p.name()
        + "\t"
        + (p.manager() == null ? "-" : p.manager())
        + "\t"
        + (p.roles().isEmpty() ? "-" : String.join(",", p.roles()));
  }
}
