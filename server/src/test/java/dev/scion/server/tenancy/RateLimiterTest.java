package dev.scion.server.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits answer alike whether their buckets live in this process (embedded H2) or in
 * PostgreSQL, and on PostgreSQL two platforms on one database draw from one bucket.
 */
class RateLimiterTest {
  @TempDir Path dir;

  private static Platform.Key key(String id, int requestsPerMinute, int tokensPerMinute) {
    return new Platform.Key(
        id,
        "default",
        id,
        List.of(),
        List.of(),
        requestsPerMinute,
        tokensPerMinute,
        Instant.now(),
        null,
        true);
  }

  @Test
  void inProcessOnH2() {
    try (Platform p = Platform.inDataFolder(dir)) {
      assertTrue(!p.limiter().shared());
      checkLimits(p.limiter(), p.limiter());
    }
  }

  @Test
  void sharedOnPostgresAcrossTwoPlatforms() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      try (Platform a = Platform.open(url, "postgres", "postgres");
          Platform b = Platform.open(url, "postgres", "postgres")) {
        assertTrue(a.limiter().shared());
        checkLimits(a.limiter(), b.limiter());
      }
    }
  }

  @Test
  void aSharedBucketCostsOneShortTransactionPerRequest() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      try (Platform a = Platform.open(url, "postgres", "postgres");
          Platform b = Platform.open(url, "postgres", "postgres")) {
        Platform.Key k = key("key_busy", 10_000_000, 0);
        int warmup = 200;
        int n = 2000;
        for (int i = 0; i < warmup; i++) {
          assertEquals(0, a.limiter().admit(k));
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
          assertEquals(0, (i % 2 == 0 ? a : b).limiter().admit(k));
        }
        double ms = (System.nanoTime() - start) / 1e6 / n;
        System.out.printf(
            java.util.Locale.ROOT,
            "[limits] shared bucket on PostgreSQL: %.3f ms per admitted request (%d, one thread,"
                + " two platforms)%n",
            ms,
            n);
        assertTrue(ms < 50, ms + " ms per request");
      }
    }
  }

  /** The same key's requests go to {@code one} and {@code other} in turn. */
  private static void checkLimits(RateLimiter one, RateLimiter other) {
    // a burst of ten seconds' allowance, at least 10 or the whole minute when that is less
    assertBurst(one, other, key("key_three", 3, 0), 3, 20);
    assertBurst(one, other, key("key_sixty", 60, 0), 10, 1);
    assertBurst(one, other, key("key_120", 120, 0), 20, 1);

    // tokens are charged after the answer, into debt, and the key waits its debt off
    Platform.Key thrifty = key("key_thrifty", 0, 20);
    assertEquals(0, one.admit(thrifty));
    other.charge(thrifty, 30); // 10 in the bucket, 30 used: 20 in debt, a minute at 20 a minute
    long wait = one.admit(thrifty);
    assertTrue(wait >= 60 && wait <= 61, "Retry-After " + wait);

    one.forget(List.of("key_three"));
    assertEquals(0, other.admit(key("key_three", 3, 0)), "a forgotten key's bucket starts full");
  }

  private static void assertBurst(
      RateLimiter one, RateLimiter other, Platform.Key k, int burst, long retryAfter) {
    long start = System.nanoTime();
    int admitted = 0;
    long refused = 0;
    for (int i = 0; i < burst + 5; i++) {
      long wait = (i % 2 == 0 ? one : other).admit(k);
      if (wait == 0) {
        admitted++;
      } else if (refused == 0) {
        refused = wait;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int bound = burst + (int) Math.floor(seconds * k.requestsPerMinute() / 60.0);
    assertTrue(
        admitted >= burst && admitted <= bound,
        k.requestsPerMinute() + "/min: " + admitted + " admitted in " + seconds + " s");
    assertEquals(retryAfter, refused, "Retry-After at " + k.requestsPerMinute() + "/min");
  }
}
