package dev.scion.server.tenancy;

import dev.scion.server.ApiException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Per-key limits on requests and tokens per minute, as token buckets (Bucket4j) that refill
 * continuously at the minute's rate. A key may burst up to ten seconds' allowance (at least 10, or
 * its whole minute when that is less), so that no key can spend its minute in one blow while others
 * wait. Tokens are charged after the response (their count is known only then), so a key may run
 * into debt and wait it off.
 *
 * <p>On PostgreSQL the buckets live in the platform database (table {@code scion_rate_buckets}, one
 * row per key and limit, updated under {@code SELECT … FOR UPDATE}), so every server on that
 * database draws from the same bucket: two nodes let a key through no more than one would. Their
 * clocks must agree (NTP), as the buckets refill by the clock of the node that touches them.
 * Elsewhere (the data folder's embedded H2) the buckets live in this process.
 */
final class RateLimiter {
  /**
   * Units a bucket counts per request or token: a sixth of a minute's allowance is then a whole
   * number of units, so that the burst is exactly ten seconds' worth.
   */
  private static final long UNITS = 6;

  private static final String TABLE = "scion_rate_buckets";

  private final ProxyManager<String> shared;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private RateLimiter(ProxyManager<String> shared) {
    this.shared = shared;
  }

  /** Buckets in this process only. */
  static RateLimiter inProcess() {
    return new RateLimiter(null);
  }

  /** Buckets in a PostgreSQL database, shared by every server on it; creates their table. */
  static RateLimiter sharedIn(DataSource postgres) {
    try (Connection c = postgres.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS " + TABLE + " (id VARCHAR(40) PRIMARY KEY, state BYTEA)");
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
    return new RateLimiter(
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(postgres)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table(TABLE)
            .idColumn("id")
            .stateColumn("state")
            .build());
  }

  /** Whether the buckets are shared through the database. */
  boolean shared() {
    return shared != null;
  }

  /**
   * Takes one request from the key's allowance; 0 when allowed, otherwise the seconds to wait
   * (rounded up, at least 1).
   */
  long admit(Platform.Key key) {
    try {
      if (key.tokensPerMinute() > 0) {
        EstimationProbe p = tokens(key).estimateAbilityToConsume(1);
        if (!p.canBeConsumed()) {
          return seconds(p.getNanosToWaitForRefill());
        }
      }
      if (key.requestsPerMinute() > 0) {
        ConsumptionProbe p = requests(key).tryConsumeAndReturnRemaining(UNITS);
        if (!p.isConsumed()) {
          return seconds(p.getNanosToWaitForRefill());
        }
      }
      return 0;
    } catch (RuntimeException e) {
      throw unavailable(e);
    }
  }

  /** Charges the tokens a response used, even into debt. */
  void charge(Platform.Key key, long used) {
    if (key.tokensPerMinute() > 0 && used > 0) {
      tokens(key).consumeIgnoringRateLimits(Math.multiplyExact(used, UNITS));
    }
  }

  /** Drops the buckets of keys that are gone (revoked, or their tenant deleted). */
  void forget(Collection<String> keyIds) {
    for (String id : keyIds) {
      for (String bucket : new String[] {id + ":r", id + ":t"}) {
        buckets.remove(bucket);
        if (shared != null) {
          shared.removeProxy(bucket);
        }
      }
    }
  }

  /** Drops this process's handles of buckets whose keys are not among the live ones. */
  void retain(Collection<String> liveKeyIds) {
    buckets.keySet().removeIf(b -> !liveKeyIds.contains(b.substring(0, b.lastIndexOf(':'))));
  }

  private Bucket requests(Platform.Key key) {
    return bucket(key.id() + ":r", key.requestsPerMinute());
  }

  private Bucket tokens(Platform.Key key) {
    return bucket(key.id() + ":t", key.tokensPerMinute());
  }

  private Bucket bucket(String id, int perMinute) {
    return buckets.computeIfAbsent(
        id,
        k -> {
          BucketConfiguration config =
              BucketConfiguration.builder().addLimit(bandwidth(perMinute)).build();
          return shared == null
              ? Bucket.builder().addLimit(bandwidth(perMinute)).build()
              : shared.builder().build(k, () -> config);
        });
  }

  /** A minute's allowance refilling greedily, holding at most ten seconds' worth (at least 10). */
  static Bandwidth bandwidth(int perMinute) {
    long perMinuteUnits = perMinute * UNITS;
    long capacity = Math.max(perMinute, Math.min(perMinuteUnits, 10 * UNITS));
    return Bandwidth.builder()
        .capacity(capacity)
        .refillGreedy(perMinuteUnits, Duration.ofMinutes(1))
        .build();
  }

  private static long seconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  private static ApiException unavailable(RuntimeException e) {
    return new ApiException(
        503,
        "rate limits cannot be read from the platform database ("
            + e.getMessage()
            + "); retry shortly or check the database");
  }
}
