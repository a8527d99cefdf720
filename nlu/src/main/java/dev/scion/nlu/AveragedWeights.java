package dev.scion.nlu;

/**
 * Perceptron weights with lazy averaging (Daume's trick): {@code w} holds the current weights and
 * {@code u} the updates weighted by the step they happened at, so the average is {@code w - u / c}.
 */
final class AveragedWeights {
  final float[] w;
  private final float[] u;
  private int step = 1;

  AveragedWeights(int size) {
    w = new float[size];
    u = new float[size];
  }

  void add(int i, float delta) {
    w[i] += delta;
    u[i] += step * delta;
  }

  void tick() {
    step++;
  }

  /** The averaged weights. */
  float[] average() {
    float[] avg = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      avg[i] = w[i] - u[i] / step;
    }
    return avg;
  }
}
