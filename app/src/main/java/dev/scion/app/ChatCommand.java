package dev.scion.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scion.dialog.DialogEngine;
import dev.scion.dialog.DialogState;
import dev.scion.dialog.Pack;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scion chat}: talk to an industry pack, one user turn per line of standard input. */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description = {
      "Talk to an industry pack: each line of standard input is a user turn; each reply is printed.",
      "With --json, one JSON object per turn: user, reply, intents and the dialogue state.",
      "With SCION_LLM_BASE_URL (and SCION_LLM_MODEL, SCION_LLM_API_KEY) set, a model phrases the",
      "replies, from their facts only."
    })
final class ChatCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--pack", required = true, description = "The pack, e.g. ota-hotel.")
  String pack;

  @Option(names = "--today", description = "The date relative dates are read against (YYYY-MM-DD).")
  String today;

  @Option(names = "--json", description = "Print one JSON object per turn.")
  boolean json;

  @Option(
      names = "--data",
      defaultValue = "${env:SCION_DATA:-scion-data}",
      description =
          "Where the pack's models, database and knowledge base are kept (default: ${DEFAULT-VALUE}).")
  Path data;

  @Override
  public Integer call() throws Exception {
    LocalDate day;
    try {
      day = today == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(today);
    } catch (DateTimeParseException e) {
      throw new ScionCommand.UsageException("--today " + today + " is not a date; use YYYY-MM-DD");
    }
    Path dir = Pack.packsFolder().resolve(pack);
    if (!Files.isDirectory(dir)) {
      throw new ScionCommand.UsageException("no pack named " + pack + " in " + Pack.packsFolder());
    }
    var llm =
        dev.scion.models.LlmConfig.fromEnvironment(System.getenv())
            .map(c -> new dev.scion.models.ChatClient(c, java.time.Duration.ofSeconds(60)))
            .orElse(null);
    try (Pack p = Pack.open(dir, data, System.err::println, llm)) {
      DialogState state = p.newConversation("cli-" + System.nanoTime());
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        DialogEngine.Turn t = p.turn(state, line, day);
        if (json) {
          System.out.println(JSON.writeValueAsString(t.toJson()));
        } else {
          System.out.println(t.reply());
        }
        System.out.flush();
      }
      return 0;
    }
  }
}
