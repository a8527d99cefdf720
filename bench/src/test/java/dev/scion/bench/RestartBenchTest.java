package dev.scion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartBenchTest {
  @Test
  void everyAcknowledgedPointIsFoundAfterTheCrashWhateverTheThreshold() throws Exception {
    long seed = 7;
    System.err.println("RestartBenchTest seed " + seed);
    JsonNode report =
        RestartBench.run(
            1200,
            32,
            List.of(64L << 10, 64L << 20),
            1,
            seed,
            new PrintStream(System.err, true, StandardCharsets.UTF_8));
    JsonNode small = report.get("results").get(0);
    JsonNode large = report.get("results").get(1);
    assertEquals(1200, small.get("points_found_min").asLong(), small.toString());
    assertEquals(1200, large.get("points_found_min").asLong(), large.toString());
    // checkpoints run in the background, so a crash may come before one: never more log, though
    assertTrue(
        small.get("log_bytes_left").asLong() <= large.get("log_bytes_left").asLong(),
        report.toString());
    assertTrue(small.get("reopen_seconds_median").asDouble() > 0);
  }
}
