package dev.scion.vector;

import java.util.List;

/**
 * A boolean filter on payloads, as in Qdrant: every {@code must} condition holds, at least one
 * {@code should} condition holds (when there are any), and no {@code mustNot} condition holds.
 */
public record Filter(List<Condition> must, List<Condition> should, List<Condition> mustNot) {
  public Filter {
    must = must == null ? List.of() : List.copyOf(must);
    should = should == null ? List.of() : List.copyOf(should);
    mustNot = mustNot == null ? List.of() : List.copyOf(mustNot);
  }

  public static Filter must(Condition... conditions) {
    return new Filter(List.of(conditions), null, null);
  }

  public boolean isEmpty() {
    return must.isEmpty() && should.isEmpty() && mustNot.isEmpty();
  }
}
