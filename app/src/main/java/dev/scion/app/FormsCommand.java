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

  /** Where the workflow engine keeps its tables. */
  static final class Data {
    @Option(
        names = "--data",
        defaultValue = "${env:SCION_DATA:-scion-data}",
        description = "Data folder (default: ${DEFAULT-VALUE}); shared with scion serve.")
    Path data;

    dev.scion.forms.FormRuntime open() {
      return dev.scion.forms.FormRuntime.inDataFolder(data);
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

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(file)) {
        throw new ScionCommand.UsageException(file + " does not exist");
      }
      Form form = FormParser.parse(Files.readString(file, StandardCharsets.UTF_8));
      try (var rt = data.open()) {
        System.out.println(rt.deploy(form));
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

    @Option(names = "--manager", description = "The applicant's manager.")
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

    @Option(names = "--groups", split = ",", description = "The user's groups (roles).")
    java.util.List<String> groups = java.util.List.of();

    @Override
    public Integer call() {
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
      description = "Approve, reject (sent back where the form says) or delegate a task.")
  static final class Decide implements Callable<Integer> {
    @picocli.CommandLine.Mixin Data data;

    @Option(names = "--task", required = true, description = "The task id (from forms tasks).")
    String task;

    @Option(names = "--user", required = true, description = "Who decides.")
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
      try (var rt = data.open()) {
        switch (action) {
          case "approve" -> rt.approve(task, user, comment);
          case "reject" -> rt.reject(task, user, comment);
          case "delegate" -> {
            if (to == null) {
              throw new ScionCommand.UsageException("delegate needs --to");
            }
            rt.delegate(task, user, to);
          }
          case "add-signer" -> {
            if (to == null) {
              throw new ScionCommand.UsageException("add-signer needs --to");
            }
            rt.addSigner(task, user, to);
          }
          default ->
              throw new ScionCommand.UsageException(
                  "unknown --action " + action + "; use approve, reject, delegate or add-signer");
        }
      }
      return 0;
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
