package dev.scion.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Feature strings to dense ids; grows while training, frozen afterwards (unknown ids are -1). */
final class FeatureIndex {
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private boolean frozen;

  int size() {
    return names.size();
  }

  List<String> names() {
    return names;
  }

  void freeze() {
    frozen = true;
  }

  int id(String feature) {
    Integer id = ids.get(feature);
    if (id != null) {
      return id;
    }
    if (frozen) {
      return -1;
    }
    ids.put(feature, names.size());
    names.add(feature);
    return names.size() - 1;
  }

  int[] ids(List<String> features) {
    int[] out = new int[features.size()];
    int n = 0;
    for (String f : features) {
      int id = id(f);
      if (id >= 0) {
        out[n++] = id;
      }
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  static FeatureIndex of(List<String> names) {
    FeatureIndex index = new FeatureIndex();
    names.forEach(index::id);
    index.freeze();
    return index;
  }
}
