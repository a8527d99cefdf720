package dev.scion.datakit;

import java.util.ArrayList;
import java.util.List;

/**
 * What to do with input lines that are not a JSON object with a string {@code text}: skip them and
 * report them (the default), or stop at the first one.
 */
public final class BadLines {
  /** How many bad lines a report lists by number; the rest are only counted. */
  public static final int LISTED = 20;

  /** One bad line: its number in the file (from 1) and what is wrong with it. */
  public record Bad(long line, String reason) {}

  private final boolean fatal;
  private final List<Bad> listed = new ArrayList<>();
  private long count;

  private BadLines(boolean fatal) {
    this.fatal = fatal;
  }

  public static BadLines skip() {
    return new BadLines(false);
  }

  public static BadLines fail() {
    return new BadLines(true);
  }

  void report(String file, long line, String reason) {
    if (fatal) {
      throw new DataException(
          file + ":" + line + ": " + reason + " (fix the line, or pass --bad-lines skip)");
    }
    count++;
    if (listed.size() < LISTED) {
      listed.add(new Bad(line, reason));
    }
  }

  public long count() {
    return count;
  }

  public List<Bad> listed() {
    return List.copyOf(listed);
  }
}
