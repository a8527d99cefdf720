package dev.scion.server.tenancy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each tenant's requests, tokens, refusals for limits and errors per minute in memory, and
 * adds them to the platform database every few seconds (and before each read, and at close).
 */
final class UsageMeter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("scion.usage");

  private record Slot(String tenant, long minute) {}

  /** A minute's counts, changed only inside the map's compute (which serialises them). */
  private static final class Counts {
    long requests;
    long tokens;
    long limited;
    long errors;
  }

  private final Platform platform;
  private final Map<Slot, Counts> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "scion-usage");
            t.setDaemon(true);
            return t;
          });

  UsageMeter(Platform platform) {
    this.platform = platform;
    flusher.scheduleWithFixedDelay(this::flushQuietly, 5, 5, TimeUnit.SECONDS);
  }

  void record(String tenant, int status, long tokens) {
    // counted inside compute, atomically with the removal in flush, so no count is lost
    pending.compute(
        new Slot(tenant, System.currentTimeMillis() / 60_000),
        (s, c) -> {
          Counts n = c == null ? new Counts() : c;
          n.requests++;
          n.tokens += tokens;
          if (status == 429) {
            n.limited++;
          } else if (status >= 400) {
            n.errors++;
          }
          return n;
        });
  }

  /** Drops a deleted tenant's counts not yet written. */
  synchronized void forget(String tenant) {
    pending.keySet().removeIf(s -> s.tenant().equals(tenant));
  }

  /** A tenant's minutes since {@code sinceMinute}, including what is not yet written. */
  List<Platform.Minute> minutes(String tenant, long sinceMinute) {
    flush();
    return platform.usage(tenant, sinceMinute);
  }

  /**
   * Adds the counts to the database; counts that could not be written are kept for the next flush
   * (and the failure thrown).
   */
  synchronized void flush() {
    for (Slot s : List.copyOf(pending.keySet())) {
      Counts c = pending.remove(s);
      if (c == null) {
        continue;
      }
      try {
        platform.addUsage(
            s.tenant(), new Platform.Minute(s.minute(), c.requests, c.tokens, c.limited, c.errors));
      } catch (RuntimeException e) {
        pending.merge(s, c, UsageMeter::sum);
        throw e;
      }
    }
  }

  /** Counts recorded meanwhile, with the counts given back by a failed write. */
  private static Counts sum(Counts a, Counts b) {
    Counts n = new Counts();
    n.requests = a.requests + b.requests;
    n.tokens = a.tokens + b.tokens;
    n.limited = a.limited + b.limited;
    n.errors = a.errors + b.errors;
    return n;
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("usage not written yet: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    flusher.shutdown();
    flush();
  }
}
