package dev.scion.vector.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scion.vector.Condition;
import dev.scion.vector.Filter;
import dev.scion.vector.PointId;
import java.util.HashSet;
import java.util.List;

/** Decides whether one point's payload and id satisfy a {@link Filter}. */
final class FilterMatcher {
  private FilterMatcher() {}

  static boolean matches(Filter f, PointId id, JsonNode payload) {
    for (Condition c : f.must()) {
      if (!matches(c, id, payload)) {
        return false;
      }
    }
    if (!f.should().isEmpty()) {
      boolean any = false;
      for (Condition c : f.should()) {
        if (matches(c, id, payload)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    for (Condition c : f.mustNot()) {
      if (matches(c, id, payload)) {
        return false;
      }
    }
    return true;
  }

  static boolean matches(Condition c, PointId id, JsonNode payload) {
    return switch (c) {
      case Condition.Match m ->
          anyValue(payload, m.key(), v -> PayloadValues.sameValue(v, m.value()));
      case Condition.MatchAny m -> anyValue(payload, m.key(), v -> contains(m.values(), v));
      case Condition.MatchExcept m ->
          !values(payload, m.key()).isEmpty()
              && !anyValue(payload, m.key(), v -> contains(m.values(), v));
      case Condition.MatchText m -> {
        List<String> wanted = PayloadValues.words(m.text());
        yield anyValue(
            payload,
            m.key(),
            v ->
                v instanceof String s && new HashSet<>(PayloadValues.words(s)).containsAll(wanted));
      }
      case Condition.Range r ->
          anyValue(payload, r.key(), v -> v instanceof Number n && r.test(n.doubleValue()));
      case Condition.IsEmpty e -> isEmpty(payload, e.key());
      case Condition.IsNull n ->
          payload != null
              && PayloadValues.at(payload, n.key(), false).stream().anyMatch(JsonNode::isNull);
      case Condition.HasId h -> id != null && h.ids().contains(id);
      case Condition.Nested n -> {
        if (payload == null) {
          yield false;
        }
        for (JsonNode element : PayloadValues.at(payload, n.key(), true)) {
          if (element.isObject() && matches(n.filter(), null, element)) {
            yield true;
          }
        }
        yield false;
      }
      case Condition.Sub s -> matches(s.filter(), id, payload);
    };
  }

  private static boolean isEmpty(JsonNode payload, String key) {
    if (payload == null) {
      return true;
    }
    for (JsonNode v : PayloadValues.at(payload, key, false)) {
      if (!v.isNull() && !(v.isArray() && v.isEmpty())) {
        return false;
      }
    }
    return true;
  }

  private static List<JsonNode> values(JsonNode payload, String key) {
    return payload == null ? List.of() : PayloadValues.at(payload, key, true);
  }

  private static boolean contains(List<Object> values, Object v) {
    for (Object candidate : values) {
      if (PayloadValues.sameValue(candidate, v)) {
        return true;
      }
    }
    return false;
  }

  private interface ValueTest {
    boolean test(Object scalar);
  }

  private static boolean anyValue(JsonNode payload, String key, ValueTest test) {
    for (JsonNode node : values(payload, key)) {
      Object v = PayloadValues.scalar(node);
      if (v != null && test.test(v)) {
        return true;
      }
    }
    return false;
  }
}
