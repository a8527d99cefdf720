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
    subcommands = {FormsCommand.Compile.class, FormsCommand.Photo.class})
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
        Intake.Result r = Intake.draft(words);
        unplaced = r.unplaced();
        for (String u : unplaced) {
          System.err.println("scion: could not place: " + u);
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
}
