package dev.scion.server.tenancy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key limits on requests and tokens per minute, as token buckets that refill continuously at
 * the minute's rate. A key may burst up to ten seconds' allowance (at least 10, or its whole minute
 * when that is less), so that no key can spend its minute in one blow while others wait. Tokens are
 * charged after the response (their count is known only then), so a key may run into debt and wait
 * it off.
 */
final class RateLimiter {
  private final Map<String, Bucket> requests = new ConcurrentHashMap<>();
  private final Map<String, Bucket> tokens = new ConcurrentHashMap<>();

  /**
   * Takes one request from the key's allowance; 0 when allowed, otherwise the seconds to wait
   * (rounded up, at least 1).
   */
  long admit(Platform.Key key) {
    long now = System.nanoTime();
    if (key.tokensPerMinute() > 0) {
      double wait = bucket(tokens, key.id(), key.tokensPerMinute()).waitForPositive(now);
      if (wait > 0) {
        return seconds(wait);
      }
    }
    if (key.requestsPerMinute() > 0) {
      double wait = bucket(requests, key.id(), key.requestsPerMinute()).take(now, 1);
      if (wait > 0) {
        return seconds(wait);
      }
    }
    return 0;
  }

  /** Charges the tokens a response used. */
  void charge(Platform.Key key, long used) {
    if (key.tokensPerMinute() > 0 && used > 0) {
      bucket(tokens, key.id(), key.tokensPerMinute()).force(System.nanoTime(), used);
    }
  }

  private static long seconds(double wait) {
    return Math.max(1, (long) Math.ceil(wait));
  }

  private static Bucket bucket(Map<String, Bucket> map, String id, int perMinute) {
    return map.computeIfAbsent(id, k -> new Bucket(perMinute));
  }

  /** A token bucket holding up to a minute's allowance. */
  private static final class Bucket {
    private final double capacity;
    private final double perNano;
    private double level;
    private long last;

    Bucket(int perMinute) {
      this.capacity = Math.max(perMinute / 6.0, Math.min(perMinute, 10));
      this.perNano = perMinute / 60e9;
      this.level = capacity;
      this.last = System.nanoTime();
    }

    private void refill(long now) {
      if (now > last) { // a time read before the bucket was made is not earlier than its start
        level = Math.min(capacity, level + (now - last) * perNano);
        last = now;
      }
    }

    /** Takes n if there are n; otherwise takes nothing and gives the seconds until there are. */
    synchronized double take(long now, double n) {
      refill(now);
      if (level >= n) {
        level -= n;
        return 0;
      }
      return (n - level) / perNano / 1e9;
    }

    /** The seconds until the level is above zero (0 when it is). */
    synchronized double waitForPositive(long now) {
      refill(now);
      return level > 0 ? 0 : (-level + 1e-9) / perNano / 1e9;
    }

    /** Takes n even into debt. */
    synchronized void force(long now, double n) {
      refill(now);
      level -= n;
    }
  }
}
