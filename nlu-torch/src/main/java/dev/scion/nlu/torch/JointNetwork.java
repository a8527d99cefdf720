package dev.scion.nlu.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The network: each word is its frozen encoder state joined to a trained word embedding; a
 * bidirectional LSTM reads the words (no padding: a batch holds utterances of one length); the
 * intent head reads the max- and mean-pooled LSTM states (one sigmoid per intent, so an utterance
 * may have several); the slot head reads each word's LSTM state together with the intent
 * probabilities (the intent-to-slot interaction) and scores its BIO tags.
 *
 * <p>Inputs: states {@code (B, T, D)} float and word ids {@code (B, T)} int. Outputs: intent logits
 * {@code (B, I)} and tag logits {@code (B, T, L)}. All utterances of a batch have the same length,
 * so no padding enters the LSTM.
 */
final class JointNetwork extends AbstractBlock {
  private static final byte VERSION = 1;

  /** Sizes of the network; saved with the model. */
  record Sizes(int stateDim, int vocabulary, int embedding, int hidden, int intents, int tags) {}

  private final Sizes sizes;
  private final float dropout;
  private final Parameter embedding;
  private final LSTM forward;
  private final LSTM backward;
  private final Linear intentHead;
  private final Linear slotHead;

  JointNetwork(Sizes sizes, float dropout) {
    super(VERSION);
    this.sizes = sizes;
    this.dropout = dropout;
    this.embedding =
        addParameter(
            Parameter.builder()
                .setName("embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(sizes.vocabulary(), sizes.embedding()))
                .optInitializer(new NormalInitializer(0.1f))
                .build());
    this.forward = addChildBlock("forward", lstm(sizes.hidden()));
    this.backward = addChildBlock("backward", lstm(sizes.hidden()));
    this.intentHead = addChildBlock("intent", Linear.builder().setUnits(sizes.intents()).build());
    this.slotHead = addChildBlock("slot", Linear.builder().setUnits(sizes.tags()).build());
  }

  /**
   * One direction of the BiLSTM. Two one-way LSTMs, the second reading the words reversed, stand
   * for DJL's bidirectional LSTM, whose parameters reach PyTorch in the wrong order.
   */
  private static LSTM lstm(int hidden) {
    return LSTM.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).build();
  }

  Sizes sizes() {
    return sizes;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray states = inputs.get(0);
    NDArray ids = inputs.get(1);
    long batch = states.getShape().get(0);
    long length = states.getShape().get(1);
    NDArray table = store.getValue(embedding, states.getDevice(), training);
    NDArray words = ids.oneHot(sizes.vocabulary()).matMul(table);
    NDArray x = NDArrays.concat(new NDList(states, words), 2);
    x = drop(x, training);
    NDArray left = forward.forward(store, new NDList(x), training).head();
    NDArray right = backward.forward(store, new NDList(x.flip(1)), training).head().flip(1);
    NDArray h = NDArrays.concat(new NDList(left, right), 2);
    h = drop(h, training);
    NDArray pooled = NDArrays.concat(new NDList(h.max(new int[] {1}), h.mean(new int[] {1})), 1);
    NDArray intentLogits = intentHead.forward(store, new NDList(pooled), training).head();
    NDArray intentProbs =
        Activation.sigmoid(intentLogits)
            .expandDims(1)
            .broadcast(new Shape(batch, length, sizes.intents()));
    NDArray slotInput = NDArrays.concat(new NDList(h, intentProbs), 2);
    NDArray tagLogits = slotHead.forward(store, new NDList(slotInput), training).head();
    return new NDList(intentLogits, tagLogits);
  }

  private NDArray drop(NDArray x, boolean training) {
    return training && dropout > 0 ? Dropout.dropout(x, dropout, true).head() : x;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    Shape s = inputs[0];
    return new Shape[] {
      new Shape(s.get(0), sizes.intents()), new Shape(s.get(0), s.get(1), sizes.tags())
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
    long b = inputs[0].get(0);
    long t = inputs[0].get(1);
    long h2 = 2L * sizes.hidden();
    Shape words = new Shape(b, t, sizes.stateDim() + sizes.embedding());
    forward.initialize(manager, dataType, words);
    backward.initialize(manager, dataType, words);
    intentHead.initialize(manager, dataType, new Shape(b, 2 * h2));
    slotHead.initialize(manager, dataType, new Shape(b, t, h2 + sizes.intents()));
  }
}
