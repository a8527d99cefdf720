package dev.scion.nlu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlotTaggerTest {
  private static final List<String> LABELS = List.of("O", "B-artist", "B-playlist", "I-playlist");

  /** A tagger over one feature per position (the word's id) with hand-set emission weights. */
  private static SlotTagger tagger(float[][] emissionByWord) {
    int n = LABELS.size();
    float[] emission = new float[emissionByWord.length * n];
    for (int f = 0; f < emissionByWord.length; f++) {
      System.arraycopy(emissionByWord[f], 0, emission, f * n, n);
    }
    return new SlotTagger(LABELS, emission, new float[(n + 1) * n], new float[0]);
  }

  @Test
  void eachPositionKeepsToItsOwnLabels() {
    // word 0 looks like an artist, then a playlist; word 1 looks like a playlist's second word
    SlotTagger t = tagger(new float[][] {{0, 3, 2, 0}, {0, 0, 0, 0.5f}});
    int[][] words = {{0}, {1}};
    float[][] e = t.emissions(words, null);
    assertArrayEquals(new int[] {1, 0}, t.decode(words, null));
    boolean[] noArtist = {true, false, true, true};
    assertArrayEquals(new int[] {2, 3}, t.decode(e, new boolean[][] {noArtist, null}));
    boolean[] onlyO = {true, false, false, false};
    assertArrayEquals(
        new int[] {0, 0}, t.decode(e, new boolean[][] {onlyO, null}), "I- needs its B-");
    assertEquals(2.5f, t.score(e, new int[] {2, 3}, 0, 2));
    assertEquals(0.5f, t.score(e, new int[] {2, 3}, 1, 2));
  }

  @Test
  void anEnsembleDecodesWithTheSumOfItsMembers() {
    long seed = Long.getLong("tests.seed", 3);
    System.out.println("[seed] slot ensemble = " + seed);
    List<int[][]> x = List.of(new int[][] {{0}, {1}}, new int[][] {{2}, {1}});
    List<int[]> y = List.of(new int[] {2, 3}, new int[] {1, 0});
    var data = new SlotTagger.Sentences(LABELS, 3, x, null, 0, y);
    SlotTagger one = SlotTagger.train(data, 20, seed, line -> {});
    SlotTagger other = SlotTagger.train(data, 20, seed + 1000, line -> {});
    SlotTagger both = SlotTagger.ensemble(2, data, 20, seed, line -> {});
    for (int i = 0; i < both.emission.length; i++) {
      assertEquals(one.emission[i] + other.emission[i], both.emission[i], 1e-6f);
    }
    for (int s = 0; s < x.size(); s++) {
      assertArrayEquals(y.get(s), both.decode(x.get(s), null));
    }
  }
}
