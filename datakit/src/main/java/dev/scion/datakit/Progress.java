package dev.scion.datakit;

import java.io.PrintStream;
import java.util.Locale;

/** Progress of a long pass over the input, a line every few seconds on standard error. */
public final class Progress {
  private static final long EVERY_NANOS = 3_000_000_000L;

  private final PrintStream out;
  private String step = "";
  private long started;
  private long last;

  private Progress(PrintStream out) {
    this.out = out;
  }

  public static Progress to(PrintStream out) {
    return new Progress(out);
  }

  public static Progress silent() {
    return new Progress(null);
  }

  /** Starts a named pass. */
  public void start(String name) {
    step = name;
    started = System.nanoTime();
    last = started;
  }

  void update(long lines, long bytes) {
    if (out == null || (lines & 1023) != 0) {
      return;
    }
    long now = System.nanoTime();
    if (now - last >= EVERY_NANOS) {
      last = now;
      double s = (now - started) / 1e9;
      out.printf(
          Locale.ROOT,
          "%s: %,d lines, %.1f MB (%.1f MB/s)%n",
          step,
          lines,
          bytes / 1e6,
          bytes / 1e6 / s);
    }
  }

  /** A free-form line, for steps that do not read lines. */
  public void note(String line) {
    if (out != null) {
      out.println(step.isEmpty() ? line : step + ": " + line);
    }
  }
}
