package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integer fields of the Qdrant API are read exactly: a number outside the field's range gets a 400
 * naming the field and the range, never a value wrapped around to something else.
 */
class IntegerFieldRangeTest {
  @TempDir Path dir;
  ScionServer server;
  Http http;

  @BeforeEach
  void start() {
    server = ScionServer.start(new ServerConfig("127.0.0.1", 0, dir, null, 1 << 20));
    http = new Http(server.port());
    http.put("/collections/c", "{\"vectors\":{\"size\":3,\"distance\":\"Dot\"}}");
    http.put("/collections/c/points?wait=true", "{\"points\":[{\"id\":1,\"vector\":[1,2,3]}]}");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static void assertRejected(String field, String range, Http.Reply r) {
    assertEquals(400, r.status(), r.text());
    assertTrue(r.error().contains(field), "'" + r.error() + "' names " + field);
    assertTrue(r.error().contains(range), "'" + r.error() + "' gives the range " + range);
  }

  @Test
  void vectorSizeBeyondIntIsRejectedNotWrapped() {
    for (String size : new String[] {"4294967300", "2147483648", "18446744073709551620", "-1"}) {
      Http.Reply r =
          http.put(
              "/collections/big" + size.length(),
              "{\"vectors\":{\"size\":" + size + ",\"distance\":\"Dot\"}}");
      assertRejected("vectors.size", "between 1 and 65536", r);
      assertTrue(r.error().contains(size), r.error());
    }
    assertEquals(
        java.util.List.of("c"),
        http.get("/collections").result().get("collections").findValuesAsText("name"));
  }

  @Test
  void hnswParametersBeyondIntAreRejected() {
    assertRejected(
        "hnsw_config.m",
        "between 2 and 512",
        http.put(
            "/collections/h",
            "{\"vectors\":{\"size\":3,\"distance\":\"Dot\"},\"hnsw_config\":{\"m\":4294967312}}"));
    assertRejected(
        "hnsw_config.ef_construct",
        "between 4 and 4096",
        http.put(
            "/collections/h",
            "{\"vectors\":{\"size\":3,\"distance\":\"Dot\"},"
                + "\"hnsw_config\":{\"ef_construct\":18446744073709551716}}"));
    assertRejected(
        "hnsw_config.full_scan_threshold",
        "between 0 and 2147483647",
        http.put(
            "/collections/h",
            "{\"vectors\":{\"size\":3,\"distance\":\"Dot\"},"
                + "\"hnsw_config\":{\"full_scan_threshold\":2147483648}}"));
  }

  @Test
  void searchAndScrollNumbersBeyondLongAreRejected() {
    assertRejected(
        "limit",
        "between 1 and",
        http.post(
            "/collections/c/points/search", "{\"vector\":[1,2,3],\"limit\":18446744073709551626}"));
    assertRejected(
        "offset",
        "between 0 and",
        http.post(
            "/collections/c/points/search",
            "{\"vector\":[1,2,3],\"offset\":18446744073709551616}"));
    assertRejected(
        "params.hnsw_ef",
        "between 0 and",
        http.post(
            "/collections/c/points/search",
            "{\"vector\":[1,2,3],\"params\":{\"hnsw_ef\":18446744073709551632}}"));
    assertRejected(
        "limit",
        "between 1 and",
        http.post("/collections/c/points/scroll", "{\"limit\":18446744073709551626}"));
    assertRejected(
        "limit",
        "between 1 and",
        http.post("/collections/c/points/query", "{\"limit\":4294967306}"));
  }

  @Test
  void pointIdsBeyondLongAreRejectedNamingTheLimit() {
    Http.Reply r =
        http.put(
            "/collections/c/points?wait=true",
            "{\"points\":[{\"id\":18446744073709551615,\"vector\":[1,2,3]}]}");
    assertRejected("point id 18446744073709551615", "larger than 9223372036854775807", r);
    assertEquals(1, http.post("/collections/c/points/count", "{}").result().get("count").asInt());
  }
}
