package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormsApiTest {
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

  private static String json(String s) {
    return Http.JSON.valueToTree(s).toString();
  }

  @Test
  void compileDeployStartApproveAndAudit() {
    Http.Reply compiled =
        http.post(
            "/forms/compile",
            "{\"text\":"
                + json(
                    "The form is called Leave request. Days and kind are required, kind is a drop-down"
                        + " of annual, sick. First the team lead approves. If days is over 5, HR approves.")
                + "}");
    assertEquals(200, compiled.status(), compiled.text());
    String source = compiled.json().get("source").asText();
    assertEquals("hr", compiled.json().at("/flow/steps/1/name").asText());
    Http.Reply deployed = http.post("/forms", "{\"source\":" + json(source) + "}");
    assertEquals(201, deployed.status(), deployed.text());
    String key = deployed.json().get("key").asText();
    Http.Reply bad =
        http.post(
            "/forms/" + key + "/requests",
            "{\"applicant\":\"lan\",\"manager\":\"minh\",\"data\":{\"days\":\"many\"}}");
    assertEquals(422, bad.status());
    assertTrue(
        bad.json().at("/status/problems").toString().contains("days: should be a number"),
        bad.text());
    Http.Reply started =
        http.post(
            "/forms/" + key + "/requests",
            "{\"applicant\":\"lan\",\"manager\":\"minh\",\"data\":{\"days\":7,\"kind\":\"sick\"}}");
    assertEquals(201, started.status(), started.text());
    String id = started.json().get("id").asText();
    assertEquals(200, http.put("/forms/directory/people/hoa", "{\"roles\":[\"hr\"]}").status());
    assertEquals(
        200, http.put("/forms/directory/people/minh", "{\"roles\":[\"Team Lead\"]}").status());
    JsonNode mine = http.get("/forms/tasks?user=minh").json().get("result");
    assertEquals("team_lead", mine.get(0).get("step").asText());
    assertEquals(
        200,
        http.post(
                "/forms/tasks/" + mine.get(0).get("id").asText() + "/approve",
                "{\"user\":\"minh\",\"comment\":\"ok\"}")
            .status());
    JsonNode hr = http.get("/forms/tasks?user=hoa&groups=hr").json().get("result");
    assertEquals(
        200,
        http.post("/forms/tasks/" + hr.get(0).get("id").asText() + "/reject", "{\"user\":\"hoa\"}")
            .status());
    JsonNode r = http.get("/forms/requests/" + id).json();
    assertEquals("rejected", r.get("status").asText());
    assertEquals(
        "[\"team_lead by minh: approve \\\"ok\\\"\",\"hr by hoa: reject\"]",
        r.get("audit").toString());
  }

  @Test
  void badFormsAndUnknownThingsAreFourHundreds() {
    Http.Reply noApprovers =
        http.post("/forms", "{\"source\":\"form X\\nfield a: text, required\\n\"}");
    assertEquals(400, noApprovers.status());
    assertTrue(noApprovers.error().contains("no approval steps"), noApprovers.text());
    assertEquals(
        404, http.post("/forms/nope/requests", "{\"applicant\":\"a\",\"data\":{}}").status());
    assertEquals(400, http.get("/forms/tasks").status());
    assertEquals(400, http.post("/forms/compile", "{\"txt\":\"x\"}").status());
  }
}
