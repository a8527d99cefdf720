package dev.scion.dialog;

import dev.scion.dialog.tools.Tools;
import dev.scion.knowledge.KnowledgeBase;
import dev.scion.nlu.JointModel;
import dev.scion.nlu.Prediction;
import dev.scion.nlu.Words;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One conversation turn, in named steps: {@link Understanding} reads the message (intents, the
 * dialogue act, slot values) into {@link Command}s; {@link Acting} carries them out on the task
 * stack ({@link TaskRunner} moves the active task on, {@link Execution} calls the pack's tools,
 * {@link Answers} answers knowledge questions); {@link Reply} composes the answer from the pack's
 * templates, the question that moves the task on always last.
 */
public final class DialogEngine {
  /**
   * What a turn produced: the reply, the intents understood, the new state, and how sure the
   * understanding model was of the intents ({@code confidence}, 0 to 1; NaN when it does not say).
   */
  public record Turn(
      String user,
      String reply,
      List<String> intents,
      DialogState state,
      List<Command> commands,
      List<String> outcome,
      double confidence) {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
        new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The turn as JSON: {@code {"user","reply","intents","confidence","state":{"active_task",
     * "slots","stack"}, "commands", "outcome"}} ({@code confidence} only when known), as {@code
     * scion chat --json} prints it and the chat API reports it.
     */
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
      var o = JSON.createObjectNode();
      o.put("user", user);
      o.put("reply", reply);
      var i = o.putArray("intents");
      intents.forEach(i::add);
      if (!Double.isNaN(confidence)) {
        o.put("confidence", Math.round(confidence * 1000) / 1000.0);
      }
      var st = o.putObject("state");
      st.put("active_task", state.activeTask());
      st.set(
          "slots", JSON.valueToTree(state.active() == null ? state.context : state.active().slots));
      var stack = st.putArray("stack");
      state.stack.forEach(f -> stack.add(f.task));
      var c = o.putArray("commands");
      commands.forEach(x -> c.add(x.toString()));
      var out = o.putArray("outcome");
      outcome.forEach(out::add);
      return o;
    }
  }

  /** Longest message read, in characters; the rest is ignored. */
  public static final int MAX_MESSAGE = 2000;

  private final Map<String, JointModel> nlu;
  private final Templates templates;
  private final Phrasing phrasing;
  private final Understanding understanding;
  private final Acting acting;

  DialogEngine(
      PackSpec spec,
      Templates templates,
      Map<String, JointModel> nlu,
      Map<String, ActClassifier> acts,
      ValueReader reader,
      Tools tools,
      Map<String, KnowledgeBase> knowledge,
      Phrasing phrasing) {
    this.nlu = nlu;
    this.templates = templates;
    this.phrasing = phrasing;
    this.understanding =
        new Understanding(spec, nlu, acts, new Hearing(spec, reader, new OfferPick(spec)));
    Frames frames = new Frames(spec, templates, reader);
    Execution execution = new Execution(spec, templates, reader, tools, frames);
    this.acting =
        new Acting(
            spec,
            templates,
            tools,
            frames,
            new TaskRunner(spec, templates, reader, frames, execution),
            execution,
            new Answers(spec, templates, knowledge));
  }

  public Turn turn(DialogState s, String message, LocalDate today) {
    Turn t = compose(s, message, today);
    return phrasing == null
        ? t
        : new Turn(
            t.user(),
            phrasing.phrase(t.reply(), s.language),
            t.intents(),
            t.state(),
            t.commands(),
            t.outcome(),
            t.confidence());
  }

  /** E-mail addresses and codes with digits: no words of any language. */
  private static final java.util.regex.Pattern WITHOUT_WORDS =
      java.util.regex.Pattern.compile("\\S+@\\S+|\\b[A-Za-z]*\\d[A-Za-z0-9]*\\b");

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
    if (text.length() > MAX_MESSAGE) {
      text = text.substring(0, MAX_MESSAGE); // as a turn reads it
    }
    return nlu.get(language(text)).predict(words(text));
  }

  /** A message's words, at most the first 200. */
  static List<String> words(String text) {
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
    String lang =
        WITHOUT_WORDS.matcher(text).replaceAll(" ").codePoints().anyMatch(Character::isLetter)
                || !nlu.containsKey(s.language)
            ? language(text)
            : s.language; // digits, codes, an e-mail alone ("6602", "a@b.cn"): the conversation's
    s.language = lang;
    Understanding.Read read = new Understanding.Read();
    List<Command> commands = understanding.understand(s, text, lang, today, read);
    Reply reply = new Reply(templates, lang);
    acting.act(s, commands, reply, today);
    String said = reply.text(); // before the outcome is read: an empty reply is not understood
    return new Turn(
        message, said, read.intents, s, commands, List.copyOf(reply.outcome), read.confidence);
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
}
