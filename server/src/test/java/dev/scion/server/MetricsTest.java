package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {
  @TempDir Path dir;

  @Test
  void requestsAndStoredVectorsAreExposedForPrometheus() {
    try (ScionServer server = ScionServer.start(ServerConfig.local(dir, 0))) {
      Http http = new Http(server.port());
      http.put("/collections/c", "{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}");
      http.put(
          "/collections/c/points?wait=true",
          "{\"points\":[{\"id\":1,\"vector\":[1,0]},{\"id\":2,\"vector\":[0,1]}]}");
      http.get("/collections/missing");
      assertEquals(404, http.get("/no/such/route").status(), "metrics never break a request");
      Http.Reply m = http.get("/metrics");
      assertEquals(200, m.status());
      String text = m.text();
      assertTrue(
          text.contains(
              "scion_http_requests_seconds_count{method=\"PUT\",route=\"/collections/{name}/points\",status=\"200\"} 1"),
          text);
      assertTrue(
          text.contains(
              "scion_http_requests_seconds_count{method=\"GET\",route=\"/collections/{name}\",status=\"404\"} 1"),
          text);
      assertTrue(text.contains("route=\"unmatched\",status=\"404\""), text);
      assertTrue(text.contains("scion_vectors_stored{tenant=\"default\"} 2.0"), text);
      assertTrue(text.contains("scion_knowledge_documents{tenant=\"default\"} 0.0"), text);
    }
  }
}
