package dev.scion.dialog;

import dev.scion.dialog.tools.LookupLimitException;
import dev.scion.dialog.tools.ToolException;
import dev.scion.dialog.tools.Tools;
import dev.scion.knowledge.Answerer;
import dev.scion.knowledge.KnowledgeBase;
import dev.scion.nlu.JointModel;
import dev.scion.nlu.Prediction;
import dev.scion.nlu.Span;
import dev.scion.nlu.Words;
import dev.scion.nlu.values.Dates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One conversation turn: understand the message (intents, slot values, corrections, a yes or a no),
 * update the task stack, run what the active task can run, answer knowledge questions, and compose
 * the reply from the pack's templates, the question that moves the task on always last.
 */
public final class DialogEngine {
  /** What a turn produced: the reply, the intents understood and the new state. */
  public record Turn(
      String user, String reply, List<String> intents, DialogState state, List<Command> commands) {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
        new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The turn as JSON: {@code {"user","reply","intents","state":{"active_task","slots","stack"},
     * "commands"}}, as {@code scion chat --json} prints it and the chat API reports it.
     */
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
      var o = JSON.createObjectNode();
      o.put("user", user);
      o.put("reply", reply);
      var i = o.putArray("intents");
      intents.forEach(i::add);
      var st = o.putObject("state");
      st.put("active_task", state.activeTask());
      st.set(
          "slots", JSON.valueToTree(state.active() == null ? state.context : state.active().slots));
      var stack = st.putArray("stack");
      state.stack.forEach(f -> stack.add(f.task));
      var c = o.putArray("commands");
      commands.forEach(x -> c.add(x.toString()));
      return o;
    }
  }

  /** Longest message read, in characters; the rest is ignored. */
  public static final int MAX_MESSAGE = 2000;

  /** Below this probability a message is not taken as the act at all. */
  static final double POSSIBLE = 0.3;

  private final PackSpec spec;
  private final Templates templates;
  private final Map<String, JointModel> nlu;
  private final Map<String, ActClassifier> acts;
  private final ValueReader reader;
  private final Tools tools;
  private final Map<String, KnowledgeBase> knowledge;
  private final Phrasing phrasing;

  DialogEngine(
      PackSpec spec,
      Templates templates,
      Map<String, JointModel> nlu,
      Map<String, ActClassifier> acts,
      ValueReader reader,
      Tools tools,
      Map<String, KnowledgeBase> knowledge,
      Phrasing phrasing) {
    this.phrasing = phrasing;
    this.spec = spec;
    this.templates = templates;
    this.nlu = nlu;
    this.acts = acts;
    this.reader = reader;
    this.tools = tools;
    this.knowledge = knowledge;
  }

  /** A slot value heard in the message. */
  private record Heard(String slot, Object value, String problem, String text) {}

  /** The reply being composed: parts in order, the question that moves the task on last. */
  private final class Reply {
    final String lang;
    final List<String> parts = new ArrayList<>();
    final List<String> knowledgeParts = new ArrayList<>();
    String prompt;
    String resumeTask;

    Reply(String lang) {
      this.lang = lang;
    }

    void add(String key, Map<String, ?> values) {
      parts.add(templates.render(lang, key, values));
    }

    String text() {
      List<String> all = new ArrayList<>(parts);
      all.addAll(knowledgeParts);
      if (prompt != null) {
        if (!knowledgeParts.isEmpty() && resumeTask != null) {
          String label = templates.render(lang, "task." + resumeTask, Map.of());
          all.add(templates.render(lang, "resume", Map.of("task", label)) + " " + prompt);
        } else {
          all.add(prompt);
        }
      }
      if (all.isEmpty()) {
        all.add(templates.render(lang, "not_understood", Map.of()));
      }
      return String.join("\n", all);
    }
  }

  public Turn turn(DialogState s, String message, LocalDate today) {
    Turn t = compose(s, message, today);
    return phrasing == null
        ? t
        : new Turn(
            t.user(), phrasing.phrase(t.reply(), s.language), t.intents(), t.state(), t.commands());
  }

  /** The language a message is read in: Chinese when it has Han characters and a Chinese model. */
  private String language(String text) {
    return text.codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
            && nlu.containsKey("zh")
        ? "zh"
        : "en";
  }

  /** What the understanding model reads in a message, before any state or rule is applied. */
  public Prediction read(String message) {
    String text = message == null ? "" : message.strip();
    return nlu.get(language(text)).predict(words(text));
  }

  /** A message's words, at most the first 200. */
  private static List<String> words(String text) {
    List<String> words = Words.split(text);
    return words.size() > 200 ? words.subList(0, 200) : words;
  }

  private Turn compose(DialogState s, String message, LocalDate today) {
    s.turn++;
    s.history = digest(s.history, message == null ? "" : message);
    String text = message == null ? "" : message.strip();
    if (text.length() > MAX_MESSAGE) {
      text = text.substring(0, MAX_MESSAGE);
    }
    String lang = language(text);
    s.language = lang;
    List<String> intents = new ArrayList<>();
    List<Command> commands = understand(s, text, lang, today, intents);
    Reply reply = new Reply(lang);
    act(s, commands, reply, today);
    return new Turn(message, reply.text(), intents, s, commands);
  }

  /** The commands of a message, in the order they are carried out. */
  private List<Command> understand(
      DialogState s, String text, String lang, LocalDate today, List<String> intentsOut) {
    List<Command> out = new ArrayList<>();
    if (text.isEmpty()) {
      out.add(new Command.Clarify());
      return out;
    }
    List<String> words = words(text);
    Prediction p = nlu.get(lang).predict(words);
    ActClassifier.Guess guess = guessAct(lang, words);
    String act = guess == null ? null : spec.acts().get(guess.act());
    List<String> intents = new ArrayList<>(p.intents());
    intents.removeIf(spec.acts()::containsKey);
    intentsOut.addAll(intents);
    DialogState.Frame frame = s.active();
    List<Heard> heard = heard(words, p, lang, today, text, s, act);
    boolean taskAsked =
        intents.stream()
            .anyMatch(i -> spec.tasks().containsKey(i) && (frame == null || !frame.task.equals(i)));
    boolean bare = heard.isEmpty() && !taskAsked;
    String pending = s.pendingAct;
    s.pendingAct = null;
    if (pending != null && frame != null && bare && ("affirm".equals(act) || "deny".equals(act))) {
      if (act.equals("affirm") && pending.equals("stop")) {
        out.add(new Command.CancelTask());
      }
      return out; // a no: the task goes on with its open question
    }
    if (frame != null && frame.awaitingConfirmation && bare) {
      if ("affirm".equals(act) || "deny".equals(act)) {
        out.add(
            guess.probability() >= spec.actsSure()
                ? new Command.Confirm(act.equals("affirm"))
                : new Command.CheckAct(act, guess.probability()));
        return out;
      }
    }
    if (frame != null && bare && "stop".equals(act)) {
      if (guess.probability() >= spec.actsSure()) {
        out.add(new Command.CancelTask());
      } else {
        s.pendingAct = "stop";
        out.add(new Command.CheckAct(act, guess.probability()));
      }
      return out;
    }
    for (String i : intents) {
      if (spec.social().contains(i) || spec.closing().contains(i)) {
        out.add(new Command.Social(i));
      }
    }
    if (intents.stream().anyMatch(spec.handoff()::contains)
        && (!taskAsked || intents.contains("handoff"))) {
      out.add(new Command.Handoff());
      return out;
    }
    String task = mainTask(intents);
    if (task != null) {
      out.add(new Command.StartTask(task));
    }
    boolean correcting = "correct".equals(act);
    for (Heard h : heard) {
      if (h.problem() != null) {
        out.add(new Command.Unreadable(h.slot(), h.text(), h.problem()));
      } else {
        Object old = frame == null ? null : frame.slots.get(h.slot());
        boolean given = old != null && !frame.derived.contains(h.slot());
        out.add(
            new Command.SetSlot(
                h.slot(), h.value(), correcting && given && !h.value().equals(old)));
      }
    }
    if ("select".equals(act)
        && !s.offered.isEmpty()
        && heard.stream().noneMatch(h -> spec.offers().fills().contains(h.slot()))) {
      out.add(new Command.CheckAct(act, guess.probability()));
    }
    if (intents.stream().anyMatch(spec.knowledge()::contains)) {
      out.add(new Command.AskKnowledge(questionPart(text)));
    }
    if (out.isEmpty() && frame != null && ("affirm".equals(act) || "deny".equals(act))) {
      return out; // a yes or a no to no question: the task's open question is asked again
    }
    if (out.isEmpty()) {
      out.add(new Command.Clarify());
    }
    return out;
  }

  /** The dialogue act of the message, or null when the language has no act model. */
  private ActClassifier.Guess guessAct(String lang, List<String> words) {
    ActClassifier c = acts.get(lang);
    if (c == null) {
      return null;
    }
    ActClassifier.Guess g = c.guess(words);
    return g.probability() < POSSIBLE ? new ActClassifier.Guess(ActClassifier.OTHER, 0) : g;
  }

  /** Carries out the commands in order, then moves the active task on. */
  private void act(DialogState s, List<Command> commands, Reply reply, LocalDate today) {
    boolean moved = false;
    boolean knowledgeAsked = false;
    String question = null;
    List<Command.SetSlot> sets = new ArrayList<>();
    for (Command c : commands) {
      switch (c) {
        case Command.Confirm k -> {
          DialogState.Frame f = s.active();
          f.awaitingConfirmation = false;
          if (k.yes()) {
            execute(s, f, reply, today);
          } else {
            s.stack.removeLast();
            reply.add("declined", Map.of());
            resumePrompt(s, reply, today);
          }
          return;
        }
        case Command.CancelTask x -> {
          DialogState.Frame f = s.stack.removeLast();
          reply.add(
              "stopped", Map.of("task", templates.render(reply.lang, "task." + f.task, Map.of())));
          resumePrompt(s, reply, today);
          return;
        }
        case Command.Social x -> reply.add(x.kind(), Map.of());
        case Command.Handoff x -> {
          reply.add("handoff", Map.of());
          return;
        }
        case Command.StartTask x -> moved |= route(s, x.task());
        case Command.SetSlot x -> sets.add(x);
        case Command.Unreadable x ->
            reply.add(
                templates.has(reply.lang, x.problem()) ? x.problem() : "unknown.value",
                Map.of("value", x.text(), "slot", x.slot()));
        case Command.AskKnowledge x -> knowledgeAsked = true;
        case Command.Clarify x -> reply.add("not_understood", Map.of());
        case Command.CheckAct x -> {
          if (!x.act().equals("select")) {
            reply.prompt = checkAct(s, x, reply.lang);
            return;
          }
          question = checkAct(s, x, reply.lang); // asked once the values are in
        }
      }
    }
    if (commands.stream().allMatch(c -> c instanceof Command.Social)
        && commands.stream().anyMatch(c -> spec.closing().contains(((Command.Social) c).kind()))) {
      return; // a goodbye is not answered with the task's open question
    }
    DialogState.Frame frame = s.active();
    if (frame != null && frame.awaitingConfirmation && !sets.isEmpty()) {
      frame.awaitingConfirmation = false; // new values: the summary is asked again
    }
    moved |= apply(s, frame, sets, reply, today);
    if (frame != null) {
      progress(s, frame, reply, today, moved);
    }
    if (question != null) {
      reply.prompt = question;
    }
    for (Command c : commands) {
      if (c instanceof Command.AskKnowledge q) {
        answer(s, q.question(), reply);
      }
    }
    if (knowledgeAsked && s.active() != null) {
      resumePrompt(s, reply, today);
      reply.resumeTask = s.active().task;
    }
  }

  /** The values of the message's slots, normalized; the last value of a slot wins. */
  private List<Heard> heard(
      List<String> words,
      Prediction p,
      String lang,
      LocalDate today,
      String text,
      DialogState s,
      String act) {
    Map<String, Heard> last = new LinkedHashMap<>();
    for (Span span : p.slots()) {
      if (!spec.slots().containsKey(span.slot()) || reader.fromToolsOnly(span.slot())) {
        continue; // an act's span ("the second one"), read below
      }
      String value = signed(text, original(text, words.subList(span.start(), span.end()), lang));
      if (value.codePoints().noneMatch(Character::isLetterOrDigit)) {
        continue; // punctuation tagged by mistake
      }
      ValueReader.Read r = reader.read(span.slot(), value, today);
      if (r.value() == null) {
        Span named = byName(span, value);
        if (named != null) {
          span = named;
          r = reader.read(span.slot(), value, today);
        }
      }
      Heard before = last.get(span.slot());
      if (r.value() == null && before != null && before.value() != null) {
        continue; // keep the value that could be read
      }
      last.remove(span.slot());
      last.put(span.slot(), new Heard(span.slot(), r.value(), r.problem(), value));
    }
    for (var e : spec.ranges().entrySet()) {
      Heard start = last.get(e.getKey());
      boolean stay = last.keySet().stream().anyMatch(k -> reader.kind(k).equals("duration"));
      if (start != null && start.value() != null && !last.containsKey(e.getValue()) && !stay) {
        String end = rangeEnd(text, start, today);
        if (end != null) {
          last.put(e.getValue(), new Heard(e.getValue(), end, null, start.text()));
        }
      }
    }
    DialogState.Frame frame = s.active();
    for (String slot : reader.anywhereSlots()) { // a record code counts wherever it stands
      if (reader.askedOnly(slot)
          && (frame == null || !spec.tasks().get(frame.task).requires().contains(slot))) {
        continue; // an e-mail or phone number counts where the task needs one
      }
      if (!last.containsKey(slot) || last.get(slot).value() == null) {
        String rest = text; // looked for outside the other values' words ("born 12 April 1990")
        for (Heard h : last.values()) {
          if (!h.slot().equals(slot) && h.value() != null && !h.text().equals(text)) {
            rest = rest.replace(h.text(), " ");
          }
        }
        ValueReader.Read r = reader.read(slot, rest, today);
        if (r.value() != null) {
          last.put(slot, new Heard(slot, r.value(), null, text));
        }
      }
    }
    for (var e : spec.slots().entrySet()) {
      if (reader.scannedByName(e.getKey())
          && (!last.containsKey(e.getKey()) || last.get(e.getKey()).value() == null)) {
        DialogState.Frame f = s.active();
        String slot = e.getKey();
        boolean asked =
            !s.offered.isEmpty()
                || f != null
                    && spec.tasks().get(f.task).requires().contains(slot)
                    && !f.slots.containsKey(slot)
                || p.intents().stream()
                    .anyMatch(
                        i ->
                            spec.tasks().containsKey(i)
                                && spec.tasks().get(i).requires().contains(slot));
        String found = reader.findByName(slot, text, asked);
        if (found != null) {
          last.put(e.getKey(), new Heard(e.getKey(), found, null, text));
        }
      }
    }
    Map<String, Object> chosen = chosen(s, p, words, text, act, last);
    if (chosen != null) {
      for (String f : spec.offers().fills()) {
        if (!last.containsKey(f) || f.equals(spec.offers().fillsFrom())) {
          last.put(f, new Heard(f, chosen.get(f), null, text));
        }
      }
    }
    return new ArrayList<>(last.values());
  }

  /**
   * The offered item the message picks, or null: the one whose name the user gave, or the one its
   * pick span (or, for a message that is a pick, its words) names by position, by the pack's order
   * words ("the cheaper one") or by a word of its name.
   */
  private Map<String, Object> chosen(
      DialogState s,
      Prediction p,
      List<String> words,
      String text,
      String act,
      Map<String, Heard> last) {
    List<String> intents = p.intents();
    PackSpec.Offers offers = spec.offers();
    if (s.offered.isEmpty() || offers.fillsFrom() == null) {
      return null;
    }
    Heard named = last.get(offers.fillsFrom());
    if (named != null && named.value() != null) {
      return s.offered.stream()
          .filter(r -> named.value().equals(r.get(offers.fillsFrom())))
          .findFirst()
          .orElse(null);
    }
    String pick = null;
    for (Span span : p.slots()) {
      if (span.slot().equals(offers.pick())) {
        pick = original(text, words.subList(span.start(), span.end()), s.language);
      }
    }
    if (pick == null && !"select".equals(act) && !wantsOffered(s, intents)) {
      return null;
    }
    String said = (pick == null ? text : pick).toLowerCase(Locale.ROOT);
    for (PackSpec.Order o : offers.order()) {
      if (o.words().stream().anyMatch(w -> Entities.containsWord(said, w))) {
        return extreme(s.offered, o);
      }
    }
    Map<String, Object> counted = byCount(s.offered, said);
    if (counted != null) {
      return counted;
    }
    if (pick != null) {
      for (String w : Words.split(pick)) {
        var n = dev.scion.nlu.values.Numbers.parse(w);
        if (n.isPresent() && n.getAsLong() >= 1 && n.getAsLong() <= s.offered.size()) {
          return s.offered.get((int) n.getAsLong() - 1);
        }
      }
      if (offers.last().stream().anyMatch(w -> Entities.containsWord(said, w))) {
        return s.offered.getLast();
      }
    }
    return byNameWord(s.offered, offers.fillsFrom(), said);
  }

  /**
   * Whether the message goes on with a task that needs the item the offers fill and does not have
   * it yet: then its words may pick one of the offers ("the cheaper one pls").
   */
  private boolean wantsOffered(DialogState s, List<String> intents) {
    String slot = spec.offers().fillsFrom();
    DialogState.Frame f = s.active();
    if (f != null
        && spec.tasks().get(f.task).requires().contains(slot)
        && !f.slots.containsKey(slot)) {
      return true;
    }
    return intents.stream()
        .anyMatch(
            i -> spec.tasks().containsKey(i) && spec.tasks().get(i).requires().contains(slot));
  }

  /**
   * The one offered item whose column the text gives as a number before one of the column's unit
   * words ({@code offers.units}: "the 5-star one", "五星那个"); null when none or several.
   */
  private Map<String, Object> byCount(List<Map<String, Object>> offered, String said) {
    for (var u : spec.offers().units().entrySet()) {
      for (String unit : u.getValue()) {
        var m =
            Pattern.compile("([\\p{IsHan}]{1,3}|[\\p{L}\\d]+)[\\s-]*" + Pattern.quote(unit))
                .matcher(said);
        while (m.find()) {
          var n = dev.scion.nlu.values.Numbers.parse(m.group(1));
          if (n.isEmpty()) {
            continue;
          }
          List<Map<String, Object>> rows =
              offered.stream()
                  .filter(
                      r -> r.get(u.getKey()) instanceof Number x && x.longValue() == n.getAsLong())
                  .toList();
          if (rows.size() == 1) {
            return rows.getFirst();
          }
        }
      }
    }
    return null;
  }

  /** The offered item with the lowest or highest value of the order's column. */
  private static Map<String, Object> extreme(List<Map<String, Object>> offered, PackSpec.Order o) {
    Map<String, Object> best = null;
    BigDecimal bestValue = null;
    for (Map<String, Object> row : offered) {
      if (!(row.get(o.column()) instanceof Number n)) {
        continue;
      }
      BigDecimal v = new BigDecimal(n.toString());
      if (bestValue == null
          || (o.highest() ? v.compareTo(bestValue) > 0 : v.compareTo(bestValue) < 0)) {
        best = row;
        bestValue = v;
      }
    }
    return best;
  }

  /** The one offered item with a word of its name (not shared with another's) in the text. */
  private static Map<String, Object> byNameWord(
      List<Map<String, Object>> offered, String column, String said) {
    Map<String, Integer> counts = new HashMap<>();
    List<List<String>> names = new ArrayList<>();
    for (Map<String, Object> row : offered) {
      List<String> w =
          Words.split(String.valueOf(row.get(column)).toLowerCase(Locale.ROOT)).stream()
              .filter(x -> x.length() > 2)
              .distinct()
              .toList();
      names.add(w);
      w.forEach(x -> counts.merge(x, 1, Integer::sum));
    }
    Map<String, Object> found = null;
    for (int i = 0; i < offered.size(); i++) {
      if (names.get(i).stream()
          .anyMatch(x -> counts.get(x) == 1 && Entities.containsWord(said, x))) {
        if (found != null) {
          return null;
        }
        found = offered.get(i);
      }
    }
    return found;
  }

  private static final Pattern TOKEN = Pattern.compile("\\p{IsHan}|[\\p{L}\\d]+|[^\\s\\p{L}\\d]");

  /**
   * The end of a range of dates that starts with the date {@code start} was read from ("Dec 19-21",
   * "Dec 30 - Jan 2", "3月5号到8号"): the longest stretch of the message from the start's text, up to
   * six tokens beyond it, that reads as a range starting on that day; null when none does.
   */
  private static String rangeEnd(String text, Heard start, LocalDate today) {
    int at = text.indexOf(start.text());
    if (at < 0) {
      return null;
    }
    LocalDate from = LocalDate.parse(start.value().toString());
    String rest = text.substring(at + start.text().length());
    List<Integer> ends = new ArrayList<>(List.of(0));
    var m = TOKEN.matcher(rest);
    while (m.find() && ends.size() <= 6) {
      ends.add(m.end());
    }
    Dates dates = new Dates(today);
    for (int i = ends.size() - 1; i >= 0; i--) {
      var r = dates.parseRange(start.text() + rest.substring(0, ends.get(i)));
      if (r.isPresent()
          && r.get().from().getDayOfMonth() == from.getDayOfMonth()
          && r.get().from().getMonth() == from.getMonth()) {
        return from.plusDays(
                java.time.temporal.ChronoUnit.DAYS.between(r.get().from(), r.get().to()))
            .toString();
      }
    }
    return null;
  }

  /**
   * The span read as the slot whose value it names by name, when the tagger gave it another slot
   * whose value it cannot be ("Futian Central" tagged as a city names a hotel); null when it names
   * none.
   */
  private Span byName(Span span, String text) {
    for (String slot : spec.slots().keySet()) {
      if (reader.scannedByName(slot)
          && !slot.equals(span.slot())
          && reader.findByName(slot, text, false) != null) {
        return new Span(slot, span.start(), span.end());
      }
    }
    return null;
  }

  /** The words as the user typed them (spacing kept), found in the message. */
  static String original(String text, List<String> words, String lang) {
    StringBuilder re = new StringBuilder();
    for (String w : words) {
      if (!re.isEmpty()) {
        re.append("\\s*");
      }
      re.append(Pattern.quote(w));
    }
    var m = Pattern.compile(re.toString()).matcher(text);
    return m.find() ? m.group() : String.join(lang.equals("zh") ? "" : " ", words);
  }

  /**
   * The value with the minus sign the user typed just before it ("-3 nights"), which the tagger
   * leaves out of the value; a dash between two numbers ("2-3 nights") is not a sign.
   */
  static String signed(String text, String value) {
    int at = text.indexOf(value);
    if (at <= 0 || value.isEmpty() || !Character.isDigit(value.charAt(0))) {
      return value;
    }
    String before = text.substring(0, at).stripTrailing();
    if (before.isEmpty() || "-\u2212".indexOf(before.charAt(before.length() - 1)) < 0) {
      return value;
    }
    String rest = before.substring(0, before.length() - 1).stripTrailing();
    boolean range = !rest.isEmpty() && Character.isDigit(rest.charAt(rest.length() - 1));
    return range ? value : "-" + value;
  }

  private static final Pattern CLAUSES =
      Pattern.compile("(?i)\\b(?:and also|and|also|then|plus)\\b|[,;，；。？?！!]|还有|另外|顺便问一下");
  private static final Pattern QUESTION =
      Pattern.compile(
          "(?i)\\b(what|how|can|could|is|are|do|does|when|where|which|will|may)\\b|吗|什么|怎么|几|多少|能|可以|政策");

  /** The part of a message that asks the knowledge question: its last clause that is a question. */
  static String questionPart(String text) {
    String best = null;
    for (String clause : CLAUSES.split(text)) {
      if (QUESTION.matcher(clause).find() && clause.strip().length() > 3) {
        best = clause.strip();
      }
    }
    return best == null ? text : best;
  }

  private String mainTask(List<String> intents) {
    for (String t : spec.priority()) {
      if (intents.contains(t)) {
        return t;
      }
    }
    return null;
  }

  /** Makes {@code task} the active task; returns whether a task started. */
  private boolean route(DialogState s, String task) {
    if (!spec.tasks().containsKey(task)) {
      return false;
    }
    DialogState.Frame active = s.active();
    if (active != null && active.task.equals(task)) {
      return false;
    }
    if (active != null && task.equals(spec.offering(active.task))) {
      return false; // a listing inside the task it lists for offers items to pick
    }
    DialogState.Frame f = new DialogState.Frame(task);
    if (active != null && spec.tasks().get(active.task).offersFor() != null) {
      s.stack.removeLast(); // the listing becomes the next task, keeping what is known
      f.slots.putAll(active.slots);
    } else if (active != null) {
      f.slots.putAll(active.slots);
    }
    for (String c : spec.carries()) {
      if (s.context.containsKey(c)) {
        f.slots.putIfAbsent(c, s.context.get(c));
      }
    }
    f.derived.clear();
    s.stack.add(f);
    return true;
  }

  /** Asks one short question about an act the model is not sure of. */
  private String checkAct(DialogState s, Command.CheckAct x, String lang) {
    DialogState.Frame f = s.active();
    Map<String, Object> vars = new HashMap<>();
    vars.put("task", f == null ? "" : templates.render(lang, "task." + f.task, Map.of()));
    vars.put("n", s.offered.size());
    String key = "clarify." + x.act();
    return templates.render(lang, templates.has(lang, key) ? key : "not_understood", vars);
  }

  /** Sets values on the frame (or the context); returns whether any value changed. */
  private boolean apply(
      DialogState s,
      DialogState.Frame frame,
      List<Command.SetSlot> sets,
      Reply reply,
      LocalDate today) {
    boolean changed = false;
    for (Command.SetSlot h : sets) {
      s.context.put(h.slot(), h.value());
      if (frame == null) {
        changed = true;
        continue;
      }
      Object old = frame.slots.get(h.slot());
      frame.slots.put(h.slot(), h.value());
      frame.derived.remove(h.slot());
      if (!h.value().equals(old)) {
        changed = true;
        if (old != null) {
          for (String dependent : spec.clears().getOrDefault(h.slot(), List.of())) {
            if (sets.stream().noneMatch(x -> x.slot().equals(dependent))) {
              frame.slots.remove(dependent);
            }
          }
        }
        if (h.correction()) {
          reply.add(
              "corrected",
              Map.of(
                  "slot_label",
                  templates.render(reply.lang, "slot." + h.slot(), Map.of()),
                  "value",
                  h.value()));
        }
      }
    }
    if (frame != null) {
      implied(s, frame, sets);
      derive(frame, today);
    }
    return changed;
  }

  /**
   * The values a value given implies, looked up in the business database ({@code implies:} in
   * pack.yaml: a hotel's city); a value the same message gave stays.
   */
  private void implied(DialogState s, DialogState.Frame frame, List<Command.SetSlot> sets) {
    for (var e : spec.implies().entrySet()) {
      PackSpec.Implies how = e.getValue();
      Object value = frame.slots.get(e.getKey());
      if (value == null || sets.stream().noneMatch(x -> x.slot().equals(e.getKey()))) {
        continue;
      }
      for (Map<String, Object> row : tools.call(how.tool(), Map.of())) {
        if (value.equals(row.get(how.key()))) {
          for (String f : how.fill()) {
            if (row.get(f) != null && sets.stream().noneMatch(x -> x.slot().equals(f))) {
              frame.slots.put(f, row.get(f));
              s.context.put(f, row.get(f));
            }
          }
        }
      }
    }
  }

  /** Recomputes every derived slot from the given ones. */
  private void derive(DialogState.Frame frame, LocalDate today) {
    for (String d : frame.derived) {
      frame.slots.remove(d);
    }
    frame.derived.clear();
    for (var e : spec.derive().entrySet()) {
      if (!frame.slots.containsKey(e.getKey())) {
        Object v = Expr.eval(e.getValue(), frame.slots, today);
        if (v != null) {
          frame.slots.put(e.getKey(), v instanceof LocalDate d ? d.toString() : v);
          frame.derived.add(e.getKey());
        }
      }
    }
  }

  /** The frame's values with the task's defaults and derivations, as a tool would see them. */
  private Map<String, Object> withDefaults(DialogState.Frame frame, LocalDate today) {
    PackSpec.Task t = spec.tasks().get(frame.task);
    Map<String, Object> v = new LinkedHashMap<>(t.defaults());
    v.putAll(frame.slots);
    for (var e : spec.derive().entrySet()) {
      if (!v.containsKey(e.getKey()) || frame.derived.contains(e.getKey())) {
        Object x = Expr.eval(e.getValue(), v, today);
        if (x != null) {
          v.put(e.getKey(), x instanceof LocalDate d ? d.toString() : x);
        }
      }
    }
    return v;
  }

  /**
   * Checks the guard and the rules, asks for what is missing, or runs the task's tools (after
   * confirmation when the task writes).
   */
  private void progress(
      DialogState s, DialogState.Frame frame, Reply reply, LocalDate today, boolean changed) {
    PackSpec.Task t = spec.tasks().get(frame.task);
    if (!guarded(s, frame, reply, today)) {
      return;
    }
    Map<String, Object> v = withDefaults(frame, today);
    if (!rulesHold(s, frame, v, reply, today)) {
      return;
    }
    String missing = firstMissing(frame);
    if (missing != null) {
      String lister = spec.offering(frame.task);
      if (lister != null
          && missing.equals(spec.offers().fillsFrom())
          && v.keySet().containsAll(spec.tasks().get(lister).requires())) {
        offer(s, lister, v, reply); // show what can be picked
      }
      reply.prompt = prompt(frame, reply.lang);
      return;
    }
    if (!changed && t.offersFor() != null) {
      return; // a listing shown already is not shown again
    }
    if (t.prepareTool() != null) {
      if (!prepare(s, frame, t, v, reply, today)
          || !rulesHold(s, frame, withDefaults(frame, today), reply, today)) {
        return;
      }
    }
    if (t.confirm()) {
      frame.awaitingConfirmation = true;
      reply.prompt =
          templates.render(
              reply.lang, frame.task + ".confirm", display(withDefaults(frame, today), reply.lang));
      return;
    }
    execute(s, frame, reply, today);
  }

  /**
   * Whether the task's guard ({@code after:}) has passed in this conversation; if not, the guard
   * starts on top of the task with the values known, or, when it used up its attempts, the
   * conversation goes to a person.
   */
  private boolean guarded(DialogState s, DialogState.Frame frame, Reply reply, LocalDate today) {
    String guard = spec.tasks().get(frame.task).after();
    if (guard == null || s.passed.contains(guard)) {
      return true;
    }
    if (s.refused.contains(guard)) {
      handOff(s, reply);
      return false;
    }
    DialogState.Frame g = new DialogState.Frame(guard);
    g.slots.putAll(frame.slots);
    g.derived.addAll(frame.derived);
    s.stack.add(g);
    progress(s, g, reply, today, true);
    return false;
  }

  /** Hands the conversation to a person: the tasks under way end. */
  private void handOff(DialogState s, Reply reply) {
    s.stack.clear();
    reply.add("handoff", Map.of());
  }

  /**
   * Whether every rule whose values are known holds; the first that fails is said and the values it
   * reads asked again, or, for a rule with {@code handoff}, the task goes to a person.
   */
  private boolean rulesHold(
      DialogState s, DialogState.Frame frame, Map<String, Object> v, Reply reply, LocalDate today) {
    for (PackSpec.Rule r : spec.rules()) {
      if (!Expr.names(r.check()).stream().allMatch(v::containsKey)
          || !Boolean.FALSE.equals(Expr.eval(r.check(), v, today))) {
        continue;
      }
      Map<String, Object> vars = new HashMap<>(display(v, reply.lang));
      r.vars().forEach((name, expr) -> vars.put(name, Expr.eval(expr, v, today)));
      reply.add(r.message(), vars);
      if (r.handoff()) {
        s.stack.remove(frame);
        reply.add("handoff", Map.of());
        return false;
      }
      if (r.slot() != null) {
        frame.slots.remove(r.slot());
      }
      derive(frame, today);
      if (r.slot() == null
          || Boolean.FALSE.equals(Expr.eval(r.check(), withDefaults(frame, today), today))) {
        // the failing value was given, not derived from the slot removed ("0 nights"): ask again
        // for every value the rule reads
        Expr.names(r.check()).forEach(frame.slots::remove);
        derive(frame, today);
      }
      reply.prompt = prompt(frame, reply.lang);
      return false;
    }
    return true;
  }

  private String firstMissing(DialogState.Frame frame) {
    for (String r : spec.tasks().get(frame.task).requires()) {
      if (!frame.slots.containsKey(r)) {
        return r;
      }
    }
    return null;
  }

  private String prompt(DialogState.Frame frame, String lang) {
    String m = firstMissing(frame);
    if (m == null) {
      return null;
    }
    return templates.render(lang, "ask." + m, Map.of());
  }

  /** Runs the listing task that offers the items a task still needs one of. */
  private void offer(DialogState s, String lister, Map<String, Object> v, Reply reply) {
    List<Map<String, Object>> rows;
    try {
      rows = call(s, spec.tasks().get(lister).tool(), v);
    } catch (ToolException e) {
      failed(lister, e, v, reply);
      return;
    }
    showOffers(s, lister, v, rows, reply);
  }

  /** Shows a listing's rows (three distinct items at most) and keeps them as the offers. */
  private void showOffers(
      DialogState s,
      String task,
      Map<String, Object> v,
      List<Map<String, Object>> rows,
      Reply reply) {
    s.offered.clear();
    Map<String, Object> vars = display(v, reply.lang);
    if (rows.isEmpty()) {
      reply.add(task + ".none", vars);
      return;
    }
    reply.add(task + ".result", vars);
    List<String> seen = new ArrayList<>();
    String key = spec.offers().fillsFrom();
    for (Map<String, Object> row : rows) {
      if (seen.contains(String.valueOf(row.get(key))) || seen.size() == 3) {
        continue;
      }
      seen.add(String.valueOf(row.get(key)));
      s.offered.add(row);
      Map<String, Object> r = display(row, reply.lang);
      r.put("n", seen.size());
      reply.add(task + ".row", r);
    }
  }

  private boolean prepare(
      DialogState s,
      DialogState.Frame frame,
      PackSpec.Task t,
      Map<String, Object> v,
      Reply reply,
      LocalDate today) {
    List<Map<String, Object>> rows;
    try {
      rows = call(s, t.prepareTool(), v);
    } catch (ToolException e) {
      failed(frame.task, e, v, reply);
      return false;
    }
    for (Map<String, Object> row : rows) {
      boolean ok = true;
      for (var w : t.prepareWhere().entrySet()) {
        Object want = w.getValue().equals("true") ? Boolean.TRUE : v.get(w.getValue());
        if (want != null
            && !String.valueOf(want).equalsIgnoreCase(String.valueOf(row.get(w.getKey())))) {
          ok = false;
        }
      }
      if (ok && t.prepareCheck() != null) {
        Map<String, Object> both = new HashMap<>(v);
        both.putAll(row);
        ok = !Boolean.FALSE.equals(Expr.eval(t.prepareCheck(), both, today));
      }
      if (ok) {
        for (String f : t.prepareFill()) {
          if (frame.slots.containsKey(f) && !frame.derived.contains(f)) {
            continue; // the user chose it
          }
          Object x = row.get(f);
          frame.slots.put(f, x instanceof BigDecimal b ? b.setScale(2, RoundingMode.HALF_UP) : x);
          frame.derived.add(f);
        }
        return true;
      }
    }
    reply.add(frame.task + ".none", display(v, reply.lang));
    return false;
  }

  /** Calls the task's tool and reports the outcome; a finished task leaves the stack. */
  private void execute(DialogState s, DialogState.Frame frame, Reply reply, LocalDate today) {
    PackSpec.Task t = spec.tasks().get(frame.task);
    Map<String, Object> v = withDefaults(frame, today);
    v.put("request_id", digest(s.conversation, s.owner, s.history, frame.task, "" + s.turn));
    String key = frame.task;
    List<Map<String, Object>> rows;
    try {
      rows = call(s, t.tool(), v);
    } catch (ToolException e) {
      failed(key, e, v, reply);
      return;
    }
    if (t.offersFor() != null) {
      showOffers(s, key, v, rows, reply);
      if (s.stack.size() == 1) {
        return; // a listing on its own stays, for its items to be picked
      }
    } else if (rows.isEmpty() && t.attempts() > 0) {
      missed(s, frame, t, v, reply);
      return;
    } else if (rows.isEmpty()) {
      reply.add(key + ".none", display(v, reply.lang));
    } else if (t.showRows()) {
      for (Map<String, Object> row : rows) {
        reply.add(key + ".row", shown(key, v, row, reply.lang));
      }
    } else {
      reply.add(key + ".done", shown(key, v, rows.getFirst(), reply.lang));
    }
    s.stack.remove(frame);
    if (!rows.isEmpty()) {
      finished(s, frame, rows.getFirst());
    }
    resumePrompt(s, reply, today);
  }

  /**
   * A run of a task with attempts that found nothing: said, its values asked again, or, once its
   * attempts are used up, the conversation goes to a person.
   */
  private void missed(
      DialogState s, DialogState.Frame frame, PackSpec.Task t, Map<String, Object> v, Reply reply) {
    int misses = s.misses.merge(frame.task, 1, Integer::sum);
    reply.add(frame.task + ".none", display(v, reply.lang));
    if (misses >= t.attempts()) {
      s.refused.add(frame.task);
      handOff(s, reply);
      return;
    }
    t.requires().forEach(frame.slots::remove);
    reply.prompt = prompt(frame, reply.lang);
  }

  /**
   * What a task that found its row leaves behind: it has passed (a guard), the identifiers its row
   * gives (record codes, records) go into the conversation, and a guard's values go to the task it
   * guarded.
   */
  private void finished(DialogState s, DialogState.Frame frame, Map<String, Object> row) {
    s.passed.add(frame.task);
    DialogState.Frame below = s.active();
    for (var e : row.entrySet()) {
      String kind = reader.kind(e.getKey());
      if (spec.slots().containsKey(e.getKey())
          && e.getValue() != null
          && (kind.equals("code") || kind.equals("record"))) {
        s.context.put(e.getKey(), e.getValue());
        frame.slots.put(e.getKey(), e.getValue());
        if (below != null) {
          below.slots.put(e.getKey(), e.getValue());
        }
      }
    }
    if (below != null && frame.task.equals(spec.tasks().get(below.task).after())) {
      for (String slot : spec.tasks().get(frame.task).requires()) {
        if (frame.slots.containsKey(slot)) {
          below.slots.put(slot, frame.slots.get(slot));
        }
      }
    }
  }

  /**
   * A result row as a template shows it, with the task's values: each true or false column as the
   * task's words for it ({@code <task>.<column>.true} / {@code .false}) when it has them.
   */
  private Map<String, Object> shown(
      String task, Map<String, Object> v, Map<String, Object> row, String lang) {
    Map<String, Object> r = display(v, lang);
    r.putAll(display(row, lang));
    for (var e : row.entrySet()) {
      if (e.getValue() instanceof Boolean b) {
        String k = task + "." + e.getKey() + "." + b;
        if (templates.has(lang, k)) {
          r.put(e.getKey(), templates.render(lang, k, Map.of()));
        }
      }
    }
    return r;
  }

  /** Reports a tool that failed: the task's failure template, or the look-up limit's. */
  private void failed(String task, ToolException e, Map<String, Object> v, Reply reply) {
    Map<String, Object> r = display(v, reply.lang);
    r.put("error", e.getMessage());
    if (e instanceof LookupLimitException && templates.has(reply.lang, "lookup.limited")) {
      reply.add("lookup.limited", r);
    } else {
      reply.add(
          templates.has(reply.lang, task + ".failed") ? task + ".failed" : "not_understood", r);
    }
  }

  private List<Map<String, Object>> call(DialogState s, String tool, Map<String, Object> v) {
    Map<String, Object> args = new HashMap<>();
    for (String p : tools.params(tool)) {
      args.put(p, v.get(p));
    }
    return tools.call(tool, args, s.owner);
  }

  /**
   * The first 128 bits of the SHA-256 of the parts, in hex: the digest that names conversations and
   * their tool calls.
   */
  public static String digest(String... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        md.update(p.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void resumePrompt(DialogState s, Reply reply, LocalDate today) {
    DialogState.Frame f = s.active();
    if (f == null || reply.prompt != null) {
      return;
    }
    if (f.awaitingConfirmation) {
      reply.prompt =
          templates.render(
              reply.lang, f.task + ".confirm", display(withDefaults(f, today), reply.lang));
    } else {
      reply.prompt = prompt(f, reply.lang);
    }
  }

  /**
   * Values as shown to a person: amounts with two decimals, dates as ISO text, cities in the
   * reply's language.
   */
  private Map<String, Object> display(Map<String, Object> v, String lang) {
    Map<String, Object> out = new HashMap<>();
    for (var e : v.entrySet()) {
      Object x = e.getValue();
      out.put(
          e.getKey(),
          x instanceof BigDecimal b ? b.setScale(2, RoundingMode.HALF_UP).toPlainString() : x);
    }
    if (lang.equals("zh")) {
      out.replaceAll(reader::chinese);
    }
    return out;
  }

  /**
   * Answers from the knowledge base of the reply's language (the English one when there is none): a
   * conversation about one entity (a hotel) reads its page and the general documents, any other
   * conversation the general documents only; an answer that scores too low is no answer.
   */
  private void answer(DialogState s, String question, Reply reply) {
    KnowledgeBase kb = knowledge.getOrDefault(reply.lang, knowledge.get("en"));
    if (kb == null) {
      reply.knowledgeParts.add(templates.render(reply.lang, "knowledge.none", Map.of()));
      return;
    }
    PackSpec.Answers how = spec.answers();
    String about = about(s);
    java.util.function.Predicate<String> sources =
        source ->
            how.folder() == null || !isPage(source) || about != null && isPageOf(source, about);
    Answerer.Answer a =
        new Answerer(kb, null)
            .ask(
                questionPart(question),
                3,
                sources,
                how.minScore().getOrDefault(reply.lang, Double.NEGATIVE_INFINITY));
    if (a.citations().isEmpty()) {
      reply.knowledgeParts.add(templates.render(reply.lang, "knowledge.none", Map.of()));
      return;
    }
    Answerer.Citation best = a.citations().getFirst();
    reply.knowledgeParts.add(
        templates.render(
            reply.lang, "knowledge", Map.of("answer", best.text(), "source", best.source())));
  }

  /** What the conversation is about: the entity slot of the active task, or of what was said. */
  private String about(DialogState s) {
    String slot = spec.answers().slot();
    if (slot == null) {
      return null;
    }
    Object v = s.active() != null ? s.active().slots.get(slot) : null;
    if (v == null) {
      v = s.context.get(slot);
    }
    return v == null ? null : v.toString();
  }

  private boolean isPage(String source) {
    return ("/" + source).contains("/" + spec.answers().folder() + "/");
  }

  /** Whether a page is the entity's own: its file is named after it ("Bund View Hotel"). */
  static boolean isPageOf(String source, String entity) {
    String file = source.substring(source.lastIndexOf('/') + 1).replaceFirst("\\.[^.]+$", "");
    return file.equals(slug(entity));
  }

  static String slug(String name) {
    return name.toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{Nd}]+", "-")
        .replaceAll("^-|-$", "");
  }
}
