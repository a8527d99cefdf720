package dev.scion.app;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code scion <command> ...}. */
@Command(
    name = "scion",
    mixinStandardHelpOptions = true,
    versionProvider = ScionCommand.Version.class,
    description = "Scion: an industry-model platform for the JVM.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      NluCommand.class,
      DataCommand.class,
      KbCommand.class,
      ChatCommand.class,
      PackCommand.class,
      DialogCommand.class,
      FormsCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ScionCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Lucene announces its SIMD support on standard error at first use; keep the console quiet. */
  private static final java.util.logging.Logger LUCENE_VECTORS =
      java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

  public static void main(String[] args) {
    LUCENE_VECTORS.setLevel(java.util.logging.Level.WARNING);
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (0 ok, 1 failure, 2 bad usage). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new ScionCommand());
    cli.setParameterExceptionHandler(
        (e, a) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println(
              "scion: "
                  + e.getMessage()
                  + " (see: "
                  + e.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help)");
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (e, c, p) -> {
          if (e instanceof UsageException) {
            c.getErr().println("scion: " + e.getMessage());
            return 2;
          }
          c.getErr().println("scion: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
          if (System.getenv("SCION_DEBUG") != null) {
            e.printStackTrace(c.getErr()); // SCION_DEBUG=1: where it went wrong, for a bug report
          }
          return 1;
        });
    return cli.execute(args);
  }

  /** Bad usage found while running (a missing file, an unknown data set): exit code 2. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ScionCommand.class.getPackage().getImplementationVersion();
      return new String[] {"scion " + (v == null ? "dev" : v) + " on Java " + Runtime.version()};
    }
  }
}
