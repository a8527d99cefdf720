package dev.scion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class LoadBenchTest {
  @Test
  void readsWrksReport() {
    String out =
        """
        Running 2s test @ http://127.0.0.1:1/x
          1 threads and 4 connections
          Latency Distribution
             50%  652.00us
             75%    1.10ms
             90%    2.50ms
             99%    1.20s
          4262 requests in 2.00s, 1.02MB read
          Non-2xx or 3xx responses: 17
        Requests/sec:   2130.66
        """;
    LoadBench.Run r = LoadBench.parse(out);
    assertEquals(0.652, r.p50(), 1e-9);
    assertEquals(2.5, r.p90(), 1e-9);
    assertEquals(1200, r.p99(), 1e-9);
    assertEquals(4262, r.requests());
    assertEquals(17, r.non2xx());
    assertEquals(2130.66, r.rps(), 1e-9);
  }

  @Test
  void floodingTenantIsRefusedWhileTheOtherIsServed() throws Exception {
    JsonNode report =
        LoadBench.run(2, 1, 2, 0.5, 4, 60, 2000, null, new PrintStream(System.err, true, "UTF-8"));
    JsonNode search = report.get("results").get(0);
    assertEquals("/collections/docs/points/search", search.get("endpoint").asText());
    assertEquals(0, search.at("/alone/0/non_2xx").asLong(), search.toString());
    assertEquals(0, search.at("/while_flooded/0/non_2xx").asLong(), search.toString());
    JsonNode flood = search.get("flood").get(0);
    // a burst of ten seconds (10) and what refills in the 2 s (1 a second) pass; the rest is a 429
    long passed = flood.get("requests").asLong() - flood.get("non_2xx").asLong();
    assertTrue(passed <= 13, flood.toString());
    assertTrue(flood.get("non_2xx").asLong() > 0, flood.toString());
    assertTrue(search.get("median_p99_alone_ms").asDouble() > 0);
  }
}
