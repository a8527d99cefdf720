package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorApiTest {
  @TempDir Path dir;
  ScionServer server;
  Http http;

  @BeforeEach
  void start() {
    server = ScionServer.start(ServerConfig.local(dir, 0));
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void createHotels() {
    Http.Reply r =
        http.put("/collections/hotels", "{\"vectors\":{\"size\":4,\"distance\":\"Cosine\"}}");
    assertEquals(200, r.status(), r.text());
    assertEquals("ok", r.json().get("status").asText());
    StringBuilder points = new StringBuilder("{\"points\":[");
    String[] cities = {"Da Nang", "Hanoi", "Tokyo"};
    for (int i = 1; i <= 30; i++) {
      points
          .append(i > 1 ? "," : "")
          .append("{\"id\":")
          .append(i)
          .append(",\"vector\":[")
          .append(1 + i % 3)
          .append(",")
          .append(i)
          .append(",0.5,")
          .append(30 - i)
          .append("],\"payload\":{\"city\":\"")
          .append(cities[i % 3])
          .append("\",\"price\":")
          .append(i * 10)
          .append("}}");
    }
    points.append("]}");
    Http.Reply up = http.put("/collections/hotels/points?wait=true", points.toString());
    assertEquals(200, up.status(), up.text());
    assertEquals("completed", up.result().get("status").asText());
  }

  @Test
  void collectionLifecycle() {
    createHotels();
    assertEquals(
        "hotels", http.get("/collections").result().get("collections").get(0).get("name").asText());
    JsonNode info = http.get("/collections/hotels").result();
    assertEquals(30, info.get("points_count").asInt());
    assertEquals(4, info.at("/config/params/vectors/size").asInt());
    assertEquals("Cosine", info.at("/config/params/vectors/distance").asText());
    assertTrue(http.get("/collections/hotels/exists").result().get("exists").asBoolean());
    assertEquals(
        409,
        http.put("/collections/hotels", "{\"vectors\":{\"size\":4,\"distance\":\"Dot\"}}")
            .status());
    assertTrue(http.delete("/collections/hotels").result().asBoolean());
    assertEquals(404, http.get("/collections/hotels").status());
  }

  @Test
  void searchWithFilterQueryAndThreshold() {
    createHotels();
    Http.Reply r =
        http.post(
            "/collections/hotels/points/search",
            "{\"vector\":[2,10,0.5,20],\"limit\":3,\"with_payload\":true,"
                + "\"filter\":{\"must\":[{\"key\":\"city\",\"match\":{\"value\":\"Hanoi\"}}],"
                + "\"must_not\":[{\"key\":\"price\",\"range\":{\"gte\":250}}]}}");
    assertEquals(200, r.status(), r.text());
    JsonNode hits = r.result();
    assertEquals(3, hits.size());
    double previous = Double.MAX_VALUE;
    for (JsonNode h : hits) {
      assertEquals("Hanoi", h.at("/payload/city").asText());
      assertTrue(h.at("/payload/price").asInt() < 250);
      assertTrue(h.get("score").asDouble() <= previous);
      previous = h.get("score").asDouble();
    }
    Http.Reply q =
        http.post(
            "/collections/hotels/points/query",
            "{\"query\":[2,10,0.5,20],\"limit\":2,\"with_payload\":[\"price\"]}");
    assertEquals(2, q.result().get("points").size(), q.text());
    assertFalse(
        q.result().get("points").get(0).get("payload").has("city"), "payload projected to price");
    Http.Reply byId = http.post("/collections/hotels/points/query", "{\"query\":7,\"limit\":1}");
    assertEquals(7, byId.result().get("points").get(0).get("id").asInt(), byId.text());
    Http.Reply strict =
        http.post(
            "/collections/hotels/points/search",
            "{\"vector\":[2,10,0.5,20],\"limit\":30,\"score_threshold\":0.99}");
    for (JsonNode h : strict.result()) {
      assertTrue(h.get("score").asDouble() >= 0.99);
    }
    Http.Reply batch =
        http.post(
            "/collections/hotels/points/search/batch",
            "{\"searches\":[{\"vector\":[1,1,1,1],\"limit\":1},{\"vector\":[1,2,1,1],\"limit\":2}]}");
    assertEquals(2, batch.result().get(1).size(), batch.text());
  }

  @Test
  void scrollPagesThroughEveryPointOnceAndCountMatches() {
    createHotels();
    Set<Integer> seen = new HashSet<>();
    JsonNode offset = null;
    do {
      String body =
          "{\"limit\":7"
              + (offset == null ? "" : ",\"offset\":" + offset)
              + ",\"filter\":{\"should\":[{\"key\":\"city\",\"match\":{\"any\":[\"Tokyo\",\"Hanoi\"]}}]}}";
      Http.Reply r = http.post("/collections/hotels/points/scroll", body);
      assertEquals(200, r.status(), r.text());
      r.result().get("points").forEach(p -> assertTrue(seen.add(p.get("id").asInt())));
      offset = r.result().get("next_page_offset");
    } while (!offset.isNull());
    assertEquals(20, seen.size());
    Http.Reply count =
        http.post(
            "/collections/hotels/points/count",
            "{\"filter\":{\"must\":{\"key\":\"city\",\"match\":{\"value\":\"Tokyo\"}}}}");
    assertEquals(10, count.result().get("count").asInt(), count.text());
  }

  @Test
  void retrieveDeleteByIdsAndByFilterAndPayloadIndex() {
    createHotels();
    assertEquals(
        200,
        http.put(
                "/collections/hotels/index",
                "{\"field_name\":\"city\",\"field_schema\":\"keyword\"}")
            .status());
    assertEquals(
        "keyword",
        http.get("/collections/hotels").result().at("/payload_schema/city/data_type").asText());
    Http.Reply got =
        http.post("/collections/hotels/points", "{\"ids\":[1,2,999],\"with_vector\":true}");
    assertEquals(2, got.result().size());
    assertEquals(4, got.result().get(0).get("vector").size());
    assertEquals(
        "Hanoi", http.get("/collections/hotels/points/1").result().at("/payload/city").asText());
    assertEquals(
        200,
        http.post("/collections/hotels/points/delete?wait=true", "{\"points\":[1,2]}").status());
    assertEquals(
        200,
        http.post(
                "/collections/hotels/points/delete?wait=true",
                "{\"filter\":{\"must\":[{\"key\":\"city\",\"match\":{\"value\":\"Tokyo\"}}]}}")
            .status());
    assertEquals(
        19, http.post("/collections/hotels/points/count", "{}").result().get("count").asInt());
    assertEquals(404, http.get("/collections/hotels/points/1").status());
  }

  @Test
  void batchUpsertUuidIdsAndSnapshots() {
    http.put("/collections/docs", "{\"vectors\":{\"size\":2,\"distance\":\"Euclid\"}}");
    String uuid = "5c56c793-69f3-4fbf-87e6-c4bf54c28c26";
    Http.Reply up =
        http.put(
            "/collections/docs/points?wait=true",
            "{\"batch\":{\"ids\":[1,\""
                + uuid
                + "\"],\"vectors\":[[0,0],[3,4]],\"payloads\":[{\"a\":1},{\"a\":2}]}}");
    assertEquals(200, up.status(), up.text());
    Http.Reply hit = http.post("/collections/docs/points/search", "{\"vector\":[3,4],\"limit\":1}");
    assertEquals(uuid, hit.result().get(0).get("id").asText());
    assertEquals(0.0, hit.result().get(0).get("score").asDouble(), 1e-6);
    Http.Reply snap = http.post("/collections/docs/snapshots", "");
    assertEquals(200, snap.status(), snap.text());
    String name = snap.result().get("name").asText();
    assertEquals(
        name, http.get("/collections/docs/snapshots").result().get(0).get("name").asText());
    assertEquals(200, http.get("/collections/docs/snapshots/" + name).status());
    http.post("/collections/docs/points/delete?wait=true", "{\"points\":[1]}");
    Http.Reply recovered =
        http.put("/collections/docs/snapshots/recover", "{\"location\":\"" + name + "\"}");
    assertEquals(200, recovered.status(), recovered.text());
    assertEquals(
        2, http.post("/collections/docs/points/count", "{}").result().get("count").asInt());
    assertEquals(200, http.get("/health/ready").status());
    assertEquals("UP", http.get("/health/live").json().get("status").asText());
  }
}
