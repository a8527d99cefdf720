package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL, as behind a load balancer: a key's rate limit is one
 * bucket across both, a key revoked on one is refused by the other within a second, and a chat goes
 * on from its kept dialogue state whichever server each turn reaches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyNodesTest {
  private static final String ADMIN = "admin-key-for-many-nodes-0123456789";
  private static final Path PACK = Path.of("..", "packs", "ota-hotel").toAbsolutePath().normalize();

  @TempDir static Path dir;
  private EmbeddedPostgres pg;
  private final List<Process> processes = new ArrayList<>();
  private int portA;
  private int portB;

  @BeforeAll
  void startTwoNodes() throws Exception {
    pg = EmbeddedPostgres.builder().start();
    String url = pg.getJdbcUrl("postgres", "postgres");
    portA = startNode(dir.resolve("a"), url);
    copyTrainedModels(dir.resolve("a"), dir.resolve("b"));
    portB = startNode(dir.resolve("b"), url);
    assertEquals(201, new Http(portA, ADMIN).post("/admin/tenants", "{\"id\":\"acme\"}").status());
  }

  @AfterAll
  void stopNodes() throws Exception {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
    if (pg != null) {
      pg.close();
    }
  }

  /** Starts {@code ScionServer.main} in a process of its own; its port. */
  private int startNode(Path data, String dbUrl) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "--add-modules",
            "jdk.incubator.vector",
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            ScionServer.class.getName(),
            "--port",
            "0",
            "--data",
            data.toString(),
            "--db-url",
            dbUrl,
            "--db-user",
            "postgres",
            "--pack",
            PACK.toString());
    pb.environment().put("SCION_ADMIN_KEY", ADMIN);
    pb.environment().put("SCION_DB_PASSWORD", "postgres");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    processes.add(p);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("listening on port ")) {
        int port = Integer.parseInt(line.substring("listening on port ".length()).trim());
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "node-output-" + port);
        drain.setDaemon(true);
        drain.start();
        return port;
      }
      System.out.println("[node] " + line);
    }
    throw new AssertionError("server exited before listening: " + p.waitFor());
  }

  /**
   * Gives node B the pack's models node A trained (they are kept by a digest of the examples), so
   * that the test trains them once.
   */
  private static void copyTrainedModels(Path from, Path to) throws java.io.IOException {
    Path source = from.resolve("packs/ota-hotel/models");
    Path target = to.resolve("packs/ota-hotel/models");
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(source)) {
      for (Path f : files.toList()) {
        Path t = target.resolve(source.relativize(f).toString());
        if (java.nio.file.Files.isDirectory(f)) {
          java.nio.file.Files.createDirectories(t);
        } else {
          java.nio.file.Files.copy(f, t);
        }
      }
    }
  }

  /** A new key of tenant acme, made on node A; its secret and id. */
  private String[] newKey(String body) {
    var made = new Http(portA, ADMIN).post("/admin/tenants/acme/keys", body).json();
    return new String[] {made.get("key").asText(), made.get("id").asText()};
  }

  /** Polls {@code GET /whoami} until it answers {@code expected}; the status it last gave. */
  private static int waitFor(Http http, int expected, long millis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    int status = http.get("/whoami").status();
    while (status != expected && System.nanoTime() < end) {
      Thread.sleep(10);
      status = http.get("/whoami").status();
    }
    return status;
  }

  @Test
  void aKeysBurstIsOneBucketAcrossBothNodes() throws Exception {
    int perMinute = 10; // a burst of 10, refilled at one request every 6 s
    int burst = 10;
    int sent = 24;
    String[] key = newKey("{\"requests_per_minute\":" + perMinute + "}");
    Http onA = new Http(portA, key[0]);
    Http onB = new Http(portB, key[0]);
    long firstAdmitted = System.nanoTime();
    assertEquals(200, waitFor(onB, 200, 2000), "the key reaches node B");
    AtomicInteger ok = new AtomicInteger(1); // the call that found the key on B was admitted
    AtomicInteger refused = new AtomicInteger();
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> senders = new ArrayList<>();
    for (int i = 0; i < sent; i++) {
      Http node = i % 2 == 0 ? onA : onB;
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                Http.Reply r = node.get("/whoami");
                if (r.status() == 200) {
                  ok.incrementAndGet();
                } else if (r.status() == 429) {
                  refused.incrementAndGet();
                  long retry =
                      Long.parseLong(r.headers().firstValue("Retry-After").orElse("0").trim());
                  if (retry < 1 || retry > 60 / perMinute) {
                    problems.add("Retry-After " + retry);
                  }
                } else {
                  problems.add(r.status() + " " + r.text());
                }
              },
              "sender-" + i);
      t.start();
      senders.add(t);
    }
    go.countDown();
    for (Thread t : senders) {
      t.join();
    }
    double seconds = (System.nanoTime() - firstAdmitted) / 1e9;
    // every admission happened between the first one and the last answer: the bucket can have
    // refilled by no more than the allowance of that time
    int bound = burst + (int) Math.floor(seconds * perMinute / 60.0);
    System.out.printf(
        java.util.Locale.ROOT,
        "[nodes] %d of %d requests admitted across two nodes in %.2f s (bound %d), %d refused%n",
        ok.get(),
        sent + 1,
        seconds,
        bound,
        refused.get());
    assertEquals(List.of(), problems);
    assertTrue(ok.get() <= bound, ok.get() + " admitted, at most " + bound + " allowed");
    assertTrue(ok.get() >= burst, "the key still gets its burst: " + ok.get());
    assertEquals(sent + 1, ok.get() + refused.get(), "the rest are refused with 429");
  }

  @Test
  void aKeyRevokedOnOneNodeIsRefusedByTheOtherWithinASecond() throws Exception {
    String[] key = newKey("{}");
    Http onB = new Http(portB, key[0]);
    assertEquals(200, waitFor(onB, 200, 2000), "a key made on A works on B");
    assertEquals(200, new Http(portA, ADMIN).delete("/admin/tenants/acme/keys/" + key[1]).status());
    long revoked = System.nanoTime();
    int status = waitFor(onB, 401, 1000);
    double ms = (System.nanoTime() - revoked) / 1e6;
    System.out.printf(java.util.Locale.ROOT, "[nodes] revocation reached node B in %.0f ms%n", ms);
    assertEquals(401, status, "refused by B within a second of the revocation on A");
  }

  @Test
  void aDeletedTenantsKeysAreRefusedByTheOtherNodeWithinASecond() throws Exception {
    Http admin = new Http(portA, ADMIN);
    assertEquals(201, admin.post("/admin/tenants", "{\"id\":\"gone\"}").status());
    String secret = admin.post("/admin/tenants/gone/keys", "{}").json().get("key").asText();
    Http onB = new Http(portB, secret);
    assertEquals(200, waitFor(onB, 200, 2000));
    assertEquals(200, admin.delete("/admin/tenants/gone").status());
    long deleted = System.nanoTime();
    int status = waitFor(onB, 401, 1000);
    System.out.printf(
        java.util.Locale.ROOT,
        "[nodes] tenant deletion reached node B in %.0f ms%n",
        (System.nanoTime() - deleted) / 1e6);
    assertEquals(401, status);
  }

  /** A chat request of user {@code user} holding these user turns, placeholder replies between. */
  private static String chat(String user, List<String> turns) {
    var messages = Http.JSON.createArrayNode();
    for (String t : turns) {
      messages.addObject().put("role", "user").put("content", t);
      messages.addObject().put("role", "assistant").put("content", "(earlier reply)");
    }
    messages.remove(messages.size() - 1);
    var body = Http.JSON.createObjectNode();
    body.put("model", "ota-hotel").put("today", "2026-12-01").put("user", user);
    body.set("messages", messages);
    return body.toString();
  }

  @Test
  void aConversationGoesOnFromItsKeptStateOnEitherNode() throws Exception {
    String[] key = newKey("{}");
    Http onA = new Http(portA, key[0]);
    Http onB = new Http(portB, key[0]);
    assertEquals(200, waitFor(onB, 200, 2000));
    List<String> turns =
        List.of(
            "hotels in Hanoi for the 15th",
            "3 nights",
            "actually 2 adults and 1 child",
            "the second one",
            "what is the cancellation policy?");
    com.fasterxml.jackson.databind.JsonNode kept = null;
    for (int n = 1; n <= turns.size(); n++) {
      Http node = n % 2 == 1 ? onA : onB; // turns alternate between the servers
      Http.Reply r = node.post("/v1/chat/completions", chat("alternating", turns.subList(0, n)));
      assertEquals(200, r.status(), r.text());
      kept = r.json();
      assertEquals(
          1,
          kept.at("/scion/turns_run").asInt(),
          "turn " + n + " on node " + (n % 2 == 1 ? "A" : "B") + " ran from the kept state");
    }
    com.fasterxml.jackson.databind.JsonNode replayed =
        onA.post("/v1/chat/completions", chat("replayed", turns)).json();
    assertEquals(turns.size(), replayed.at("/scion/turns_run").asInt());
    assertEquals(
        replayed.at("/choices/0/message/content").asText(),
        kept.at("/choices/0/message/content").asText());
    assertEquals(replayed.at("/scion/state"), kept.at("/scion/state"));
    assertEquals(2, kept.at("/scion/state/slots/adults").asInt(), kept.toString());
  }

  @Test
  void aTenantsUsageIsTheSumOfWhatEveryNodeServed() throws Exception {
    Http admin = new Http(portA, ADMIN);
    assertEquals(201, admin.post("/admin/tenants", "{\"id\":\"metered\"}").status());
    String secret = admin.post("/admin/tenants/metered/keys", "{}").json().get("key").asText();
    Http onA = new Http(portA, secret);
    Http onB = new Http(portB, secret);
    assertEquals(200, waitFor(onB, 200, 2000)); // one request served (401s are nobody's)
    for (int i = 0; i < 3; i++) {
      assertEquals(200, onA.get("/whoami").status());
      assertEquals(200, onB.get("/whoami").status());
    }
    // each node adds its counts to the database every few seconds
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    int requests = 0;
    while (requests != 7 && System.nanoTime() < end) {
      Thread.sleep(250);
      requests = admin.get("/admin/tenants/metered/usage").json().get("requests").asInt();
    }
    assertEquals(7, requests, "both nodes' requests in the tenant's usage");
  }
}
