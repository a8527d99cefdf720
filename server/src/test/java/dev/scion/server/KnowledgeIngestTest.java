package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Knowledge-base uploads are counted whole, charged to the caller's key and usage, limited in size
 * and by the key's token allowance, and large ones run as background jobs only their tenant sees.
 */
class KnowledgeIngestTest {
  static final String ADMIN = "admin-key-for-tests-0123456789";
  static final int MAX_DOCUMENT_TOKENS = 25_000;

  @TempDir static Path dir;
  static ScionServer server;
  static Http admin;

  @BeforeAll
  static void start() {
    server =
        ScionServer.start(
            new ServerConfig("127.0.0.1", 0, dir, ADMIN, 8 << 20)
                .withMaxDocumentTokens(MAX_DOCUMENT_TOKENS));
    admin = new Http(server.port(), ADMIN);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A new key of a new tenant; {@code spec} is the rest of the key request's JSON object. */
  static Http key(String tenant, String spec) {
    Http.Reply t =
        admin.post("/admin/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"" + tenant + "\"}");
    assertEquals(201, t.status(), t.text());
    Http.Reply k =
        admin.post("/admin/tenants/" + tenant + "/keys", "{\"name\":\"test\"" + spec + "}");
    assertEquals(201, k.status(), k.text());
    return new Http(server.port(), k.json().get("key").asText());
  }

  /** A handbook of {@code sections} sections of about 230 tokens each. */
  static String handbook(String topic, int sections) {
    StringBuilder md = new StringBuilder("# " + topic + " handbook\n\n");
    for (int i = 1; i <= sections; i++) {
      md.append("## Rule ").append(i).append("\n\n");
      for (int k = 0; k < 10; k++) {
        md.append("Desk ")
            .append(i)
            .append(" keeps the spare ")
            .append(topic)
            .append(" number ")
            .append(i * 10 + k)
            .append(" in the locked drawer, and hands it over only against a signed receipt. ");
      }
      md.append("\n\n");
    }
    return md.toString();
  }

  /**
   * A tenant's tokens in its usage, once they reach {@code expected} (a request is accounted just
   * after its answer) or after five seconds.
   */
  static long usageTokens(String tenant, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    long tokens;
    while ((tokens = admin.get("/admin/tenants/" + tenant + "/usage").json().get("tokens").asLong())
            < expected
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return tokens;
  }

  static Http.Reply upload(Http http, String base, String query, String text) {
    return http.post("/kb/" + base + "/documents?filename=" + query, text);
  }

  @Test
  void aLongUploadIsCountedWholeAndChargedToTheKeysUsage() throws Exception {
    Http acme = key("acme", "");
    assertEquals(201, acme.put("/kb/staff", "{}").status());
    Http.Reply up = upload(acme, "staff", "handbook.md", handbook("key", 12));
    assertEquals(200, up.status(), up.text());
    int tokens = up.result().get(0).get("tokens").asInt();
    assertTrue(tokens > 2000, "a document of 12 long sections counted " + tokens + " tokens");
    assertEquals(tokens, usageTokens("acme", tokens));
    assertEquals(tokens, acme.get("/usage").json().get("tokens").asLong());
    assertEquals(tokens, acme.get("/kb/staff").json().get("tokens").asInt());
    Http.Reply again = upload(acme, "staff", "handbook.md", handbook("key", 12));
    assertEquals("unchanged", again.result().get(0).get("status").asText());
    assertEquals(tokens, usageTokens("acme", tokens + 1), "unchanged is free");
    Http.Reply answer = acme.post("/kb/staff/ask", "{\"question\":\"Where is spare key 75?\"}");
    assertEquals(tokens, answer.result().get("knowledge_base_tokens").asInt());
  }

  @Test
  void aDocumentOverTheTokenLimitIsRefusedWithTheLimitAndTheFix() throws Exception {
    Http initech = key("initech", "");
    assertEquals(201, initech.put("/kb/manuals", "{}").status());
    Http.Reply big = upload(initech, "manuals", "huge.md", handbook("badge", 120));
    assertEquals(413, big.status(), big.text());
    assertTrue(
        big.error().contains("more than " + MAX_DOCUMENT_TOKENS + " tokens")
            && big.error().contains("split it into smaller files"),
        big.error());
    assertEquals(0, initech.get("/kb/manuals").json().get("documents").size());
    assertEquals(0, usageTokens("initech", 1), "nothing charged");
  }

  @Test
  void aKeyWhoseTokenAllowanceIsSpentIsRefusedWithRetryAfter() throws Exception {
    Http small = key("umbrella", ",\"tokens_per_minute\":600");
    assertEquals(201, small.put("/kb/faq", "{}").status());
    Http.Reply first = upload(small, "faq", "a.md", handbook("card", 2));
    assertEquals(200, first.status(), first.text());
    int spent = first.result().get(0).get("tokens").asInt();
    assertTrue(spent > 300, first.text());
    assertEquals(spent, usageTokens("umbrella", spent));
    Thread.sleep(100); // the key is charged just after the usage is recorded
    Http.Reply second = upload(small, "faq", "b.md", handbook("pass", 2));
    assertEquals(429, second.status(), second.text());
    long retry = Long.parseLong(second.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retry >= 1, "Retry-After " + retry);
    assertTrue(second.error().contains("600 tokens/min"), second.error());
  }

  @Test
  void aLargeUploadRunsAsAJobThatAdvancesToDoneAndOnlyItsTenantSees() throws Exception {
    Http hooli = key("hooli", "");
    Http other = key("piedpiper", "");
    assertEquals(201, hooli.put("/kb/ops", "{}").status());
    assertEquals(201, other.put("/kb/ops", "{}").status());
    assertEquals(400, upload(hooli, "ops", "x.md&wait=soon", "# X\n\nText.").status());
    Http.Reply accepted = upload(hooli, "ops", "ops.md", handbook("torch", 95));
    assertEquals(202, accepted.status(), accepted.text());
    JsonNode job = accepted.result();
    String id = job.get("id").asText();
    String location = accepted.headers().firstValue("Location").orElseThrow();
    assertEquals("/kb/ops/jobs/" + id, location);
    int total = job.get("chunks_total").asInt();
    assertTrue(total > 50, "chunks " + total);
    assertTrue(job.get("tokens").asInt() > 20_000, job.toString());
    assertTrue(List.of("queued", "running").contains(job.get("status").asText()), job.toString());
    assertEquals(job.get("tokens").asLong(), usageTokens("hooli", job.get("tokens").asLong()));

    assertEquals(404, other.get(location).status(), "another tenant cannot see the job");
    assertEquals(0, other.get("/kb/ops/jobs").result().size());
    assertEquals(404, hooli.get("/kb/other/jobs/" + id).status());

    List<Integer> progress = new ArrayList<>();
    long deadline = System.nanoTime() + 180_000_000_000L;
    do {
      Thread.sleep(200);
      job = hooli.get(location).result();
      progress.add(job.get("chunks_done").asInt());
    } while (!job.get("status").asText().equals("done") && System.nanoTime() < deadline);
    System.out.println("job progress (chunks done of " + total + "): " + progress);
    assertEquals("done", job.get("status").asText(), job.toString());
    assertEquals(total, job.get("chunks_done").asInt());
    assertTrue(job.get("error").isNull(), job.toString());
    assertEquals("added", job.at("/documents/0/status").asText());
    for (int i = 1; i < progress.size(); i++) {
      assertTrue(progress.get(i) >= progress.get(i - 1), "progress only advances: " + progress);
    }
    assertTrue(progress.getFirst() < total, "progress was seen before the end: " + progress);
    Http.Reply found = hooli.post("/kb/ops/search", "{\"query\":\"spare torch 905\",\"limit\":1}");
    assertEquals("ops.md", found.result().get(0).get("source").asText(), found.text());
    assertEquals(1, hooli.get("/kb/ops/jobs").result().size());

    Http.Reply queued = upload(hooli, "ops", "small.md&wait=false", "# Small\n\nOne rule.");
    assertEquals(202, queued.status(), queued.text());
    Http.Reply waited = upload(hooli, "ops", "other.md&wait=true", "# Other\n\nTwo rules.");
    assertEquals(200, waited.status(), waited.text());
    assertEquals("added", waited.result().get(0).get("status").asText());
  }

  @Test
  void uploadsWaitingWhenTheServerStopsAreIngestedWhenItStartsAgain(@TempDir Path data)
      throws Exception {
    List<String> ids = new ArrayList<>();
    try (ScionServer first = ScionServer.start(ServerConfig.local(data, 0))) {
      Http http = new Http(first.port());
      assertEquals(201, http.put("/kb/ops", "{}").status());
      for (int i = 1; i <= 3; i++) {
        Http.Reply r = upload(http, "ops", "part" + i + ".md&wait=false", handbook("lamp", 25));
        assertEquals(202, r.status(), r.text());
        ids.add(r.result().get("id").asText());
      }
    } // stops while the first upload runs and the others wait
    try (ScionServer second = ScionServer.start(ServerConfig.local(data, 0))) {
      Http http = new Http(second.port());
      String last = "/kb/ops/jobs/" + ids.getLast();
      JsonNode job = null;
      long deadline = System.nanoTime() + 180_000_000_000L;
      while (System.nanoTime() < deadline) {
        Http.Reply r = http.get(last);
        job = r.status() == 200 ? r.result() : null;
        if (job != null && job.get("status").asText().equals("done")) {
          break;
        }
        Thread.sleep(200);
      }
      assertTrue(job != null && job.get("status").asText().equals("done"), String.valueOf(job));
      JsonNode docs = http.get("/kb/ops").json().get("documents");
      assertEquals(3, docs.size(), docs.toString());
    }
    try (var left = Files.list(data.resolve("knowledge-uploads"))) {
      assertEquals(0, left.count(), "an ingested upload's files are deleted");
    }
  }
}
