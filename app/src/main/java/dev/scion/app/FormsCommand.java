package dev.scion.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.forms.BpmnWriter;
import dev.scion.forms.Form;
import dev.scion.forms.FormCompiler;
import dev.scion.forms.FormException;
import dev.scion.forms.FormFormatter;
import dev.scion.forms.FormParser;
import dev.scion.forms.Intake;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scion forms ...}: smart forms. */
@Command(
    name = "forms",
    mixinStandardHelpOptions = true,
    description = "Smart forms: from plain words to the form language, JSON Schema and BPMN.",
    subcommands = {
      FormsCommand.Compile.class,
      FormsCommand.Photo.class,
      FormsCommand.Deploy.class,
      FormsCommand.Start.class,
      FormsCommand.Tasks.class,
      FormsCommand.Decide.class,
      FormsCommand.Status.class,
      DirectoryCommand.class,
      FormsEvalCommand.class,
      FormsModelCommand.class
    })
final class FormsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "compile",
      mixinStandardHelpOptions = true,
      description = {
        "Read a form described in plain words (English or Chinese) - or written in the form",
        "language - and print its form-language source; with --json, also the JSON Schema of the",
        "form, its approval flow and BPMN. Statements that cannot be placed are listed on stderr.",
        "With SCION_LLM_BASE_URL (and SCION_LLM_MODEL, SCION_LLM_API_KEY) set, a model drafts the",
        "form and repairs it from the parser's errors until it compiles."
      })
  static final class Compile implements Callable<Integer> {
    @Option(names = "--text", required = true, description = "The description (a text file).")
    Path text;

    @Option(names = "--json", description = "Print {source, form, flow, bpmn, unplaced} as JSON.")
    boolean json;

    @Option(
        names = "--draft",
        description =
            "A draft to complete with the words (the output of forms photo, edited or not).")
    Path draft;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(text)) {
        throw new ScionCommand.UsageException(text + " does not exist");
      }
      String words = Files.readString(text, StandardCharsets.UTF_8);
      Form form;
      java.util.List<String> unplaced;
      if (words.strip().startsWith("form ")) {
        form = FormParser.parse(words);
        unplaced = java.util.List.of();
      } else if (dev.scion.models.LlmConfig.fromEnvironment(System.getenv()).isPresent()) {
        var llm =
            new dev.scion.models.ChatClient(
                dev.scion.models.LlmConfig.fromEnvironment(System.getenv()).orElseThrow(),
                java.time.Duration.ofSeconds(120));
        dev.scion.forms.LlmIntake.Result r = new dev.scion.forms.LlmIntake(llm, 3).draft(words);
        r.errors()
            .forEach(e -> System.err.println("scion: the model's draft did not compile: " + e));
        form = r.form();
        unplaced = java.util.List.of();
      } else {
        Form start = null;
        if (draft != null) {
          if (!Files.isRegularFile(draft)) {
            throw new ScionCommand.UsageException(draft + " does not exist");
          }
          start =
              dev.scion.forms.PhotoIntake.fields(Files.readString(draft, StandardCharsets.UTF_8));
        }
        Intake.Result r = Intake.complete(start, words);
        unplaced = r.unplaced();
        for (Intake.Unplaced u : r.where()) {
          System.err.println("scion: " + text + ": could not place " + u);
        }
        try {
          form = FormParser.parse(FormFormatter.format(r.form()));
        } catch (FormException e) {
          if (r.form().steps().isEmpty()) {
            throw new FormException(
                1,
                1,
                "the description says nobody approves; add who approves, e.g. 'first the team lead approves, then finance'");
          }
          throw e;
        }
      }
      String source = FormFormatter.format(form);
      if (!json) {
        System.out.print(source);
        return 0;
      }
      ObjectMapper m = new ObjectMapper();
      ObjectNode o = m.createObjectNode();
      o.put("source", source);
      o.set("form", FormCompiler.schema(form));
      o.set("flow", FormCompiler.flow(form));
      o.put("bpmn", BpmnWriter.write(form));
      ArrayNode u = o.putArray("unplaced");
      unplaced.forEach(u::add);
      System.out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(o));
      return 0;
    }
  }

  @Command(
      name = "photo",
      mixinStandardHelpOptions = true,
      description = {
        "Read a photo or scan of a paper form with Tesseract and print a draft in the form",
        "language: its title, its field labels, its check-box groups as choices. Then say in words",
        "which fields are required and who approves, and compile both with forms compile."
      })
  static final class Photo implements Callable<Integer> {
    @Option(names = "--image", required = true, description = "The image (PNG, JPEG, TIFF).")
    Path image;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(image)) {
        throw new ScionCommand.UsageException(image + " does not exist");
      }
      dev.scion.forms.PhotoIntake.Draft d = dev.scion.forms.PhotoIntake.read(image);
      System.out.print(dev.scion.forms.PhotoIntake.source(d));
      System.err.println(
          "scion: "
              + d.fields().size()
              + " fields read; add which are required and who approves, then run forms compile");
      return 0;
    }
  }

  /**
   * Where the workflow engine and the platform's records (the organisation directory) are kept: the
   * data folder's embedded H2, or the database of {@code --db-url}, as {@code scion serve}.
   */
  static final class Data {
    @Option(
        names = "--data",
        defaultValue = "${env:SCION_DATA:-scion-data}",
        description = "Data folder (default: ${DEFAULT-VALUE}); shared with scion serve.")
    Path data;

    @Option(
        names = "--db-url",
        defaultValue = "${env:SCION_DB_URL:-}",
        description =
            "JDBC URL of the platform database, as for scion serve (default: embedded H2 in the"
                + " data folder; env SCION_DB_URL).")
    String dbUrl;

    @Option(
        names = "--db-user",
        defaultValue = "${env:SCION_DB_USER:-}",
        description = "Database user (env SCION_DB_USER).")
    String dbUser;

    @Option(
        names = "--db-password",
        defaultValue = "${env:SCION_DB_PASSWORD:-}",
        description = "Database password (env SCION_DB_PASSWORD).")
    String dbPassword;

    private boolean embedded() {
      return dbUrl == null || dbUrl.isBlank();
    }

    dev.scion.forms.FormRuntime open() {
      progress("opening the forms engine");
      return embedded()
          ? dev.scion.forms.FormRuntime.inDataFolder(data)
          : dev.scion.forms.FormRuntime.open(dbUrl, dbUser, dbPassword);
    }

    /** The platform's records, where the organisation directory lives. */
    dev.scion.server.tenancy.Platform platform() {
      return embedded()
          ? dev.scion.server.tenancy.Platform.inDataFolder(data)
          : dev.scion.server.tenancy.Platform.open(dbUrl, dbUser, dbPassword);
    }

    /** The default tenant's directory, read into memory (the platform is closed after). */
    dev.scion.forms.Directory directory() {
      try (var p = platform()) {
        java.util.Map<String, dev.scion.forms.Directory.Person> people = new java.util.HashMap<>();
        p.directory()
            .people(dev.scion.server.tenancy.Platform.DEFAULT_TENANT)
            .forEach(x -> people.put(x.id(), x));
        return people::get;
      }
    }
  }

  /** One line on stderr while slow work runs, when a person watches a terminal. */
  static void progress(String what) {
    if (System.console() != null && System.console().isTerminal()) {
      System.err.println("scion: " + what + "…");
    }
  }

  @Command(
      name = "deploy",
      mixinStandardHelpOptions = true,
      description = "Deploy a form (form language file).")
  static final class Deploy implements Callable<Integer> {
    @picocli.CommandLine.Mixin Data data;

    @Option(names = "--form", required = true, description = "A file in the form language.")
    Path file;

    @Option(
        names = "--replace",
        description =
            "Replace a deployed form of the same name (a pack's form, say); new requests use the"
                + " new one, running requests finish on the old.")
    boolean replace;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(file)) {
        throw new ScionCommand.UsageException(file + " does not exist");
      }
      Form form = FormParser.parse(Files.readString(file, StandardCharsets.UTF_8));
      try (var rt = data.open()) {
        System.out.println(rt.deploy(form, replace));
      }
      return 0;
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start a request of a deployed form.")
  static final class Start implements Callable<Integer> {
    @picocli.CommandLine.Mixin Data data;

    @Option(names = "--form", required = true, description = "The form's key (printed by deploy).")
    String key;

    @Option(names = "--applicant", required = true, description = "Who asks.")
    String applicant;

    @Option(
        names = "--manager",
        description = "The applicant's manager (default: their manager in the directory).")
    String manager;

    @Option(names = "--values", required = true, description = "The data, as a JSON object.")
    String values;

    @Override
    public Integer call() throws Exception {
      java.util.Map<String, Object> map;
      try {
        map =
            new ObjectMapper()
                .readValue(values, new com.fasterxml.jackson.core.type.TypeReference<>() {});
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new ScionCommand.UsageException(
            "--values is not a JSON object: " + e.getOriginalMessage());
      }
      if (manager == null) {
        manager = data.directory().manager(applicant);
      }
      try (var rt = data.open()) {
        Form form = rt.form(key);
        if (form == null) {
          throw new ScionCommand.UsageException(
              "no form '" + key + "' is deployed; deploy it with: scion forms deploy");
        }
        System.out.println(rt.start(form, applicant, manager, map));
      }
      return 0;
    }
  }

  @Command(
      name = "tasks",
      mixinStandardHelpOptions = true,
      description = "List the tasks a user may act on.")
  static final class Tasks implements Callable<Integer> {
    @picocli.CommandLine.Mixin Data data;

    @Option(names = "--user", required = true, description = "The user.")
    String user;

    @Option(
        names = "--groups",
        split = ",",
        description = "The user's groups (default: their roles in the directory).")
    java.util.List<String> groups;

    @Override
    public Integer call() {
      if (groups == null) {
        groups = data.directory().roles(user);
      }
      try (var rt = data.open()) {
        for (var p : rt.tasks(user, groups)) {
          System.out.println(p.id() + "\t" + p.step() + "\t" + p.request());
        }
      }
      return 0;
    }
  }

  @Command(
      name = "decide",
      mixinStandardHelpOptions = true,
      description = {
        "Approve, reject (sent back where the form says), delegate or add a signer to a task, as",
        "USER: accepted only when the task is theirs or their role's (their roles come from the",
        "directory: forms directory add|import). Prints the outcome."
      })
  static final class Decide implements Callable<Integer> {
    @picocli.CommandLine.Mixin Data data;

    @Option(names = "--task", required = true, description = "The task id (from forms tasks).")
    String task;

    @Option(
        names = {"--as", "--user"},
        required = true,
        description = "Who decides; checked against the task's assignee and roles.")
    String user;

    @Option(
        names = "--action",
        required = true,
        description = "approve, reject, delegate or add-signer.")
    String action;

    @Option(names = "--comment", description = "A comment for the audit trail.")
    String comment;

    @Option(
        names = "--to",
        description = "For delegate: who takes the task; for add-signer: who signs too.")
    String to;

    @Override
    public Integer call() {
      if (!java.util.List.of("approve", "reject", "delegate", "add-signer").contains(action)) {
        throw new ScionCommand.UsageException(
            "unknown --action " + action + "; use approve, reject, delegate or add-signer");
      }
      if ((action.equals("delegate") || action.equals("add-signer")) && to == null) {
        throw new ScionCommand.UsageException(action + " needs --to");
      }
      java.util.List<String> roles = data.directory().roles(user);
      try (var rt = data.open()) {
        var open = rt.task(task);
        if (open == null) {
          throw new ScionCommand.UsageException(
              "no open task "
                  + task
                  + "; list the tasks of a user with: scion forms tasks --user U");
        }
        switch (action) {
          case "approve" -> rt.approve(task, user, roles, comment);
          case "reject" -> rt.reject(task, user, roles, comment);
          case "delegate" -> rt.delegate(task, user, roles, to);
          default -> rt.addSigner(task, user, roles, to);
        }
        System.out.println(outcome(rt, open, user, action, to));
      }
      return 0;
    }

    /** "approved task 12 (finance) as ana; request 5: running, waiting for role hr". */
    private static String outcome(
        dev.scion.forms.FormRuntime rt,
        dev.scion.forms.FormRuntime.Pending open,
        String user,
        String action,
        String to) {
      String done =
          switch (action) {
            case "approve" -> "approved";
            case "reject" -> "rejected";
            case "delegate" -> "delegated to " + to;
            default -> "added signer " + to + " to";
          };
      String status = rt.status(open.request());
      String line =
          done
              + " task "
              + open.id()
              + " ("
              + open.step()
              + ") as "
              + user
              + "; request "
              + open.request()
              + ": "
              + status;
      java.util.List<String> waiting =
          rt.audit(open.request()).stream().filter(a -> a.contains(" waiting for ")).toList();
      return waiting.isEmpty() ? line : line + ", " + String.join("; ", waiting);
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "A request's status and audit trail.")
  static final class Status implements Callable<Integer> {
    @picocli.CommandLine.Mixin Data data;

    @Option(
        names = "--request",
        required = true,
        description = "The request id (from forms start).")
    String request;

    @Override
    public Integer call() {
      try (var rt = data.open()) {
        System.out.println(rt.status(request));
        rt.audit(request).forEach(a -> System.out.println("  " + a));
      }
      return 0;
    }
  }
}
