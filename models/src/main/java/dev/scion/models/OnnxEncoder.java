package dev.scion.models;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sentence encoder on ONNX Runtime. Thread-safe: ONNX Runtime sessions may be run concurrently,
 * and the cache is synchronized.
 *
 * <p>Each text runs alone (batch of one) and texts run in parallel on {@code threads} workers. The
 * quantized models scale activations dynamically over the whole input tensor, so padding a text
 * into a batch with others would change its vector; one at a time, a text always gets the same
 * vector whatever it is embedded with.
 */
public final class OnnxEncoder implements AutoCloseable {
  /** BGE small English v1.5, int8-quantized: 384 dimensions, 512 tokens at most. */
  public static final String BGE_SMALL_EN_V15 = "bge-small-en-v1.5";

  /** BGE small Chinese v1.5, int8-quantized: 512 dimensions, 512 tokens at most. */
  public static final String BGE_SMALL_ZH_V15 = "bge-small-zh-v1.5";

  /** The encoders this build ships, by name. */
  public static final java.util.List<String> AVAILABLE =
      java.util.List.of(BGE_SMALL_EN_V15, BGE_SMALL_ZH_V15);

  private static final int MAX_TOKENS = 512;

  /** Texts are counted in pieces of about this many characters, cut at white space. */
  private static final int COUNT_PIECE_CHARS = 4096;

  private final String name;
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final HuggingFaceTokenizer counter;
  private final int specialTokens;
  private final boolean typeIds;
  private final int dimension;
  private final Map<String, float[]> cache;
  private final java.util.concurrent.ExecutorService workers;
  private final int threads;

  private OnnxEncoder(String name, byte[] model, byte[] tokenizerJson, int threads, int cacheSize) {
    this.name = name;
    try {
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      this.session = env.createSession(model, options);
      this.typeIds = session.getInputNames().contains("token_type_ids");
      long[] shape =
          ((ai.onnxruntime.TensorInfo) session.getOutputInfo().values().iterator().next().getInfo())
              .getShape();
      this.dimension = (int) shape[shape.length - 1];
      Map<String, String> tokenizerOptions = new HashMap<>();
      tokenizerOptions.put("maxLength", Integer.toString(MAX_TOKENS));
      tokenizerOptions.put("truncation", "true");
      tokenizerOptions.put("padding", "false");
      this.tokenizer =
          HuggingFaceTokenizer.newInstance(
              new ByteArrayInputStream(tokenizerJson), tokenizerOptions);
      this.counter =
          HuggingFaceTokenizer.newInstance(
              new ByteArrayInputStream(tokenizerJson),
              Map.of("truncation", "false", "padding", "false"));
      this.specialTokens = tokenizer.encode("").getIds().length;
    } catch (OrtException | IOException e) {
      throw new ModelException("cannot load encoder " + name + ": " + e.getMessage(), e);
    }
    this.threads = Math.max(1, threads);
    this.workers =
        java.util.concurrent.Executors.newFixedThreadPool(
            this.threads, Thread.ofPlatform().name("encoder-", 1).daemon().factory());
    this.cache =
        Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
              private static final long serialVersionUID = 1L;

              @Override
              protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > cacheSize;
              }
            });
  }

  /** Loads a model shipped on the class path by name (see {@link #BGE_SMALL_EN_V15}). */
  public static OnnxEncoder load(String name, int threads, int cacheSize) {
    String base =
        switch (name) {
          case BGE_SMALL_EN_V15 -> "bge-small-en-v1.5-q";
          case BGE_SMALL_ZH_V15 -> "bge-small-zh-v1.5-q";
          default ->
              throw new ModelException(
                  "unknown encoder '" + name + "'; available: " + String.join(", ", AVAILABLE));
        };
    ClassLoader loader = OnnxEncoder.class.getClassLoader();
    try (InputStream model = loader.getResourceAsStream(base + ".onnx");
        InputStream tokenizer = loader.getResourceAsStream(base + "-tokenizer.json")) {
      if (model == null || tokenizer == null) {
        throw new ModelException(
            "encoder " + name + " is not on the class path (" + base + ".onnx)");
      }
      return new OnnxEncoder(
          name, model.readAllBytes(), tokenizer.readAllBytes(), threads, cacheSize);
    } catch (IOException e) {
      throw new ModelException("cannot read encoder " + name + ": " + e.getMessage(), e);
    }
  }

  public String name() {
    return name;
  }

  public int dimension() {
    return dimension;
  }

  /**
   * The number of tokens {@code text} becomes, with the special tokens: all of them, also past the
   * {@value #MAX_TOKENS} that {@link #embed} reads. What usage and costs are counted in.
   */
  public int countTokens(String text) {
    return countTokens(text, Long.MAX_VALUE);
  }

  /**
   * The tokens of {@code text} as {@link #countTokens(String)} counts them, except that counting
   * stops once past {@code bound}: a result above {@code bound} says only that the text is longer.
   * Long texts are counted in pieces cut at white space, where the encoders' word-piece tokenizers
   * cut too, so the sum is the whole text's count.
   */
  public int countTokens(String text, long bound) {
    long n = specialTokens;
    for (int from = 0, to; from < text.length() && n <= bound; from = to) {
      to = pieceEnd(text, from);
      n += counter.encode(text.substring(from, to), false, false).getIds().length;
    }
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  /** Where the piece of a text to count that starts at {@code from} ends. */
  private static int pieceEnd(String text, int from) {
    int end = from + COUNT_PIECE_CHARS;
    if (end >= text.length()) {
      return text.length();
    }
    for (int i = end; i > from + COUNT_PIECE_CHARS / 2; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
  }

  /** How many texts this encoder runs at once. */
  public int threads() {
    return threads;
  }

  /** Sentence vectors: the CLS token's final hidden state, L2-normalized. */
  public float[][] embed(List<String> texts) {
    float[][] out = new float[texts.size()][];
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      float[] cached = cache.get(texts.get(i));
      if (cached != null) {
        out[i] = cached.clone();
      } else {
        missing.add(i);
      }
    }
    run(
        texts,
        missing,
        (i, states, length) -> {
          float[] v = normalize(states[0].clone());
          cache.put(texts.get(i), v);
          out[i] = v.clone();
        });
    return out;
  }

  public float[] embed(String text) {
    return embed(List.of(text))[0];
  }

  /** Per-token hidden states of each text: {@code [token][dimension]}, special tokens included. */
  public float[][][] tokenStates(List<String> texts) {
    float[][][] out = new float[texts.size()][][];
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      all.add(i);
    }
    run(texts, all, (i, states, length) -> out[i] = Arrays.copyOf(states, length));
    return out;
  }

  /**
   * The final hidden state of the first sub-word token of each word of an utterance given as words,
   * for taggers that label words; words beyond the model's length limit get zeros.
   */
  public float[][] wordStates(List<String> words) {
    StringBuilder text = new StringBuilder();
    int[] starts = new int[words.size()];
    for (int i = 0; i < words.size(); i++) {
      if (i > 0) {
        text.append(' ');
      }
      starts[i] = text.length();
      text.append(words.get(i));
    }
    Encoding e = tokenizer.encode(text.toString());
    float[][] states = runOne(e);
    ai.djl.huggingface.tokenizers.jni.CharSpan[] spans = e.getCharTokenSpans();
    float[][] out = new float[words.size()][];
    for (int t = 0; t < spans.length && t < states.length; t++) {
      if (spans[t] == null || e.getSpecialTokenMask()[t] == 1) {
        continue;
      }
      int w = Arrays.binarySearch(starts, spans[t].getStart());
      if (w < 0) {
        w = -w - 2;
      }
      if (w >= 0 && out[w] == null) {
        out[w] = states[t];
      }
    }
    for (int w = 0; w < out.length; w++) {
      if (out[w] == null) {
        out[w] = new float[dimension];
      }
    }
    return out;
  }

  private interface Sink {
    void accept(int index, float[][] states, int length);
  }

  /** Tokenizes and runs each text alone, spread over the workers; hands each result to the sink. */
  private void run(List<String> texts, List<Integer> indices, Sink sink) {
    if (indices.isEmpty()) {
      return;
    }
    for (int i : indices) {
      if (texts.get(i) == null) {
        throw new ModelException("text #" + i + " is null; give a string (it may be empty)");
      }
    }
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    List<java.util.concurrent.Future<?>> running = new ArrayList<>();
    for (int w = 0; w < Math.min(threads, indices.size()); w++) {
      running.add(
          workers.submit(
              () -> {
                for (int j; (j = next.getAndIncrement()) < indices.size(); ) {
                  int i = indices.get(j);
                  Encoding e = tokenizer.encode(texts.get(i));
                  sink.accept(i, runOne(e), e.getIds().length);
                }
                return null;
              }));
    }
    try {
      for (var f : running) {
        f.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof ModelException me
          ? me
          : new ModelException("encoder " + name + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelException("encoding was interrupted", e);
    }
  }

  /** The final hidden states of one tokenized text: {@code [token][dimension]}. */
  private float[][] runOne(Encoding e) {
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, new long[][] {e.getIds()}));
      inputs.put(
          "attention_mask", OnnxTensor.createTensor(env, new long[][] {e.getAttentionMask()}));
      if (typeIds) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[][] {e.getTypeIds()}));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        return ((float[][][]) result.get(0).getValue())[0];
      }
    } catch (OrtException ex) {
      throw new ModelException("encoder " + name + " failed: " + ex.getMessage(), ex);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /** Scales {@code v} in place to unit length (a zero vector stays zero) and returns it. */
  public static float[] normalize(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    float inv = s == 0 ? 0 : (float) (1 / Math.sqrt(s));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
    return v;
  }

  @Override
  public void close() {
    workers.shutdown();
    try {
      session.close();
    } catch (OrtException e) {
      throw new ModelException("cannot close encoder " + name + ": " + e.getMessage(), e);
    }
    tokenizer.close();
    counter.close();
  }
}
