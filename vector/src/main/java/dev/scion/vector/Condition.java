package dev.scion.vector;

import java.util.List;
import java.util.Set;

/**
 * One condition of a {@link Filter}. Keys are payload paths: {@code city}, {@code address.city},
 * {@code rooms[].type}; a condition on a path that reaches several values (an array) holds when any
 * of them satisfies it. Values are JSON scalars given as {@link String}, {@link Long}, {@link
 * Double} or {@link Boolean}.
 */
public sealed interface Condition {

  /** The value at {@code key} equals {@code value}. */
  record Match(String key, Object value) implements Condition {}

  /** The value at {@code key} equals one of {@code values}. */
  record MatchAny(String key, List<Object> values) implements Condition {}

  /** The value at {@code key} exists and equals none of {@code values}. */
  record MatchExcept(String key, List<Object> values) implements Condition {}

  /** The string at {@code key} contains every word of {@code text}, ignoring case. */
  record MatchText(String key, String text) implements Condition {}

  /** The number at {@code key} lies in the range; null bounds are open. */
  record Range(String key, Double gt, Double gte, Double lt, Double lte) implements Condition {
    public boolean test(double v) {
      return (gt == null || v > gt)
          && (gte == null || v >= gte)
          && (lt == null || v < lt)
          && (lte == null || v <= lte);
    }
  }

  /** {@code key} is missing, null or an empty array. */
  record IsEmpty(String key) implements Condition {}

  /** {@code key} is present and null. */
  record IsNull(String key) implements Condition {}

  /** The point's id is one of {@code ids}. */
  record HasId(Set<PointId> ids) implements Condition {}

  /** Some element of the array of objects at {@code key} satisfies {@code filter} as a whole. */
  record Nested(String key, Filter filter) implements Condition {}

  /** A sub-filter used as a condition. */
  record Sub(Filter filter) implements Condition {}
}
