package dev.scion.server.knowledge;

import dev.scion.knowledge.KnowledgeBase;
import dev.scion.server.ApiException;
import dev.scion.vector.internal.FileTrees;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knowledge-base ingests that run in the background, one at a time per server, on the thread {@code
 * scion-ingest}. Waiting jobs are queued per tenant and taken from the tenants in turn, so a
 * tenant's job waits for at most one job of each other tenant. A tenant may have {@link
 * #MAX_PER_TENANT} jobs waiting or running, the server {@link #MAX_WAITING} waiting; past that an
 * upload is refused with a time to retry. Each job embeds with half the encoder's threads, leaving
 * the rest to searches and answers. A job's uploaded files stay in its spool until it ends, so that
 * a job the server stopped runs again when it starts. Finished jobs are kept for {@link
 * #KEEP_MINUTES} minutes.
 */
final class IngestJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("scion.knowledge");

  /** Jobs one tenant may have waiting or running. */
  static final int MAX_PER_TENANT = 4;

  /** Jobs the server holds waiting, over all tenants. */
  static final int MAX_WAITING = 64;

  /** How long a finished job can be looked up. */
  static final int KEEP_MINUTES = 60;

  /** A job's state. */
  enum State {
    QUEUED,
    RUNNING,
    DONE,
    FAILED
  }

  /** An ingest of one upload's documents into a base. */
  static final class Job {
    final String id;
    final String tenant;
    final String base;
    final Instant created = Instant.now();
    final int chunksTotal;
    final long tokens;
    final CompletableFuture<Job> done = new CompletableFuture<>();
    private final KnowledgeBase kb;
    private final Path spool;
    private final List<KnowledgeBase.Prepared> files;
    private final List<KnowledgeBase.FileResult> results;
    private final AtomicInteger chunksDone = new AtomicInteger();
    private volatile State state = State.QUEUED;
    private volatile String error;
    private volatile Instant finished;

    /**
     * {@code failed}: the upload's files that could not be prepared, reported with the rest; {@code
     * spool}: the folder holding the uploaded files until the job ends (null when none), from which
     * a job the server stopped before it ended is run again when it starts.
     */
    Job(
        String id,
        String tenant,
        String base,
        KnowledgeBase kb,
        List<KnowledgeBase.Prepared> files,
        List<KnowledgeBase.FileResult> failed,
        Path spool) {
      this.id = id;
      this.spool = spool;
      this.tenant = tenant;
      this.base = base;
      this.kb = kb;
      this.files = List.copyOf(files);
      this.results = Collections.synchronizedList(new ArrayList<>(failed));
      this.chunksTotal = files.stream().mapToInt(KnowledgeBase.Prepared::chunks).sum();
      this.tokens = files.stream().mapToLong(KnowledgeBase.Prepared::tokens).sum();
    }

    State state() {
      return state;
    }

    int chunksDone() {
      return chunksDone.get();
    }

    /** What happened to each document so far. */
    List<KnowledgeBase.FileResult> results() {
      synchronized (results) {
        return List.copyOf(results);
      }
    }

    /** Why the job failed, or null. */
    String error() {
      return error;
    }

    /** When it finished, or null. */
    Instant finished() {
      return finished;
    }

    /**
     * Runs the job on the calling thread, {@code parallelism} texts at a time. A job stopped by the
     * server's stopping ({@code stopping}) does not end: its spool runs it again at the next start.
     */
    void run(int parallelism, BooleanSupplier stopping) {
      state = State.RUNNING;
      int before = 0;
      for (int i = 0; i < files.size(); i++) {
        KnowledgeBase.Prepared p = files.get(i);
        int base = before;
        try {
          results.add(kb.ingest(p, parallelism, n -> chunksDone.set(base + n)));
        } catch (RuntimeException e) {
          if (stopping.getAsBoolean() && spool != null) {
            LOG.info("ingest job {} stopped with the server; it runs again at the next start", id);
            return;
          }
          LOG.error("ingest job {} into knowledge base {} failed", id, this.base, e);
          stop(i);
          return;
        }
        before += p.chunks();
      }
      error =
          results().stream()
              .map(KnowledgeBase.FileResult::error)
              .filter(e -> e != null)
              .findFirst()
              .orElse(null);
      finish(State.DONE);
    }

    /** Fails the job at file {@code at}: it and the files after it are not in the base. */
    private void stop(int at) {
      error =
          files.get(at).source()
              + " could not be stored, and the documents after it were not ingested (the base"
              + " keeps what it held of them); upload them again";
      for (KnowledgeBase.Prepared p : files.subList(at, files.size())) {
        results.add(new KnowledgeBase.FileResult(p.source(), "failed", 0, 0, error));
      }
      finish(State.FAILED);
    }

    void finish(State end) {
      finished = Instant.now();
      state = end;
      if (spool != null) {
        try {
          FileTrees.delete(spool);
        } catch (IOException e) {
          LOG.warn("the files of finished ingest job {} were not deleted: {}", id, e.getMessage());
        }
      }
      done.complete(this);
    }
  }

  /** A job refused for now: answered with {@code Retry-After: seconds}. */
  static final class Refused extends ApiException {
    private static final long serialVersionUID = 1L;
    final long seconds;

    Refused(int status, String message, long seconds) {
      super(status, message);
      this.seconds = seconds;
    }
  }

  private final int parallelism;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("scion-ingest").daemon().factory());

  /** Waiting jobs by tenant, in the order tenants are served. */
  private final Map<String, Deque<Job>> waiting = new LinkedHashMap<>();

  private volatile boolean stopping;

  /** The tenant whose job ran last. */
  private String lastServed;

  /** Every job kept, by id. */
  private final Map<String, Job> jobs = new LinkedHashMap<>();

  /**
   * @param parallelism how many texts a job embeds at once
   */
  IngestJobs(int parallelism) {
    this.parallelism = Math.max(1, parallelism);
  }

  /**
   * Queues a job; refuses it (429, or 503 when the server's queue is full) with a Retry-After when
   * the tenant or the server has too many.
   */
  synchronized Job submit(Job job) {
    forgetOld();
    long ofTenant =
        jobs.values().stream()
            .filter(j -> j.tenant.equals(job.tenant) && j.finished() == null)
            .count();
    if (ofTenant >= MAX_PER_TENANT) {
      throw new Refused(
          429,
          "this tenant already has "
              + ofTenant
              + " uploads being ingested, the most it may have; wait for one to finish (GET"
              + " /kb/"
              + job.base
              + "/jobs) and retry",
          10);
    }
    int queued = waiting.values().stream().mapToInt(Deque::size).sum();
    if (queued >= MAX_WAITING) {
      throw new Refused(
          503, "the server has " + queued + " uploads waiting to be ingested; retry later", 30);
    }
    return queue(job);
  }

  /** Queues a job the server accepted before it last stopped, whatever the limits. */
  synchronized Job resume(Job job) {
    return queue(job);
  }

  private Job queue(Job job) {
    jobs.put(job.id, job);
    waiting.computeIfAbsent(job.tenant, t -> new ArrayDeque<>()).add(job);
    if (!stopping) {
      worker.execute(this::runNext);
    }
    return job;
  }

  /** Runs {@code task} on the job thread before the jobs queued after this call. */
  void runOnJobThread(Runnable task) {
    worker.execute(task);
  }

  /**
   * Runs the oldest waiting job of the tenant whose turn it is: the tenants take turns, and the one
   * served last goes after the others even when it had nothing waiting in between.
   */
  private void runNext() {
    Job job;
    synchronized (this) {
      Map.Entry<String, Deque<Job>> next = null;
      for (Map.Entry<String, Deque<Job>> e : waiting.entrySet()) {
        if (next == null || next.getKey().equals(lastServed)) {
          next = e;
        }
      }
      if (next == null) {
        return;
      }
      String tenant = next.getKey();
      Deque<Job> queue = waiting.remove(tenant);
      job = queue.poll();
      if (!queue.isEmpty()) {
        waiting.put(tenant, queue); // to the back of the line
      }
      lastServed = tenant;
    }
    job.run(parallelism, () -> stopping);
  }

  /** A job of {@code tenant} into base {@code base}, or null: no other tenant's job is found. */
  synchronized Job find(String tenant, String base, String id) {
    Job j = jobs.get(id);
    return j != null && j.tenant.equals(tenant) && j.base.equals(base) ? j : null;
  }

  /** The kept jobs of a tenant's base, oldest first. */
  synchronized List<Job> list(String tenant, String base) {
    forgetOld();
    return jobs.values().stream()
        .filter(j -> j.tenant.equals(tenant) && j.base.equals(base))
        .toList();
  }

  private void forgetOld() {
    Instant before = Instant.now().minusSeconds(KEEP_MINUTES * 60L);
    jobs.values().removeIf(j -> j.finished() != null && j.finished().isBefore(before));
  }

  /**
   * Stops: the running job may finish for a few seconds (a base changes only when a document is
   * whole). Jobs with a spool that did not end run again when the server starts; others fail.
   */
  @Override
  public void close() {
    stopping = true;
    List<Job> dropped = new ArrayList<>();
    synchronized (this) {
      waiting.values().forEach(dropped::addAll);
      waiting.clear();
    }
    for (Job j : dropped) {
      if (j.spool == null) {
        j.error = "the server stopped before this upload was ingested; upload it again";
        j.finish(State.FAILED);
      }
    }
    worker.shutdown();
    try {
      if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.shutdownNow();
    }
  }
}
