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
    subcommands = ChatEvalCommand.class,
    description = {
      "Talk to an industry pack: each line of standard input is a user turn; each reply is printed.",
      "With --json, one JSON object per turn: user, reply, intents and the dialogue state.",
      "With SCION_LLM_BASE_URL (and SCION_LLM_MODEL, SCION_LLM_API_KEY) set, a model phrases the",
      "replies, from their facts only.",
      "'scion chat eval' scores a pack on conversation stories."
    })
final class ChatCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--pack", description = "The pack, e.g. ota-hotel (required).")
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
    if (pack == null) {
      throw new ScionCommand.UsageException(
          "say which pack to talk to: scion chat --pack ota-hotel (or scion chat eval …)");
    }
    LocalDate day = today(today);
    try (Pack p = open(pack, data)) {
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

  /** The date of {@code --today}, or today in UTC when not given. */
  static LocalDate today(String today) {
    try {
      return today == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(today);
    } catch (DateTimeParseException e) {
      throw new ScionCommand.UsageException("--today " + today + " is not a date; use YYYY-MM-DD");
    }
  }

  /**
   * Opens a pack of the packs folder, its models and database kept under {@code data}; a language
   * model phrases its replies when SCION_LLM_BASE_URL is set.
   */
  static Pack open(String pack, Path data) {
    Path dir = Pack.packsFolder().resolve(pack);
    if (!Files.isDirectory(dir)) {
      throw new ScionCommand.UsageException("no pack named " + pack + " in " + Pack.packsFolder());
    }
    var llm =
        dev.scion.models.LlmConfig.fromEnvironment(System.getenv())
            .map(c -> new dev.scion.models.ChatClient(c, java.time.Duration.ofSeconds(60)))
            .orElse(null);
    return Pack.open(dir, data, System.err::println, llm);
  }
}
