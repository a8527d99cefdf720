package dev.scion.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a form's flow as BPMN 2.0 for a workflow engine (Flowable's dialect). Each step is a user
 * task: for one approver a task for that person or group; for several, a multi-instance task over
 * them, parallel, finishing when all have approved ({@code all}) or when one has ({@code any}). A
 * step with a condition is skipped by an exclusive gateway when it does not hold. After each step a
 * gateway reads the {@code decision} variable: a rejection goes back to the step named by {@code on
 * reject}, or ends the request as rejected.
 */
public final class BpmnWriter {
  private BpmnWriter() {}

  public static String write(Form f) {
    String process = processId(f.name());
    StringBuilder x = new StringBuilder();
    x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"")
        .append(" xmlns:flowable=\"http://flowable.org/bpmn\"")
        .append(" targetNamespace=\"http://scion.dev/forms\">\n")
        .append("  <process id=\"")
        .append(process)
        .append("\" name=\"")
        .append(escape(f.name()))
        .append("\" isExecutable=\"true\">\n")
        .append("    <startEvent id=\"start\" flowable:initiator=\"applicant\"/>\n")
        .append("    <endEvent id=\"approved\" name=\"approved\"/>\n")
        .append("    <endEvent id=\"rejected\" name=\"rejected\"/>\n");
    List<String> flows = new ArrayList<>();
    String previous = "start";
    String incoming = "start_flow";
    for (int i = 0; i < f.steps().size(); i++) {
      Form.Step s = f.steps().get(i);
      String next = i + 1 < f.steps().size() ? entry(f.steps().get(i + 1)) : "approved";
      flows.add(flow(incoming, previous, entry(s), null));
      if (s.when() != null) {
        String gate = entry(s);
        x.append("    <exclusiveGateway id=\"")
            .append(gate)
            .append("\" default=\"skip_")
            .append(s.id())
            .append("\"/>\n");
        flows.add(flow("take_" + s.id(), gate, s.id(), "${" + expression(s.when()) + "}"));
        flows.add(flow("skip_" + s.id(), gate, next, null));
      }
      task(x, s);
      String decided = "decided_" + s.id();
      x.append("    <exclusiveGateway id=\"")
          .append(decided)
          .append("\" default=\"approve_")
          .append(s.id())
          .append("\"/>\n");
      flows.add(flow(s.id() + "_done", s.id(), decided, null));
      for (Form.Timeout t : f.timeouts()) {
        if (t.step().equals(s.id())) {
          escalation(x, flows, s, t, decided);
        }
      }
      String back = null;
      for (Form.Rejection r : f.rejections()) {
        if (r.step().equals(s.id())) {
          back = r.backTo();
        }
      }
      String target = "rejected";
      for (Form.Step t : f.steps()) {
        if (t.id().equals(back)) {
          target = entry(t);
        }
      }
      flows.add(flow("reject_" + s.id(), decided, target, "${decision == 'reject'}"));
      previous = decided;
      incoming = "approve_" + s.id();
    }
    flows.add(flow(incoming, previous, "approved", null));
    for (String fl : flows) {
      x.append(fl);
    }
    x.append("  </process>\n</definitions>\n");
    return x.toString();
  }

  /**
   * A step left undecided for the timeout's hours is taken from its approvers and given to the
   * escalation's: an interrupting timer on the task leads to a task of the same step for them,
   * whose decision counts as the step's.
   */
  private static void escalation(
      StringBuilder x, List<String> flows, Form.Step s, Form.Timeout t, String decided) {
    String timer = "timeout_" + s.id();
    String task = "escalated_" + s.id();
    x.append("    <boundaryEvent id=\"")
        .append(timer)
        .append("\" attachedToRef=\"")
        .append(s.id())
        .append("\" cancelActivity=\"true\">\n      <timerEventDefinition><timeDuration>PT")
        .append(t.hours())
        .append("H</timeDuration></timerEventDefinition>\n    </boundaryEvent>\n");
    task(x, new Form.Step(task, List.of(t.escalateTo()), Form.Mode.SEQUENTIAL, null));
    flows.add(flow(timer + "_fired", timer, task, null));
    flows.add(flow(task + "_done", task, decided, null));
  }

  /** The element a step is entered by: its gateway when it has a condition, else its task. */
  private static String entry(Form.Step s) {
    return s.when() != null ? "when_" + s.id() : s.id();
  }

  private static void task(StringBuilder x, Form.Step s) {
    x.append("    <userTask id=\"").append(s.id()).append("\" name=\"").append(s.id()).append('"');
    if (s.approvers().size() == 1 && s.mode() != Form.Mode.ALL && s.mode() != Form.Mode.ANY) {
      Form.Approver a = s.approvers().getFirst();
      switch (a.kind()) {
        case "role" -> x.append(" flowable:candidateGroups=\"").append(a.name()).append('"');
        case "user" -> x.append(" flowable:assignee=\"").append(a.name()).append('"');
        default -> x.append(" flowable:assignee=\"${manager}\"");
      }
      x.append("/>\n");
      return;
    }
    x.append(" flowable:assignee=\"${approver}\">\n")
        .append("      <multiInstanceLoopCharacteristics isSequential=\"false\"")
        .append(" flowable:collection=\"${approvers_")
        .append(s.id())
        .append("}\"")
        .append(" flowable:elementVariable=\"approver\">\n");
    if (s.mode() == Form.Mode.ANY) {
      x.append(
          "        <completionCondition>${nrOfCompletedInstances >= 1}</completionCondition>\n");
    } else { // all must approve: one rejection ends the step
      x.append("        <completionCondition>${decision == 'reject'}</completionCondition>\n");
    }
    x.append("      </multiInstanceLoopCharacteristics>\n    </userTask>\n");
  }

  private static String flow(String id, String from, String to, String condition) {
    StringBuilder b =
        new StringBuilder(
            "    <sequenceFlow id=\""
                + id
                + "\" sourceRef=\""
                + from
                + "\" targetRef=\""
                + to
                + "\"");
    if (condition == null) {
      return b.append("/>\n").toString();
    }
    return b.append(">\n      <conditionExpression>")
        .append(escape(condition))
        .append("</conditionExpression>\n    </sequenceFlow>\n")
        .toString();
  }

  /** A condition as an expression over the form's variables. */
  static String expression(Form.Condition c) {
    String op = c.op().equals("=") ? "==" : c.op();
    boolean numeric = c.value().matches("-?\\d+(\\.\\d+)?");
    return c.field()
        + " "
        + op
        + " "
        + (numeric ? c.value() : "'" + c.value().replace("'", "") + "'");
  }

  public static String processId(String name) {
    String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    return id.isEmpty() || !Character.isLetter(id.charAt(0)) ? "form_" + id : id;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
