package dev.scion.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Intents clause by clause. A multi-intent message is clauses joined by "and", "and also", a comma
 * ...; each clause carries one intent. Given the number of intents (from the whole-message
 * classifier), a joint perceptron ranks the joining words outside every slot ("from boston and
 * denver" does not end a clause) and the likeliest end the clauses; a multiclass perceptron scores
 * each clause's intent, and the clauses take distinct intents, chosen together with the whole
 * message's scores.
 *
 * <p>The training examples say which intents a message has, not which clause has which. The clauses
 * are aligned to intents by the model itself: a first model learns from every clause with all of
 * its message's intents; then each message's clauses and intents are matched (the {@code m - 1}
 * joints and the one-to-one assignment that score best, for a message of {@code m} intents), and
 * the models learn again from the matched clauses, twice: each distinct clause once, weighted so
 * that every intent weighs the same.
 */
final class ClauseIntents {
  /** Words that may join clauses when they are outside every slot. */
  static final Set<String> JOINERS =
      Set.of("and", ",", "also", "then", "&", "plus", "并且", "还有", "然后");

  /** The length of a clause's mean word state in its features (as in Features.clauseSummary). */
  private static final float STATE_SCALE = 8;

  private static final int ALIGN_ROUNDS = 2;

  final List<String> intents;
  final FeatureIndex clauseFeatures;
  final FeatureIndex jointFeatures;
  final float[] weights; // feature * K + intent
  final float[] dense; // intent * D + d; empty without an encoder
  final float[] jointWeights; // feature
  private final int k;
  private final int dim;

  ClauseIntents(
      List<String> intents,
      FeatureIndex clauseFeatures,
      FeatureIndex jointFeatures,
      float[] weights,
      float[] dense,
      float[] jointWeights) {
    this.intents = List.copyOf(intents);
    this.k = intents.size();
    this.clauseFeatures = clauseFeatures;
    this.jointFeatures = jointFeatures;
    this.weights = weights;
    this.dense = dense;
    this.jointWeights = jointWeights;
    this.dim = dense.length / k;
  }

  /** A run {@code [from, to)} of joining words outside every slot, with words on both sides. */
  record Joint(int from, int to) {}

  /** The places where a clause may end: runs of joining words tagged O inside the message. */
  static List<Joint> joints(List<String> words, List<String> tags) {
    List<Joint> out = new ArrayList<>();
    int n = words.size();
    int i = 1;
    while (i < n) {
      if (joins(words, tags, i)) {
        int end = i;
        while (end < n && joins(words, tags, end)) {
          end++;
        }
        if (end < n) {
          out.add(new Joint(i, end));
        }
        i = end;
      } else {
        i++;
      }
    }
    return out;
  }

  private static boolean joins(List<String> words, List<String> tags, int i) {
    return tags.get(i).equals("O") && JOINERS.contains(words.get(i).toLowerCase(Locale.ROOT));
  }

  /** The clauses {@code [from, to)} left between the chosen joints (sorted). */
  static List<int[]> clauses(int n, List<Joint> chosen) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    for (Joint j : chosen) {
      out.add(new int[] {start, j.from()});
      start = j.to();
    }
    out.add(new int[] {start, n});
    return out;
  }

  /** A clause as features: sparse ids and, with word states, its scaled mean state. */
  record Clause(String text, int[] features, float[] state) {}

  static List<String> clauseFeatureNames(List<String> words, List<String> tags, int from, int to) {
    return Features.utterance(words.subList(from, to), Span.of(tags.subList(from, to)));
  }

  static float[] meanState(float[][] states, int from, int to) {
    if (states == null || from >= to) {
      return null;
    }
    int d = states[0].length;
    float[] mean = new float[d];
    for (int i = from; i < to; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += states[i][j];
      }
    }
    double norm = 0;
    for (float v : mean) {
      norm += v * v;
    }
    if (norm > 0) {
      float inv = (float) (STATE_SCALE / Math.sqrt(norm));
      for (int j = 0; j < d; j++) {
        mean[j] *= inv;
      }
    }
    return mean;
  }

  /** Features of a joint: its words, the words and slot labels on each side. */
  static List<String> jointFeatureNames(List<String> words, List<String> tags, Joint j) {
    int n = words.size();
    List<String> f = new ArrayList<>();
    StringBuilder joiner = new StringBuilder();
    for (int i = j.from(); i < j.to(); i++) {
      joiner.append(Features.norm(words.get(i))).append('_');
    }
    String w1 = Features.norm(words.get(j.to()));
    String w2 = j.to() + 1 < n ? Features.norm(words.get(j.to() + 1)) : "</s>";
    String p1 = Features.norm(words.get(j.from() - 1));
    String p2 = j.from() >= 2 ? Features.norm(words.get(j.from() - 2)) : "<s>";
    String tagBefore = slotOf(tags.get(j.from() - 1));
    String tagAfter = slotOf(tags.get(j.to()));
    f.add("bias");
    f.add("j=" + joiner);
    f.add("n1=" + w1);
    f.add("n2=" + w1 + "_" + w2);
    f.add("jn=" + joiner + w1);
    f.add("p1=" + p1);
    f.add("p2=" + p2 + "_" + p1);
    f.add("pn=" + p1 + "|" + w1);
    f.add("tb=" + tagBefore);
    f.add("ta=" + tagAfter);
    f.add("tt=" + tagBefore + "|" + tagAfter);
    f.add("jta=" + joiner + tagAfter);
    f.add("left=" + Math.min(j.from(), 8));
    f.add("right=" + Math.min(n - j.to(), 8));
    return f;
  }

  private static String slotOf(String tag) {
    return tag.equals("O") ? "O" : tag.substring(2);
  }

  float score(int[] features, float[] state, int intent) {
    float s = 0;
    for (int f : features) {
      s += weights[f * k + intent];
    }
    if (dim > 0 && state != null) {
      int base = intent * dim;
      for (int d = 0; d < dim; d++) {
        s += dense[base + d] * state[d];
      }
    }
    return s;
  }

  float[] scores(int[] features, float[] state) {
    float[] s = new float[k];
    for (int j = 0; j < k; j++) {
      s[j] = score(features, state, j);
    }
    return s;
  }

  float jointScore(int[] features) {
    float s = 0;
    for (int f : features) {
      s += jointWeights[f];
    }
    return s;
  }

  /** A message's clauses ({@code [from, to, intent]} each) and all of its intents. */
  record Reading(List<int[]> clauses, boolean[] intents) {}

  /**
   * The intents of a message known to have {@code count} of them (0: as many as the joints that end
   * a clause, plus one): the {@code count - 1} likeliest joints end clauses, and the clauses take
   * distinct intents, chosen together to maximise the sum of their clause scores plus {@code
   * lambda} times the whole message's score {@code u} of each.
   */
  Reading read(
      List<String> words, List<String> tags, float[][] states, int count, float[] u, float lambda) {
    List<Joint> joints = joints(words, tags);
    List<float[]> scored = new ArrayList<>();
    for (int j = 0; j < joints.size(); j++) {
      scored.add(
          new float[] {
            jointScore(jointFeatures.ids(jointFeatureNames(words, tags, joints.get(j)))), j
          });
    }
    scored.sort((a, b) -> Float.compare(b[0], a[0]));
    if (count <= 0) {
      count = 1 + (int) scored.stream().filter(j -> j[0] > 0).count();
    }
    List<Joint> chosen = new ArrayList<>();
    for (int j = 0; j < Math.min(count - 1, scored.size()); j++) {
      chosen.add(joints.get((int) scored.get(j)[1]));
    }
    chosen.sort((a, b) -> Integer.compare(a.from(), b.from()));
    List<int[]> cl = clauses(words.size(), chosen);
    float[][] s = new float[cl.size()][];
    for (int c = 0; c < cl.size(); c++) {
      s[c] =
          scores(
              clauseFeatures.ids(clauseFeatureNames(words, tags, cl.get(c)[0], cl.get(c)[1])),
              meanState(states, cl.get(c)[0], cl.get(c)[1]));
      for (int j = 0; j < k; j++) {
        s[c][j] += lambda * u[j];
      }
    }
    int[] best = new int[cl.size()];
    int[] current = new int[cl.size()];
    float[] bestScore = {Float.NEGATIVE_INFINITY};
    search(s, 0, current, 0, best, bestScore);
    boolean[] on = new boolean[k];
    List<int[]> read = new ArrayList<>();
    for (int c = 0; c < cl.size(); c++) {
      on[best[c]] = true;
      read.add(new int[] {cl.get(c)[0], cl.get(c)[1], best[c]});
    }
    // fewer clauses than intents: the message's own best scores fill the rest
    for (int extra = cl.size(); extra < count; extra++) {
      int top = -1;
      for (int j = 0; j < k; j++) {
        if (!on[j] && (top < 0 || u[j] > u[top])) {
          top = j;
        }
      }
      if (top >= 0) {
        on[top] = true;
      }
    }
    return new Reading(read, on);
  }

  private void search(float[][] s, int c, int[] current, float sum, int[] best, float[] bestScore) {
    if (c == s.length) {
      if (sum > bestScore[0]) {
        bestScore[0] = sum;
        System.arraycopy(current, 0, best, 0, c);
      }
      return;
    }
    for (int j = 0; j < k; j++) {
      boolean used = false;
      for (int p = 0; p < c; p++) {
        used |= current[p] == j;
      }
      if (!used) {
        current[c] = j;
        search(s, c + 1, current, sum + s[c][j], best, bestScore);
      }
    }
  }

  // ---- training ----

  /** A training message: its joints and, for each possible clause, its features. */
  private static final class Message {
    final List<Joint> joints;
    final int[] intents;
    final int n;
    final Map<Long, Clause> clauses = new HashMap<>();
    final List<int[]> jointIds = new ArrayList<>();

    Message(List<Joint> joints, int[] intents, int n) {
      this.joints = joints;
      this.intents = intents;
      this.n = n;
    }
  }

  private static long key(int from, int to) {
    return ((long) from << 32) | to;
  }

  static ClauseIntents train(
      List<String> intents,
      List<Example> data,
      List<float[][]> states,
      int dim,
      int epochs,
      long seed,
      TrainingProgress progress) {
    int k = intents.size();
    FeatureIndex clauseFeatures = new FeatureIndex();
    FeatureIndex jointFeatures = new FeatureIndex();
    List<Message> messages = new ArrayList<>();
    for (int e = 0; e < data.size(); e++) {
      Example ex = data.get(e);
      List<Joint> joints = joints(ex.words(), ex.tags());
      int[] ids = ex.intents().stream().mapToInt(intents::indexOf).distinct().toArray();
      Message m = new Message(joints, ids, ex.words().size());
      // every clause a choice of joints can make: from the start or a joint's end to the end or a
      // later joint's start
      List<Integer> starts = new ArrayList<>(List.of(0));
      List<Integer> ends = new ArrayList<>();
      for (Joint j : joints) {
        starts.add(j.to());
        ends.add(j.from());
      }
      ends.add(m.n);
      float[][] h = states == null ? null : states.get(e);
      for (int s : starts) {
        for (int t : ends) {
          if (t > s) {
            m.clauses.put(
                key(s, t),
                new Clause(
                    String.join(" ", ex.words().subList(s, t)).toLowerCase(Locale.ROOT),
                    clauseFeatures.ids(clauseFeatureNames(ex.words(), ex.tags(), s, t)),
                    meanState(h, s, t)));
          }
        }
      }
      for (Joint j : joints) {
        m.jointIds.add(jointFeatures.ids(jointFeatureNames(ex.words(), ex.tags(), j)));
      }
      messages.add(m);
    }
    clauseFeatures.freeze();
    jointFeatures.freeze();
    Random random = new Random(seed);
    // A first model: each clause (at every joint) with all of its message's intents.
    ClauseIntents model =
        trainClauses(
            intents,
            clauseFeatures,
            jointFeatures,
            everyClauseWithAllIntents(messages),
            dim,
            epochs,
            random,
            true,
            progress);
    List<List<Joint>> aligned = null;
    for (int round = 1; round <= ALIGN_ROUNDS; round++) {
      aligned = new ArrayList<>();
      List<Clause> x = new ArrayList<>();
      List<int[]> y = new ArrayList<>();
      int changed = 0;
      for (Message m : messages) {
        Alignment a = model.align(m);
        aligned.add(a.joints);
        for (int c = 0; c < a.clauses.size(); c++) {
          x.add(a.clauses.get(c));
          y.add(a.intents.get(c));
        }
        changed += a.joints.size() < m.joints.size() ? 1 : 0;
      }
      progress.report(
          "clause intents, alignment "
              + round
              + "/"
              + ALIGN_ROUNDS
              + ": "
              + x.size()
              + " clauses, "
              + changed
              + " messages with joints inside a clause");
      model =
          trainClauses(
              intents,
              clauseFeatures,
              jointFeatures,
              distinct(new Labelled(x, y), k),
              dim,
              epochs,
              random,
              false,
              progress);
    }
    float[] jointWeights = trainJoints(messages, aligned, jointFeatures.size(), epochs, random);
    return new ClauseIntents(
        intents, clauseFeatures, jointFeatures, model.weights, model.dense, jointWeights);
  }

  private record Labelled(List<Clause> x, List<int[]> y, float[] weights) {
    Labelled(List<Clause> x, List<int[]> y) {
      this(x, y, null);
    }
  }

  /**
   * Each distinct clause once with its intent, weighted so that every intent weighs as much in all:
   * a clause that recurs in many messages would otherwise be learnt by heart, and an intent with
   * few distinct clauses drowned by one with many.
   */
  private static Labelled distinct(Labelled data, int k) {
    Map<String, Integer> seen = new HashMap<>();
    List<Clause> x = new ArrayList<>();
    List<int[]> y = new ArrayList<>();
    int[] perIntent = new int[k];
    for (int i = 0; i < data.x().size(); i++) {
      int[] label = data.y().get(i);
      String key = data.x().get(i).text() + "\t" + Arrays.toString(label);
      if (seen.putIfAbsent(key, x.size()) == null) {
        x.add(data.x().get(i));
        y.add(label);
        perIntent[label[0]]++;
      }
    }
    int present = 0;
    for (int c : perIntent) {
      present += c > 0 ? 1 : 0;
    }
    float[] w = new float[x.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) x.size() / (present * perIntent[y.get(i)[0]]);
    }
    return new Labelled(x, y, w);
  }

  private static Labelled everyClauseWithAllIntents(List<Message> messages) {
    List<Clause> x = new ArrayList<>();
    List<int[]> y = new ArrayList<>();
    for (Message m : messages) {
      for (int[] c : clauses(m.n, m.joints)) {
        Clause clause = m.clauses.get(key(c[0], c[1]));
        if (clause != null) {
          x.add(clause);
          y.add(m.intents);
        }
      }
    }
    return new Labelled(x, y);
  }

  private record Alignment(List<Joint> joints, List<Clause> clauses, List<int[]> intents) {}

  /**
   * The best matching of a training message's clauses to its intents: {@code m - 1} of its joints
   * (all when it has fewer) and a one-to-one assignment of intents to the clauses they leave (the
   * last clause takes the intents left over when there are fewer clauses than intents).
   */
  private Alignment align(Message m) {
    int need = m.intents.length - 1;
    List<List<Joint>> choices = new ArrayList<>();
    if (need >= m.joints.size()) {
      choices.add(m.joints);
    } else {
      subsets(m.joints, need, 0, new ArrayList<>(), choices);
    }
    float best = Float.NEGATIVE_INFINITY;
    Alignment out = null;
    for (List<Joint> joints : choices) {
      List<int[]> cl = clauses(m.n, joints);
      List<Clause> features = new ArrayList<>();
      float[][] s = new float[cl.size()][];
      for (int c = 0; c < cl.size(); c++) {
        Clause clause = m.clauses.get(key(cl.get(c)[0], cl.get(c)[1]));
        features.add(clause);
        s[c] = scores(clause.features(), clause.state());
      }
      int[] perm = m.intents.clone();
      List<int[]> perms = new ArrayList<>();
      permutations(perm, 0, perms);
      for (int[] p : perms) {
        float total = 0;
        List<int[]> labels = new ArrayList<>();
        for (int c = 0; c < cl.size(); c++) {
          if (c < cl.size() - 1 || p.length <= cl.size()) {
            int intent = p[Math.min(c, p.length - 1)];
            total += s[c][intent];
            labels.add(new int[] {intent});
          } else {
            int[] rest = Arrays.copyOfRange(p, c, p.length);
            for (int intent : rest) {
              total += s[c][intent];
            }
            labels.add(rest);
          }
        }
        if (total > best) {
          best = total;
          out = new Alignment(joints, features, labels);
        }
      }
    }
    return out;
  }

  private static void subsets(
      List<Joint> all, int size, int from, List<Joint> current, List<List<Joint>> out) {
    if (current.size() == size) {
      out.add(List.copyOf(current));
      return;
    }
    for (int i = from; i <= all.size() - (size - current.size()); i++) {
      current.add(all.get(i));
      subsets(all, size, i + 1, current, out);
      current.removeLast();
    }
  }

  private static void permutations(int[] a, int i, List<int[]> out) {
    if (i >= a.length - 1) {
      out.add(a.clone());
      return;
    }
    for (int j = i; j < a.length; j++) {
      swap(a, i, j);
      permutations(a, i + 1, out);
      swap(a, i, j);
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  /**
   * Clause perceptrons: multiclass (the best intent must be one of the gold ones) or, with {@code
   * oneVsRest}, one yes-or-no perceptron per intent.
   */
  private static ClauseIntents trainClauses(
      List<String> intents,
      FeatureIndex clauseFeatures,
      FeatureIndex jointFeatures,
      Labelled data,
      int dim,
      int epochs,
      Random random,
      boolean oneVsRest,
      TrainingProgress progress) {
    int k = intents.size();
    AveragedWeights w = new AveragedWeights(clauseFeatures.size() * k);
    AveragedWeights dw = new AveragedWeights(dim * k);
    ClauseIntents current =
        new ClauseIntents(intents, clauseFeatures, jointFeatures, w.w, dw.w, new float[0]);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < data.x().size(); i++) {
      order.add(i);
    }
    for (int epoch = 1; epoch <= epochs; epoch++) {
      Collections.shuffle(order, random);
      int wrong = 0;
      for (int i : order) {
        Clause c = data.x().get(i);
        int[] gold = data.y().get(i);
        float[] s = current.scores(c.features(), c.state());
        if (oneVsRest) {
          boolean mistake = false;
          for (int j = 0; j < k; j++) {
            boolean isGold = contains(gold, j);
            if ((s[j] > 0) != isGold) {
              mistake = true;
              update(w, dw, c, j, isGold ? 1 : -1, k, dim);
            }
          }
          wrong += mistake ? 1 : 0;
        } else {
          int pred = 0;
          for (int j = 1; j < k; j++) {
            if (s[j] > s[pred]) {
              pred = j;
            }
          }
          if (!contains(gold, pred)) {
            int target = gold[0];
            for (int g : gold) {
              if (s[g] > s[target]) {
                target = g;
              }
            }
            float step = data.weights() == null ? 1 : data.weights()[i];
            update(w, dw, c, target, step, k, dim);
            update(w, dw, c, pred, -step, k, dim);
            wrong++;
          }
        }
        w.tick();
        dw.tick();
      }
      progress.report(
          "clause intents epoch "
              + epoch
              + "/"
              + epochs
              + ": "
              + wrong
              + " clauses wrong of "
              + data.x().size());
    }
    return new ClauseIntents(
        intents, clauseFeatures, jointFeatures, w.average(), dw.average(), new float[0]);
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  private static void update(
      AveragedWeights w, AveragedWeights dw, Clause c, int intent, float delta, int k, int dim) {
    for (int f : c.features()) {
      w.add(f * k + intent, delta);
    }
    if (c.state() != null) {
      for (int d = 0; d < dim; d++) {
        dw.add(intent * dim + d, delta * c.state()[d]);
      }
    }
  }

  /** The joint perceptron: a joint ends a clause when the alignment chose it. */
  private static float[] trainJoints(
      List<Message> messages, List<List<Joint>> aligned, int features, int epochs, Random random) {
    AveragedWeights w = new AveragedWeights(features);
    List<int[]> x = new ArrayList<>();
    List<Boolean> y = new ArrayList<>();
    for (int m = 0; m < messages.size(); m++) {
      Message message = messages.get(m);
      Set<Joint> chosen = new java.util.HashSet<>(aligned.get(m));
      for (int j = 0; j < message.joints.size(); j++) {
        x.add(message.jointIds.get(j));
        y.add(chosen.contains(message.joints.get(j)));
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < x.size(); i++) {
      order.add(i);
    }
    for (int epoch = 1; epoch <= epochs; epoch++) {
      Collections.shuffle(order, random);
      for (int i : order) {
        float s = 0;
        for (int f : x.get(i)) {
          s += w.w[f];
        }
        boolean gold = y.get(i);
        if ((s > 0) != gold) {
          for (int f : x.get(i)) {
            w.add(f, gold ? 1 : -1);
          }
        }
        w.tick();
      }
    }
    return w.average();
  }

  /** The intents, for printing. */
  @Override
  public String toString() {
    return "ClauseIntents" + new TreeSet<>(intents);
  }
}
