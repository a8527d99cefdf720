package dev.scion.app;

import dev.scion.server.ScionServer;
import dev.scion.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scion serve}: the platform without demo data. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Start the Scion server (vector, OpenAI-compatible, knowledge and forms APIs; the web"
            + " console; tenants and keys) until interrupted; settings: docs/configuration.md.")
final class ServeCommand implements Callable<Integer> {
  @Mixin ServeOptions options;

  @Option(
      names = "--pack",
      arity = "1..*",
      description =
          "Dialogue packs to serve, from packs/<name> (default: every pack installed in packs/).")
  List<String> packs = List.of();

  @Override
  public Integer call() throws InterruptedException {
    List<Path> dirs = new java.util.ArrayList<>();
    if (packs.isEmpty()) {
      dirs.addAll(dev.scion.dialog.Pack.installed());
    }
    for (String pack : packs) {
      Path dir = dev.scion.dialog.Pack.packsFolder().resolve(pack);
      if (!Files.isDirectory(dir)) {
        throw new ScionCommand.UsageException(
            "pack '"
                + pack
                + "' not found under "
                + dev.scion.dialog.Pack.packsFolder()
                + "; list them with: ls packs");
      }
      dirs.add(dir);
    }
    ServerConfig config = options.toConfig().withPacks(dirs);
    runUntilInterrupted(ScionServer.start(config), config.host());
    return 0;
  }

  static void runUntilInterrupted(ScionServer server, String host) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                null,
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "scion-shutdown"));
    String shown = host.contains(":") ? "[" + host + "]" : host;
    System.out.println(
        "Scion is running at http://" + shown + ":" + server.port() + "/  (Ctrl-C to stop)");
    System.out.println(
        "  vector API (Qdrant-compatible): http://" + shown + ":" + server.port() + "/collections");
    System.out.println("  console: http://" + shown + ":" + server.port() + "/console/");
    System.out.println("  health: http://" + shown + ":" + server.port() + "/health/ready");
    System.out.flush();
    stopped.await();
  }
}
