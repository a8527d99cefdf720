package dev.scion.nlu;

/** Where training reports its progress, one line at a time. */
@FunctionalInterface
public interface TrainingProgress {
  void report(String line);
}
