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
 * bucket across both, and a key revoked on one is refused by the other within a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyNodesTest {
  private static final String ADMIN = "admin-key-for-many-nodes-0123456789";

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
            "postgres");
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
}
