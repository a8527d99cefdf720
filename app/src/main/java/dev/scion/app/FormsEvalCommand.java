package dev.scion.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.forms.FormsEval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scion forms eval}: scores the plain-words intake on cases. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Score the plain-words intake on cases: a JSON array of {id, lang, text, expect}, where",
      "expect lists the fields (name, required, type, options) and the steps (approvers, mode,",
      "when) the form must have, and optionally on_reject and copy_to; null parts are not checked.",
      "A case is right when all its checked parts are right. Prints the accuracy per case and per",
      "part, and the cases that are wrong."
    })
final class FormsEvalCommand implements Callable<Integer> {
  @Option(names = "--cases", required = true, description = "The cases (a JSON file).")
  Path cases;

  @Option(
      names = "--json",
      description = "Print {cases, right, accuracy, parts, by_lang, failures} as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(cases)) {
      throw new ScionCommand.UsageException(
          cases + " does not exist; give a JSON file of cases with --cases");
    }
    System.err.println("scion: reading the cases of " + cases + " with the intake model");
    ObjectNode r = FormsEval.run(cases);
    ObjectMapper m = new ObjectMapper();
    if (json) {
      System.out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(r));
      return 0;
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "%d of %d cases right (%.3f)",
            r.get("right").asInt(),
            r.get("cases").asInt(),
            r.get("accuracy").asDouble()));
    r.get("by_lang")
        .properties()
        .forEach(
            e ->
                System.out.println(
                    String.format(
                        Locale.ROOT,
                        "  %-4s %d of %d",
                        e.getKey(),
                        e.getValue().get("right").asInt(),
                        e.getValue().get("cases").asInt())));
    r.get("parts")
        .properties()
        .forEach(
            e ->
                System.out.println(
                    String.format(
                        Locale.ROOT, "  %-15s %.3f", e.getKey(), e.getValue().asDouble())));
    for (JsonNode f : r.get("failures")) {
      System.out.println(f.get("id").asText() + ": " + String.join("; ", texts(f.get("problems"))));
    }
    return 0;
  }

  private static java.util.List<String> texts(JsonNode a) {
    java.util.List<String> out = new java.util.ArrayList<>();
    a.forEach(x -> out.add(x.asText()));
    return out;
  }
}
