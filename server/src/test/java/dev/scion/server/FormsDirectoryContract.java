package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant's organisation directory decides who may decide a form's task, over HTTP on a real
 * server: the applicant's manager comes from it, a role's members from it, a stranger's decision is
 * refused and leaves the task open, and the audit names who really decided. Each database's class
 * says where the platform keeps its records.
 */
abstract class FormsDirectoryContract {
  static final String ADMIN = "admin-key-for-directory-0123456789";
  static final String TRIP =
      "form Trip request\n\nfield destination: text, required\n\napproval\n"
          + "step team_lead: manager of applicant\nstep finance: role finance\n";

  @TempDir Path dir;

  /** The server's configuration: its data folder, and the database of its records. */
  abstract ServerConfig config(Path dir) throws Exception;

  private static String json(String s) {
    return Http.JSON.valueToTree(s).toString();
  }

  @Test
  void onlyTheAssigneeOrTheRolesMembersDecide() throws Exception {
    try (ScionServer server = ScionServer.start(config(dir))) {
      Http admin = new Http(server.port(), ADMIN);
      assertEquals(201, admin.post("/admin/tenants", "{\"id\":\"acme\"}").status());
      Http service =
          new Http(
              server.port(),
              admin
                  .post("/admin/tenants/acme/keys", "{\"name\":\"intranet\"}")
                  .json()
                  .get("key")
                  .asText());
      Http.Reply imported =
          service.post(
              "/forms/directory/import",
              "id,name,manager,roles\nlan,Lan Pham,minh,\nminh,Minh Do,,team lead\n"
                  + "ana,\"Tran, Ana\",minh,finance;audit\nmallory,Mallory,minh,sales\n");
      assertEquals(200, imported.status(), imported.text());
      assertEquals(4, imported.json().get("imported").asInt());
      assertEquals(
          "[\"finance\",\"audit\"]",
          service.get("/forms/directory/people/ana").json().get("roles").toString());
      assertEquals(
          "Tran, Ana", service.get("/forms/directory/people/ana").json().get("name").asText());
      Http ana = new Http(server.port(), keyOf(admin, "ana"));
      Http mallory = new Http(server.port(), keyOf(admin, "mallory"));
      assertEquals("ana", ana.get("/whoami").json().get("user").asText());

      assertEquals(201, service.post("/forms", "{\"source\":" + json(TRIP) + "}").status());
      Http.Reply again = service.post("/forms", "{\"source\":" + json(TRIP) + "}");
      assertEquals(409, again.status(), again.text());
      assertTrue(again.error().contains("?replace=true"), again.error());
      assertEquals(
          201, service.post("/forms?replace=true", "{\"source\":" + json(TRIP) + "}").status());

      String request =
          service
              .post(
                  "/forms/trip_request/requests",
                  "{\"applicant\":\"lan\",\"data\":{\"destination\":\"Hue\"}}")
              .json()
              .get("id")
              .asText();
      JsonNode minhs = service.get("/forms/tasks?user=minh").json().get("result");
      assertEquals(1, minhs.size(), "the manager comes from the directory: " + minhs);
      String lead = minhs.get(0).get("id").asText();

      Http.Reply stranger =
          service.post(
              "/forms/tasks/" + lead + "/approve", "{\"user\":\"mallory\",\"comment\":\"mine\"}");
      assertEquals(403, stranger.status(), stranger.text());
      assertEquals(
          "task " + lead + " (team_lead) is decided by user minh; mallory is neither",
          stranger.error());
      assertEquals(
          403, mallory.post("/forms/tasks/" + lead + "/delegate", "{\"to\":\"mallory\"}").status());
      assertEquals(
          "running", service.get("/forms/requests/" + request).json().get("status").asText());
      assertEquals(
          "[\"team_lead waiting for user minh\"]",
          service.get("/forms/requests/" + request).json().get("audit").toString());

      assertEquals(
          200,
          service
              .post(
                  "/forms/tasks/" + lead + "/approve",
                  "{\"user\":\"minh\",\"comment\":\"have a good trip\"}")
              .status());
      String finance = ana.get("/forms/tasks").json().at("/result/0/id").asText();
      Http.Reply notFinance = mallory.post("/forms/tasks/" + finance + "/approve", "{}");
      assertEquals(403, notFinance.status(), notFinance.text());
      assertTrue(notFinance.error().contains("role finance"), notFinance.error());
      Http.Reply posing =
          mallory.post("/forms/tasks/" + finance + "/approve", "{\"user\":\"ana\"}");
      assertEquals(403, posing.status(), posing.text());
      assertTrue(posing.error().contains("decides as mallory only"), posing.error());

      Http.Reply approved =
          ana.post("/forms/tasks/" + finance + "/approve", "{\"comment\":\"within budget\"}");
      assertEquals(200, approved.status(), approved.text());
      assertEquals("ana", approved.json().get("decided_by").asText());
      JsonNode r = service.get("/forms/requests/" + request).json();
      assertEquals("approved", r.get("status").asText());
      assertEquals(
          "[\"team_lead by minh: approve \\\"have a good trip\\\"\","
              + "\"finance by ana: approve \\\"within budget\\\"\"]",
          r.get("audit").toString());
    }
  }

  @Test
  void theDirectoryIsEditedByServiceKeysAndBadLinesAreNamed() throws Exception {
    try (ScionServer server = ScionServer.start(config(dir))) {
      Http admin = new Http(server.port(), ADMIN);
      admin.post("/admin/tenants", "{\"id\":\"acme\"}");
      Http service =
          new Http(
              server.port(),
              admin.post("/admin/tenants/acme/keys", "{}").json().get("key").asText());
      Http.Reply put =
          service.put(
              "/forms/directory/people/ana",
              "{\"name\":\"Ana\",\"manager\":\"minh\",\"roles\":[\"finance\"]}");
      assertEquals(200, put.status(), put.text());
      Http ana = new Http(server.port(), keyOf(admin, "ana"));
      Http.Reply selfPromotion =
          ana.put("/forms/directory/people/ana", "{\"roles\":[\"finance\",\"cfo\"]}");
      assertEquals(403, selfPromotion.status(), selfPromotion.text());
      Http.Reply bad = service.post("/forms/directory/import", "id,name,manager\nbo,Bo,bo\n");
      assertEquals(400, bad.status(), bad.text());
      assertEquals("CSV line 2: bo cannot be their own manager", bad.error());
      assertEquals(400, admin.post("/admin/tenants/acme/keys", "{\"user\":\"nobody\"}").status());
      assertEquals(1, service.get("/forms/directory/people").json().get("result").size());
      assertEquals(404, admin.get("/forms/directory/people/ana").status(), "another tenant's");
      assertEquals(200, service.delete("/forms/directory/people/ana").status());
      assertEquals(404, service.get("/forms/directory/people/ana").status());
    }
  }

  /** A key of tenant acme bound to a person. */
  private static String keyOf(Http admin, String user) {
    Http.Reply made = admin.post("/admin/tenants/acme/keys", "{\"user\":" + json(user) + "}");
    assertEquals(201, made.status(), made.text());
    return made.json().get("key").asText();
  }
}
