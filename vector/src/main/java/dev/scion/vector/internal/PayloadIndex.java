package dev.scion.vector.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scion.vector.Condition;
import dev.scion.vector.PayloadSchema;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An inverted index of one payload field: value to ordinals for matches, and a sorted map of
 * numbers for ranges. Deleted ordinals stay listed until compaction; callers intersect with live
 * points.
 */
final class PayloadIndex {
  private final String key;
  private final PayloadSchema schema;
  private final Map<Object, IntList> byValue = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<Double, IntList> byNumber = new ConcurrentSkipListMap<>();

  PayloadIndex(String key, PayloadSchema schema) {
    this.key = key;
    this.schema = schema;
  }

  PayloadSchema schema() {
    return schema;
  }

  void add(int ord, JsonNode payload) {
    if (payload == null) {
      return;
    }
    for (JsonNode node : PayloadValues.at(payload, key, true)) {
      Object v = PayloadValues.scalar(node);
      if (v == null) {
        continue;
      }
      switch (schema) {
        case KEYWORD -> {
          if (v instanceof String) {
            byValue.computeIfAbsent(v, x -> new IntList()).add(ord);
          }
        }
        case BOOL -> {
          if (v instanceof Boolean) {
            byValue.computeIfAbsent(v, x -> new IntList()).add(ord);
          }
        }
        case INTEGER, FLOAT -> {
          if (v instanceof Number n) {
            if (schema == PayloadSchema.INTEGER && v instanceof Long) {
              byValue.computeIfAbsent(v, x -> new IntList()).add(ord);
            }
            byNumber.computeIfAbsent(n.doubleValue(), x -> new IntList()).add(ord);
          }
        }
      }
    }
  }

  /** Whether this index can answer {@code c} exactly. */
  boolean supports(Condition c) {
    return switch (c) {
      case Condition.Match m -> indexable(m.value());
      case Condition.MatchAny m -> m.values().stream().allMatch(this::indexable);
      case Condition.Range r -> schema == PayloadSchema.INTEGER || schema == PayloadSchema.FLOAT;
      default -> false;
    };
  }

  private boolean indexable(Object v) {
    return switch (schema) {
      case KEYWORD -> v instanceof String;
      case BOOL -> v instanceof Boolean;
      case INTEGER -> v instanceof Long;
      case FLOAT -> false;
    };
  }

  /** The ordinals below {@code limit} that satisfy a supported condition. */
  Bits evaluate(Condition c, int limit) {
    Bits bits = new Bits(limit);
    switch (c) {
      case Condition.Match m -> addValue(m.value(), bits, limit);
      case Condition.MatchAny m -> m.values().forEach(v -> addValue(v, bits, limit));
      case Condition.Range r -> {
        double from =
            r.gte() != null ? r.gte() : r.gt() != null ? r.gt() : Double.NEGATIVE_INFINITY;
        double to = r.lte() != null ? r.lte() : r.lt() != null ? r.lt() : Double.POSITIVE_INFINITY;
        if (from <= to) {
          for (var e : byNumber.subMap(from, true, to, true).entrySet()) {
            if (r.test(e.getKey())) {
              e.getValue().setBits(bits, limit);
            }
          }
        }
      }
      default -> throw new IllegalArgumentException("unsupported condition " + c);
    }
    return bits;
  }

  private void addValue(Object v, Bits bits, int limit) {
    IntList ords = byValue.get(v);
    if (ords != null) {
      ords.setBits(bits, limit);
    }
  }
}
