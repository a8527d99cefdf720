package dev.scion.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scion pack train|versions|promote|rollback}: a tenant's versions of a pack's understanding
 * model, on a running server ({@code --url}, with the tenant's key {@code --key}). The server keeps
 * them; these commands call its {@code /packs/{pack}/...} routes.
 */
final class PackVersionsCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PackVersionsCommand() {}

  /** Where the server is and whose key to send. */
  static final class Server {
    @Option(
        names = "--url",
        description = "The server (default: env SCION_URL, or http://127.0.0.1:8080).")
    String url;

    @Option(
        names = "--key",
        description = "The tenant's API key (default: env SCION_API_KEY; none on an open server).")
    String key;

    private final HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    String base() {
      String u = url != null ? url : System.getenv("SCION_URL");
      u = u == null || u.isBlank() ? "http://127.0.0.1:8080" : u.strip();
      return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** Calls the server; a non-2xx answer ends the command with the server's message. */
    JsonNode call(String method, String path) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base() + path))
              .timeout(Duration.ofSeconds(60))
              .method(method, HttpRequest.BodyPublishers.noBody());
      String k = key != null ? key : System.getenv("SCION_API_KEY");
      if (k != null && !k.isBlank()) {
        b.header("api-key", k.strip());
      }
      HttpResponse<String> r;
      try {
        r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new ScionCommand.UsageException(
            "cannot reach the server at "
                + base()
                + " ("
                + e.getMessage()
                + "); start it with scion serve, or give --url");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
      JsonNode body;
      try {
        body = JSON.readTree(r.body());
      } catch (IOException e) {
        body = null;
      }
      if (r.statusCode() / 100 != 2) {
        String message =
            body == null ? r.body() : body.path("status").path("error").asText(r.body());
        throw new IllegalStateException("the server answered " + r.statusCode() + ": " + message);
      }
      return body;
    }
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = {
        "Train a new version of a pack's understanding model on the server, from the pack's",
        "examples and the tenant's reviewed ones (POST /packs/PACK/examples). Prints the",
        "version; with --wait, its progress and then its evaluation beside the serving one."
      })
  static final class Train implements Callable<Integer> {
    @Parameters(paramLabel = "PACK", description = "The pack, e.g. ota-hotel.")
    String pack;

    @Option(names = "--wait", description = "Wait until the version is ready, showing progress.")
    boolean waitForIt;

    @Mixin Server server;

    @Override
    public Integer call() throws InterruptedException {
      JsonNode made = server.call("POST", "/packs/" + pack + "/train");
      String version = made.get("version").asText();
      System.out.println(pack + " " + version + ": queued");
      if (!waitForIt) {
        System.out.println("follow it with: scion pack versions " + pack + " " + version);
        return 0;
      }
      String said = "";
      while (true) {
        JsonNode v = server.call("GET", "/packs/" + pack + "/versions/" + version);
        String line =
            String.format(
                Locale.ROOT,
                "%s %s: %s %3.0f%% %s",
                pack,
                version,
                v.get("status").asText(),
                100 * v.get("progress").asDouble(),
                v.get("stage").asText());
        if (!line.equals(said)) {
          System.err.println(line);
          said = line;
        }
        String status = v.get("status").asText();
        if (status.equals("ready") || status.equals("failed")) {
          printEvaluation(v);
          return status.equals("ready") ? 0 : 1;
        }
        Thread.sleep(1000);
      }
    }
  }

  @Command(
      name = "versions",
      mixinStandardHelpOptions = true,
      description = {
        "List a tenant's versions of a pack's model on the server, the serving one marked *;",
        "with a VERSION, that version's status and evaluation."
      })
  static final class Versions implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PACK", description = "The pack, e.g. ota-hotel.")
    String pack;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "VERSION",
        description = "One version (v1, v2, ... or base).")
    String version;

    @Option(names = "--json", description = "Print the server's JSON.")
    boolean json;

    @Mixin Server server;

    @Override
    public Integer call() {
      JsonNode v =
          server.call(
              "GET", "/packs/" + pack + "/versions" + (version == null ? "" : "/" + version));
      if (json) {
        System.out.println(v.toPrettyString());
        return 0;
      }
      if (version != null) {
        System.out.println(
            pack + " " + v.get("version").asText() + ": " + v.get("status").asText());
        printEvaluation(v);
        return 0;
      }
      System.out.println(pack + ": serving " + v.get("serving").asText());
      System.out.println((v.get("serving").asText().equals("base") ? "* " : "  ") + "base");
      for (JsonNode x : v.get("versions")) {
        System.out.println(
            String.format(
                Locale.ROOT,
                "%s %-5s %-8s %3.0f%%  %d reviewed examples  %s",
                x.get("serving").asBoolean() ? "*" : " ",
                x.get("version").asText(),
                x.get("status").asText(),
                100 * x.get("progress").asDouble(),
                x.get("reviewed_examples").asInt(),
                x.get("created").asText()));
      }
      return 0;
    }
  }

  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description = {
        "Make a ready version serve the tenant's chats of a pack, at once and with no restart;",
        "base promotes the pack's own model."
      })
  static final class Promote implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PACK", description = "The pack, e.g. ota-hotel.")
    String pack;

    @Parameters(
        index = "1",
        paramLabel = "VERSION",
        description = "The version: v1, v2, ... or base.")
    String version;

    @Mixin Server server;

    @Override
    public Integer call() {
      JsonNode r = server.call("POST", "/packs/" + pack + "/versions/" + version + "/promote");
      System.out.println(
          pack
              + ": serving "
              + r.get("serving").asText()
              + " (was "
              + r.get("previous").asText()
              + ")");
      return 0;
    }
  }

  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = "Undo the latest promotion: the version that served before serves again.")
  static final class Rollback implements Callable<Integer> {
    @Parameters(paramLabel = "PACK", description = "The pack, e.g. ota-hotel.")
    String pack;

    @Mixin Server server;

    @Override
    public Integer call() {
      JsonNode r = server.call("POST", "/packs/" + pack + "/rollback");
      System.out.println(
          pack
              + ": serving "
              + r.get("serving").asText()
              + " ("
              + r.get("rolled_back").asText()
              + " rolled back)");
      return 0;
    }
  }

  /** A version's evaluation beside the serving version's, when it has one. */
  static void printEvaluation(JsonNode v) {
    JsonNode e = v.get("evaluation");
    if (e == null) {
      if (v.get("status").asText().equals("failed")) {
        System.out.println("  " + v.get("stage").asText());
      }
      return;
    }
    for (String which : new String[] {"this", "serving"}) {
      JsonNode x = e.get(which);
      if (x == null) {
        continue;
      }
      JsonNode s = x.path("stories");
      JsonNode r = x.path("reviewed");
      System.out.println(
          String.format(
              Locale.ROOT,
              "  %-5s stories: %d/%d turns right (%.3f); reviewed examples: %d/%d intents right,"
                  + " %d/%d with slots",
              x.path("version").asText(),
              s.path("turns_right").asInt(),
              s.path("turns").asInt(),
              s.path("turn_accuracy").asDouble(),
              r.path("intents_right").asInt(),
              r.path("examples").asInt(),
              r.path("all_right").asInt(),
              r.path("examples").asInt()));
    }
  }
}
