package dev.scion.dialog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A conversation's state, serialisable as JSON: the task stack (the active task last), each task's
 * slots, the last results offered, a write waiting for confirmation, and the turn count.
 */
public final class DialogState {
  /** A task under way: its name, its slot values, which of them were derived, its status. */
  public static final class Frame {
    public String task;
    public Map<String, Object> slots = new LinkedHashMap<>();
    public Set<String> derived = new LinkedHashSet<>();
    public boolean awaitingConfirmation;

    /**
     * Answered and kept as the conversation's topic (a task with {@code reruns_on}): a message that
     * changes its values runs it again; a task started now takes its place and its values.
     */
    public boolean answered;

    /**
     * The values of a run that found nothing (a mismatched identity check): when the user gives one
     * of them again, the others are taken from here.
     */
    public Map<String, Object> tried = new LinkedHashMap<>();

    public Frame() {}

    Frame(String task) {
      this.task = task;
    }
  }

  public String conversation = "c";

  /**
   * The tenant the conversation belongs to: the tools see and change only its records ({@code
   * :_tenant}). Set by whoever opens the conversation, never by what is said in it.
   */
  public String owner = dev.scion.dialog.tools.Tools.DEFAULT_TENANT;

  /**
   * A digest of every message of the conversation so far: a write's request id is made from it, so
   * that two conversations that part ways after the same first words never share a write, while the
   * same conversation replayed gives the same request ids.
   */
  public String history = "";

  public String language = "en";
  public int turn;
  public List<Frame> stack = new ArrayList<>();
  public List<Map<String, Object>> offered = new ArrayList<>();

  /** A dialogue act asked about in the last reply ("stop": shall the task stop?), or null. */
  public String pendingAct;

  /** Tasks that have found their row in this conversation (a guard such as an identity check). */
  public Set<String> passed = new LinkedHashSet<>();

  /** Runs of a task with {@code attempts} that found no row. */
  public Map<String, Integer> misses = new LinkedHashMap<>();

  /**
   * Tasks that used up their attempts: the conversation went to a person, and no task that needs
   * one of them runs again.
   */
  public Set<String> refused = new LinkedHashSet<>();

  /** Values heard outside any task, kept for the next task that needs them. */
  public Map<String, Object> context = new LinkedHashMap<>();

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper()
          .configure(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS, true)
          .configure(
              com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
              true)
          .registerModule(
              new com.fasterxml.jackson.databind.module.SimpleModule()
                  .addSerializer(
                      java.time.LocalDate.class,
                      com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance));

  /**
   * The state as JSON, to keep between turns: numbers stay whole numbers or exact decimals, dates
   * become ISO text (as the engine reads them).
   */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new DialogException("cannot write the conversation state: " + e.getMessage(), e);
    }
  }

  /** A state written by {@link #toJson()}. */
  public static DialogState fromJson(String json) {
    try {
      return JSON.readValue(json, DialogState.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new DialogException("cannot read a kept conversation state: " + e.getMessage(), e);
    }
  }

  /** The active task, or null. */
  public Frame active() {
    return stack.isEmpty() ? null : stack.getLast();
  }

  public String activeTask() {
    return stack.isEmpty() ? null : stack.getLast().task;
  }
}
