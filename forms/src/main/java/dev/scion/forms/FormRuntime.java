package dev.scion.forms;

import dev.scion.models.EmbeddedH2;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.history.HistoricActivityInstance;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.task.api.Task;

/**
 * Runs compiled forms on an embedded Flowable engine (H2 by default; any JDBC database Flowable
 * supports): deploy a form's flow, start a request with data checked against the form, list the
 * tasks of a user and their groups, approve or reject with a comment, and read the audit trail.
 */
public final class FormRuntime implements AutoCloseable {
  /** A task waiting for someone: its id, the step, the request and who may act on it. */
  public record Pending(String id, String step, String request) {}

  /**
   * How an engine runs the forms' timers (a step's time-out): Flowable's async executor, which
   * takes each due timer under a lock in the database, so engines of several servers on one
   * database fire each timer once, whichever server started the request.
   *
   * @param node names this engine in the database's job locks (unique per server)
   * @param threads jobs run at once
   * @param poll how often the database is asked for due timers
   * @param lock how long a job stays with this engine: a server that stops while it holds one
   *     leaves it to the others after this
   */
  public record Jobs(String node, int threads, java.time.Duration poll, java.time.Duration lock) {
    public Jobs {
      if (node == null || node.isBlank() || node.length() > 200) {
        throw new IllegalArgumentException(
            "a node name of 1 to 200 characters, not '" + node + "'");
      }
      if (threads < 1 || poll.isNegative() || poll.isZero() || lock.compareTo(poll) <= 0) {
        throw new IllegalArgumentException(
            "jobs of " + node + ": at least 1 thread, and a lock longer than the poll");
      }
    }

    /** A server's settings: 2 threads, due timers looked for every 5 s, locks of 1 minute. */
    public static Jobs of(String node) {
      return new Jobs(node, 2, java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(1));
    }

    /** A name for this process: host, process id and a short random part. */
    public static String thisNode() {
      String host;
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        host = "localhost";
      }
      return host
          + "/"
          + ProcessHandle.current().pid()
          + "/"
          + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
  }

  /** How a role stands as the assignee of one approver's share of an all/any step. */
  private static final String ROLE = "role:";

  private final ProcessEngine engine;
  private final String tenant;
  private final boolean owner;

  private FormRuntime(ProcessEngine engine, String tenant, boolean owner) {
    this.engine = engine;
    this.tenant = tenant;
    this.owner = owner;
  }

  /**
   * The same engine seen by one tenant: its forms, requests and tasks only, and ids of other
   * tenants' requests and tasks are unknown to it. Closing the view leaves the engine running.
   */
  public FormRuntime forTenant(String tenantId) {
    return new FormRuntime(engine, tenantId == null ? "" : tenantId, false);
  }

  /** The tenant this runtime sees; empty for the engine's own (untenanted) forms. */
  public String tenant() {
    return tenant;
  }

  /** Removes this tenant's forms with their requests, tasks and history. */
  public void deleteAll() {
    if (tenant.isEmpty()) {
      throw new IllegalStateException("the untenanted forms are not deleted wholesale");
    }
    var repo = engine.getRepositoryService();
    for (var d : repo.createDeploymentQuery().deploymentTenantId(tenant).list()) {
      repo.deleteDeployment(d.getId(), true);
    }
  }

  /** How many requests this tenant has started, running or finished. */
  public long requestCount() {
    var q = engine.getHistoryService().createHistoricProcessInstanceQuery();
    return (tenant.isEmpty()
            ? q.processInstanceWithoutTenantId()
            : q.processInstanceTenantId(tenant))
        .count();
  }

  /**
   * The engine of a Scion data folder: Flowable's tables in embedded H2 under {@code forms/}, open
   * in one process at a time (no port is opened), with a generated password and owner-only files
   * ({@link EmbeddedH2}).
   */
  public static FormRuntime inDataFolder(java.nio.file.Path data) {
    return inDataFolder(data, null);
  }

  /** As {@link #inDataFolder(java.nio.file.Path)}, firing timers as {@code jobs} says (or not). */
  public static FormRuntime inDataFolder(java.nio.file.Path data, Jobs jobs) {
    java.nio.file.Path base = data.toAbsolutePath().resolve("forms").resolve("flowable");
    EmbeddedH2.Credentials c = EmbeddedH2.prepare(base);
    FormRuntime r;
    try {
      r = open(c.url(), c.user(), c.password(), jobs);
    } catch (RuntimeException e) {
      if (inUse(e)) {
        throw new FormException(
            1,
            1,
            "the forms database of this data folder is open in another process (a running"
                + " server?); stop it, or use the server's /forms API meanwhile");
      }
      throw e;
    }
    EmbeddedH2.restrictFiles(base);
    return r;
  }

  /** Whether H2 refused the database because another process has it open (error 90020). */
  private static boolean inUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException s && s.getErrorCode() == 90020) {
        return true;
      }
    }
    return false;
  }

  /**
   * An engine on a JDBC database, creating or updating Flowable's tables as needed. It fires no
   * timers by itself (a command-line run, or a test calling {@link #fireTimers}); a server opens it
   * with {@link Jobs}.
   */
  public static FormRuntime open(String jdbcUrl, String user, String password) {
    return open(jdbcUrl, user, password, null);
  }

  /**
   * An engine on a JDBC database that fires due timers itself when {@code jobs} is given: every
   * engine on the database may, and each timer fires once.
   */
  public static FormRuntime open(String jdbcUrl, String user, String password, Jobs jobs) {
    ProcessEngineConfiguration c =
        ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
            .setJdbcUrl(jdbcUrl)
            .setJdbcUsername(user)
            .setJdbcPassword(password)
            .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
            .setAsyncExecutorActivate(jobs != null);
    // users and groups come from the caller's directory, and no events are registered: Flowable's
    // identity and event-registry engines (and the Liquibase run of the latter) are not started
    var impl = (org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl) c;
    impl.setDisableIdmEngine(true);
    impl.setDisableEventRegistry(true);
    if (jobs != null) {
      runJobs(impl, jobs);
    }
    return new FormRuntime(c.buildProcessEngine(), "", true);
  }

  /** Flowable's async executor with this node's lock owner, named threads and short locks. */
  private static void runJobs(
      org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl c, Jobs jobs) {
    int poll = Math.toIntExact(jobs.poll().toMillis());
    int lock = Math.toIntExact(jobs.lock().toMillis());
    c.setEngineName("scion-forms " + jobs.node());
    c.setAsyncExecutorLockOwner(jobs.node());
    c.setAsyncExecutorCorePoolSize(jobs.threads());
    c.setAsyncExecutorMaxPoolSize(jobs.threads());
    c.setAsyncExecutorThreadPoolQueueSize(100);
    c.setAsyncExecutorThreadFactory(
        Thread.ofPlatform().name("scion-forms-job " + jobs.node() + " #", 1).daemon().factory());
    c.setAsyncExecutorDefaultTimerJobAcquireWaitTime(poll);
    c.setAsyncExecutorDefaultAsyncJobAcquireWaitTime(poll);
    // a few due timers at a time, so that a burst of them is shared by the servers
    c.setAsyncExecutorMaxTimerJobsPerAcquisition(jobs.threads());
    c.setAsyncExecutorMaxAsyncJobsDuePerAcquisition(jobs.threads());
    c.setAsyncExecutorTimerLockTimeInMillis(lock);
    c.setAsyncExecutorAsyncJobLockTimeInMillis(lock);
    c.setAsyncExecutorResetExpiredJobsInterval(lock);
    c.setAsyncExecutorUnlockOwnedJobs(true); // on close, what this node took goes back at once
    c.setAsyncExecutorSecondsToWaitOnShutdown(10);
  }

  /** Deploys the form's flow (validated by Flowable); returns the process key. */
  public String deploy(Form form) {
    return deploy(form, true);
  }

  /**
   * Deploys the form's flow; with {@code replace} false, a form of the same key already deployed
   * for this tenant is kept and the deployment refused ({@link FormAccessException.Reason#EXISTS}).
   */
  public String deploy(Form form, boolean replace) {
    String key = BpmnWriter.processId(form.name());
    if (!replace && form(key) != null) {
      throw new FormAccessException(
          FormAccessException.Reason.EXISTS,
          "a form '"
              + key
              + "' is deployed already; deploying this one replaces it for new requests: ask for"
              + " it with --replace (command line) or ?replace=true (HTTP), or rename the form");
    }
    try {
      engine
          .getRepositoryService()
          .createDeployment()
          .name(form.name())
          .key(key)
          .addString(key + ".bpmn20.xml", BpmnWriter.write(form))
          .addString(key + ".form", FormFormatter.format(form))
          .tenantId(tenant)
          .deploy();
    } catch (RuntimeException e) {
      throw new FormException(
          1, 1, "the flow of '" + form.name() + "' cannot be deployed: " + e.getMessage());
    }
    return key;
  }

  /** The latest deployed form of a process key, or null. */
  public Form form(String key) {
    var repo = engine.getRepositoryService();
    var q = repo.createDeploymentQuery().deploymentKey(key);
    var d =
        (tenant.isEmpty() ? q.deploymentWithoutTenantId() : q.deploymentTenantId(tenant))
            .latest()
            .singleResult();
    if (d == null) {
      return null;
    }
    try (var in = repo.getResourceAsStream(d.getId(), key + ".form")) {
      return FormParser.parse(
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new FormException(1, 1, "cannot read the deployed form " + key + ": " + e.getMessage());
    }
  }

  /**
   * Starts a request. The data must satisfy the form ({@link FormData#problems}); the applicant's
   * manager approves "manager of applicant" steps.
   */
  public String start(Form form, String applicant, String manager, Map<String, Object> data) {
    List<String> problems = FormData.problems(form, data);
    if (!problems.isEmpty()) {
      throw new FormDataException(problems);
    }
    boolean needsManager =
        form.steps().stream()
            .flatMap(st -> st.approvers().stream())
            .anyMatch(a -> a.kind().equals("manager"));
    if (needsManager && (manager == null || manager.isBlank())) {
      throw new FormException(
          1,
          1,
          "'"
              + form.name()
              + "' is approved by the applicant's manager, and "
              + applicant
              + " has none: add their manager to the directory, or name the manager");
    }
    Map<String, Object> vars = new HashMap<>(data);
    vars.put("manager", manager);
    vars.put(
        "copy_to", String.join(",", form.copyTo().stream().map(Form.Approver::toString).toList()));
    vars.put("decision", "approve");
    for (Form.Step s : form.steps()) {
      List<String> approvers = new ArrayList<>();
      for (Form.Approver a : s.approvers()) {
        approvers.add(
            switch (a.kind()) {
              case "manager" -> manager;
              case "role" -> ROLE + a.name(); // any member of the role decides this instance
              default -> a.name();
            });
      }
      vars.put("approvers_" + s.id(), approvers);
    }
    engine.getIdentityService().setAuthenticatedUserId(applicant);
    try {
      RuntimeService r = engine.getRuntimeService();
      String key = BpmnWriter.processId(form.name());
      return (tenant.isEmpty()
              ? r.startProcessInstanceByKey(key, vars)
              : r.startProcessInstanceByKeyAndTenantId(key, vars, tenant))
          .getId();
    } finally {
      engine.getIdentityService().setAuthenticatedUserId(null);
    }
  }

  /** Tasks a user may act on: assigned to them, or to one of their groups. */
  public List<Pending> tasks(String user, List<String> groups) {
    TaskService t = engine.getTaskService();
    List<Task> found = new ArrayList<>(taskQuery().taskAssignee(user).list());
    if (!groups.isEmpty()) {
      found.addAll(taskQuery().taskCandidateGroupIn(groups).list());
      found.addAll(taskQuery().taskAssigneeIds(groups.stream().map(g -> ROLE + g).toList()).list());
    }
    found.addAll(taskQuery().taskCandidateUser(user).taskUnassigned().list());
    java.util.Set<String> seen = new java.util.HashSet<>();
    found.removeIf(x -> !seen.add(x.getId()));
    List<Pending> out = new ArrayList<>();
    for (Task x : found) {
      if (x.getParentTaskId() == null) {
        out.add(new Pending(x.getId(), x.getTaskDefinitionKey(), x.getProcessInstanceId()));
      } else { // an added signer: the step and request of the task it was added to
        Task parent = t.createTaskQuery().taskId(x.getParentTaskId()).singleResult();
        out.add(
            new Pending(x.getId(), parent.getTaskDefinitionKey(), parent.getProcessInstanceId()));
      }
    }
    return out;
  }

  /** The open task with this id (its step and request), or null. */
  public Pending task(String taskId) {
    Task x = taskQuery().taskId(taskId).singleResult();
    if (x == null) {
      return null;
    }
    Task parent =
        x.getParentTaskId() == null
            ? x
            : engine.getTaskService().createTaskQuery().taskId(x.getParentTaskId()).singleResult();
    return new Pending(x.getId(), step(x), parent == null ? null : parent.getProcessInstanceId());
  }

  /** Whether {@code taskId} is an open task of this tenant. */
  public boolean hasOpenTask(String taskId) {
    return taskQuery().taskId(taskId).count() > 0;
  }

  /** Approves a task as {@code user}, who holds no role. */
  public void approve(String taskId, String user, String comment) {
    approve(taskId, user, List.of(), comment);
  }

  /**
   * Approves a task as {@code user}, who holds {@code roles}: accepted only from the task's
   * assignee or a member of its candidate roles ({@link FormAccessException} otherwise, and the
   * task stays open).
   */
  public void approve(String taskId, String user, List<String> roles, String comment) {
    decide(taskId, user, roles, comment, "approve");
  }

  public void reject(String taskId, String user, String comment) {
    reject(taskId, user, List.of(), comment);
  }

  /** Rejects a task; who may, as for {@link #approve(String, String, List, String)}. */
  public void reject(String taskId, String user, List<String> roles, String comment) {
    decide(taskId, user, roles, comment, "reject");
  }

  private void decide(
      String taskId, String user, List<String> roles, String comment, String decision) {
    TaskService t = engine.getTaskService();
    Task task = decidable(taskId, user, roles);
    List<Task> signers = task.getParentTaskId() == null ? t.getSubTasks(taskId) : List.of();
    if (decision.equals("approve") && !signers.isEmpty()) {
      throw new FormException(
          1,
          1,
          "task "
              + taskId
              + " waits for the added signers "
              + signers.stream().map(Task::getAssignee).toList()
              + " to approve first");
    }
    takeOver(task, user);
    record(task, user, comment == null || comment.isBlank() ? decision : decision + ": " + comment);
    if (task.getParentTaskId() != null) { // an added signer
      t.complete(taskId);
      if (decision.equals("reject")) {
        t.complete(task.getParentTaskId(), Map.of("decision", decision));
      }
      return;
    }
    for (Task s : signers) {
      t.deleteTask(s.getId(), "the step was rejected");
    }
    t.complete(taskId, Map.of("decision", decision));
  }

  /** The open task, when {@code user} with {@code roles} may decide it. */
  private Task decidable(String taskId, String user, List<String> roles) {
    Task task = taskQuery().taskId(taskId).singleResult();
    if (task == null) {
      throw new FormException(1, 1, "no open task " + taskId);
    }
    List<String> deciders = deciders(task);
    boolean mine =
        user != null
            && !user.isBlank()
            && (deciders.contains("user " + user)
                || roles.stream().anyMatch(r -> deciders.contains("role " + r)));
    if (!mine) {
      throw new FormAccessException(
          FormAccessException.Reason.NOT_THEIRS,
          "task "
              + taskId
              + " ("
              + step(task)
              + ") is decided by "
              + String.join(" or ", deciders)
              + "; "
              + (user == null || user.isBlank() ? "an unnamed user" : user)
              + " is neither");
    }
    return task;
  }

  /** Who may decide a task: "user minh", "role finance". */
  private List<String> deciders(Task task) {
    List<String> out = new ArrayList<>();
    String a = task.getAssignee();
    if (a != null) {
      out.add(a.startsWith(ROLE) ? "role " + a.substring(ROLE.length()) : "user " + a);
    }
    for (var link : engine.getTaskService().getIdentityLinksForTask(task.getId())) {
      if (!"candidate".equals(link.getType())) {
        continue;
      }
      String who =
          link.getGroupId() != null ? "role " + link.getGroupId() : "user " + link.getUserId();
      if (!out.contains(who)) {
        out.add(who);
      }
    }
    return out;
  }

  /** The step of a task, or of the task an added signer was added to. */
  private String step(Task task) {
    if (task.getParentTaskId() == null) {
      return task.getTaskDefinitionKey();
    }
    Task parent =
        engine.getTaskService().createTaskQuery().taskId(task.getParentTaskId()).singleResult();
    return parent == null ? task.getName() : parent.getTaskDefinitionKey();
  }

  /** Makes the decider the task's assignee, so that the history names who really decided. */
  private void takeOver(Task task, String user) {
    if (!user.equals(task.getAssignee())) {
      engine.getTaskService().setAssignee(task.getId(), user);
    }
  }

  /** Keeps a decision in the task's comments, written as {@code user}. */
  private void record(Task task, String user, String message) {
    var identity = engine.getIdentityService();
    identity.setAuthenticatedUserId(user);
    try {
      engine.getTaskService().addComment(task.getId(), task.getProcessInstanceId(), message);
    } finally {
      identity.setAuthenticatedUserId(null);
    }
  }

  public String addSigner(String taskId, String user, String signer) {
    return addSigner(taskId, user, List.of(), signer);
  }

  /**
   * Adds a signer to a task: {@code signer} must approve too before the task can be approved, and a
   * rejection by them rejects the step. Only someone who may decide the task adds signers.
   */
  public String addSigner(String taskId, String user, List<String> roles, String signer) {
    TaskService t = engine.getTaskService();
    Task task = decidable(taskId, user, roles);
    takeOver(task, user);
    record(task, user, "add signer " + signer);
    Task sub = t.newTask();
    sub.setParentTaskId(taskId);
    sub.setName(task.getTaskDefinitionKey() + " (added by " + user + ")");
    sub.setAssignee(signer);
    sub.setTenantId(tenant);
    t.saveTask(sub);
    return sub.getId();
  }

  /**
   * Fires the timers that are due by {@code now} (a running engine's job executor does this by
   * itself; this runs them at once, for operators and tests).
   */
  public int fireTimers(java.time.Instant now) {
    var m = engine.getManagementService();
    int fired = 0;
    for (var job : m.createTimerJobQuery().timers().list()) {
      if (job.getDuedate() == null || !job.getDuedate().toInstant().isAfter(now)) {
        m.moveTimerToExecutableJob(job.getId());
        m.executeJob(job.getId());
        fired++;
      }
    }
    return fired;
  }

  public void delegate(String taskId, String from, String to) {
    delegate(taskId, from, List.of(), to);
  }

  /** Passes a task to someone else, who then decides it; only someone who may decide it may. */
  public void delegate(String taskId, String from, List<String> roles, String to) {
    Task task = decidable(taskId, from, roles);
    record(task, from, "delegate to " + to);
    engine.getTaskService().setAssignee(taskId, to);
  }

  /**
   * Finished requests whose form copies them to this user or one of their groups: ids with their
   * outcome ("2501 approved").
   */
  public List<String> copies(String user, List<String> groups) {
    List<String> who = new ArrayList<>();
    who.add("user " + user);
    groups.forEach(g -> who.add("role " + g));
    List<String> out = new ArrayList<>();
    var q = engine.getHistoryService().createHistoricProcessInstanceQuery();
    for (HistoricProcessInstance p :
        (tenant.isEmpty() ? q.processInstanceWithoutTenantId() : q.processInstanceTenantId(tenant))
            .finished()
            .includeProcessVariables()
            .orderByProcessInstanceEndTime()
            .asc()
            .list()) {
      Object copy = p.getProcessVariables().get("copy_to");
      if (copy != null && List.of(copy.toString().split(",")).stream().anyMatch(who::contains)) {
        out.add(p.getId() + " " + p.getEndActivityId());
      }
    }
    return out;
  }

  /** {@code running}, {@code approved} or {@code rejected}. */
  public String status(String request) {
    RuntimeService r = engine.getRuntimeService();
    var running = r.createProcessInstanceQuery().processInstanceId(request);
    if ((tenant.isEmpty()
                ? running.processInstanceWithoutTenantId()
                : running.processInstanceTenantId(tenant))
            .count()
        > 0) {
      return "running";
    }
    HistoryService h = engine.getHistoryService();
    var q = h.createHistoricProcessInstanceQuery().processInstanceId(request);
    HistoricProcessInstance p =
        (tenant.isEmpty() ? q.processInstanceWithoutTenantId() : q.processInstanceTenantId(tenant))
            .singleResult();
    return p == null ? "unknown" : p.getEndActivityId();
  }

  /**
   * The steps a request went through, in order: "step by who" with what they decided and said
   * ({@code finance by ana: reject "receipt missing"}), and for a step still open who may decide it
   * ({@code finance waiting for role finance}).
   */
  public List<String> audit(String request) {
    List<String> out = new ArrayList<>();
    if (status(request).equals("unknown")) {
      return out;
    }
    TaskService t = engine.getTaskService();
    List<HistoricActivityInstance> steps =
        new ArrayList<>(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(request)
                .activityType("userTask")
                .list());
    // in the order they opened; steps opened together (in parallel) in the order they were decided
    steps.sort(
        java.util.Comparator.comparing(HistoricActivityInstance::getStartTime)
            .thenComparing(
                HistoricActivityInstance::getEndTime,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
    for (HistoricActivityInstance a : steps) {
      out.add(auditLine(t, a));
    }
    return out;
  }

  private String auditLine(TaskService t, HistoricActivityInstance a) {
    String step = a.getActivityId();
    if (a.getEndTime() == null) {
      Task open =
          a.getTaskId() == null ? null : t.createTaskQuery().taskId(a.getTaskId()).singleResult();
      return step + " waiting for " + (open == null ? "?" : String.join(" or ", deciders(open)));
    }
    List<org.flowable.engine.task.Comment> said =
        a.getTaskId() == null ? List.of() : new ArrayList<>(t.getTaskComments(a.getTaskId()));
    said.sort(java.util.Comparator.comparing(org.flowable.engine.task.Comment::getTime));
    String who = a.getAssignee() == null ? "" : a.getAssignee();
    if (said.isEmpty()) {
      return who.startsWith(ROLE)
          ? step + " not needed from role " + who.substring(ROLE.length())
          : step + " by " + who;
    }
    StringBuilder line = new StringBuilder(step).append(" by ").append(who).append(':');
    for (int i = 0; i < said.size(); i++) {
      var c = said.get(i);
      line.append(i == 0 ? " " : "; ");
      if (!who.equals(c.getUserId())) {
        line.append(c.getUserId()).append(' ');
      }
      String m = c.getFullMessage();
      int colon = m.indexOf(": ");
      line.append(colon < 0 ? m : m.substring(0, colon) + " \"" + m.substring(colon + 2) + "\"");
    }
    return line.toString();
  }

  private org.flowable.task.api.TaskQuery taskQuery() {
    var q = engine.getTaskService().createTaskQuery();
    return tenant.isEmpty() ? q.taskWithoutTenantId() : q.taskTenantId(tenant);
  }

  /** The engine itself, for tests in this package (its clock, its event listeners). */
  ProcessEngine engine() {
    return engine;
  }

  /**
   * Stops the engine, unless this is a tenant's view of it; its timer threads finish the job in
   * hand (10 s at most) and give back the jobs they had taken but not begun.
   */
  @Override
  public void close() {
    if (owner) {
      engine.close();
    }
  }
}
