package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.common.engine.impl.cfg.TransactionState;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two engines with their timer executors running on one PostgreSQL, as two servers behind a load
 * balancer: requests are started and decided on either, each step's time-out fires exactly once
 * across both, and the escalated task is decided on either.
 *
 * <p>The form's time-out is 48 hours; the engines' clock (Flowable's, one per process, which both
 * engines of this test share as servers share time through NTP) is moved 49 hours ahead instead of
 * waiting. The timers are then found and fired by the engines' own executors, not by the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyEnginesTimersTest {
  private static final long SEED = Long.getLong("scion.test.seed", 21L);
  private static final int REQUESTS = 16;
  private static final Form EXPENSE = FormParser.parse(FormLanguageTest.EXPENSE);

  private EmbeddedPostgres postgres;
  private final List<FormRuntime> engines = new ArrayList<>();

  /** For each engine, the requests whose time-out it fired (counted when the firing committed). */
  private final Map<String, List<String>> fired = new ConcurrentHashMap<>();

  @BeforeAll
  void startTwoEngines() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    String url = postgres.getJdbcUrl("postgres", "postgres");
    for (String node : List.of("node-a", "node-b")) {
      var jobs = new FormRuntime.Jobs(node, 2, Duration.ofMillis(200), Duration.ofSeconds(30));
      FormRuntime e = FormRuntime.open(url, "postgres", "", jobs);
      engines.add(e);
      fired.put(node, new CopyOnWriteArrayList<>());
      e.engine()
          .getRuntimeService()
          .addEventListener(firings(fired.get(node)), FlowableEngineEventType.TIMER_FIRED);
    }
  }

  @AfterAll
  void stop() throws Exception {
    engines.getFirst().engine().getProcessEngineConfiguration().getClock().reset();
    for (FormRuntime e : engines) {
      e.close();
    }
    postgres.close();
  }

  @Test
  void eachTimeOutFiresOnceAcrossBothEnginesAndEitherDecides() throws Exception {
    System.out.println("ManyEnginesTimersTest seed " + SEED + " (-Dscion.test.seed=" + SEED + ")");
    Random random = new Random(SEED);
    FormRuntime a = engines.get(0).forTenant("acme");
    FormRuntime b = engines.get(1).forTenant("acme");
    List<FormRuntime> either = List.of(a, b);
    a.deploy(EXPENSE);

    List<String> requests = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      String r = either.get(random.nextInt(2)).start(EXPENSE, "lan", "minh", claim(100 + i));
      FormRuntime lead = either.get(random.nextInt(2));
      lead.approve(only(lead, "minh", List.of(), r).id(), "minh", null);
      requests.add(r);
    }
    for (String r : requests) {
      assertEquals("finance", only(b, "ana", List.of("finance"), r).step(), "waits for finance");
    }
    assertEquals(0, escalated(a, requests), "nothing escalates before its time");

    long started = System.nanoTime();
    moveClocks(Instant.now().plus(Duration.ofHours(49)));
    waitFor(() -> escalated(a, requests) == REQUESTS, Duration.ofSeconds(30));
    long ms = (System.nanoTime() - started) / 1_000_000;
    Thread.sleep(1500); // several more polls of both engines: nothing fires twice
    System.out.printf(
        java.util.Locale.ROOT,
        "%d time-outs fired in %d ms: %d by node-a, %d by node-b%n",
        REQUESTS,
        ms,
        fired.get("node-a").size(),
        fired.get("node-b").size());

    List<String> all = new ArrayList<>(fired.get("node-a"));
    all.addAll(fired.get("node-b"));
    assertEquals(REQUESTS, all.size(), "one firing per request: " + fired);
    assertEquals(REQUESTS, all.stream().distinct().count(), "no request fired twice: " + fired);
    assertTrue(all.containsAll(requests), fired.toString());
    for (String r : requests) {
      assertEquals(1, timerSteps(r), r + " went through its time-out once");
      assertEquals(
          List.of(),
          a.tasks("ana", List.of("finance")).stream().filter(p -> p.request().equals(r)).toList(),
          "finance no longer has " + r);
    }
    assertEquals(0, openJobs(), "no timer or job is left behind");
    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().startsWith("scion-forms-job node-")),
        "timers run on the engine's named threads");

    for (String r : requests) {
      FormRuntime decider = either.get(random.nextInt(2));
      FormRuntime other = decider == a ? b : a;
      FormRuntime.Pending boss = only(decider, "boss", List.of("finance_lead"), r);
      assertEquals("escalated_finance", boss.step());
      decider.approve(boss.id(), "boss", List.of("finance_lead"), null);
      assertEquals("hr_legal", only(other, "hoa", List.of("hr"), r).step(), "seen on the other");
      assertTrue(other.audit(r).contains("escalated_finance by boss: approve"), String.valueOf(r));
    }
  }

  @Test
  void closingAnEngineStopsItsTimerThreads() throws Exception {
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    FormRuntime c =
        FormRuntime.open(
            postgres.getJdbcUrl("postgres", "postgres"),
            "postgres",
            "",
            new FormRuntime.Jobs("node-c", 2, Duration.ofMillis(200), Duration.ofSeconds(30)));
    c.forTenant("acme").fireTimers(Instant.now()); // nothing due; the engine is up
    Thread.sleep(500);
    List<Thread> started =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && !t.getName().matches(".*node-[ab].*"))
            .toList();
    System.out.println("node-c runs " + started.stream().map(Thread::getName).sorted().toList());
    assertTrue(!started.isEmpty(), "the engine runs its executor");
    long t0 = System.nanoTime();
    c.close();
    for (Thread t : started) {
      t.join(15_000);
      assertTrue(!t.isAlive(), t.getName() + " stopped");
    }
    System.out.printf(
        java.util.Locale.ROOT, "node-c stopped in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
  }

  /** Moves the clock of both engines (Flowable keeps one per process; set through each anyway). */
  private void moveClocks(Instant to) {
    for (FormRuntime e : engines) {
      e.engine().getProcessEngineConfiguration().getClock().setCurrentTime(Date.from(to));
    }
  }

  private static FlowableEventListener firings(List<String> into) {
    return new FlowableEventListener() {
      @Override
      public void onEvent(FlowableEvent event) {
        if (event instanceof FlowableEntityEvent e && e.getEntity() instanceof Job job) {
          into.add(job.getProcessInstanceId());
        }
      }

      @Override
      public boolean isFailOnException() {
        return false;
      }

      @Override
      public boolean isFireOnTransactionLifecycleEvent() {
        return true;
      }

      @Override
      public String getOnTransaction() {
        return TransactionState.COMMITTED.name();
      }
    };
  }

  private static int escalated(FormRuntime rt, List<String> requests) {
    return (int)
        rt.tasks("boss", List.of("finance_lead")).stream()
            .filter(p -> requests.contains(p.request()))
            .count();
  }

  /** How often the request passed its finance time-out (Flowable's history of the timer event). */
  private long timerSteps(String request) {
    return engines
        .getFirst()
        .engine()
        .getHistoryService()
        .createHistoricActivityInstanceQuery()
        .processInstanceId(request)
        .activityId("timeout_finance")
        .count();
  }

  private long openJobs() {
    var m = engines.getFirst().engine().getManagementService();
    return m.createTimerJobQuery().count()
        + m.createJobQuery().count()
        + m.createDeadLetterJobQuery().count();
  }

  private static FormRuntime.Pending only(
      FormRuntime rt, String user, List<String> groups, String request) {
    List<FormRuntime.Pending> mine =
        rt.tasks(user, groups).stream().filter(p -> p.request().equals(request)).toList();
    assertEquals(1, mine.size(), user + " " + groups + ": " + mine);
    return mine.getFirst();
  }

  private static Map<String, Object> claim(double amount) {
    return new java.util.HashMap<>(
        Map.of("amount", amount, "reason", "client visit", "type", "meals"));
  }

  private static void waitFor(java.util.function.BooleanSupplier done, Duration atMost)
      throws InterruptedException {
    long until = System.nanoTime() + atMost.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("not done within " + atMost);
      }
      Thread.sleep(50);
    }
  }
}
