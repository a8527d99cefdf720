package dev.scion.app;

import picocli.CommandLine.Command;

/** {@code scion bench ...}: side-by-side benchmarks. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Side-by-side benchmarks against peer systems.",
    subcommands = {})
final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
