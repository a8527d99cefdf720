package dev.scion.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadFilterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  VectorDatabase db;
  VectorCollection c;

  @BeforeEach
  void load() throws Exception {
    db = VectorDatabase.open(dir);
    c = db.create("hotels", new CollectionConfig(2, Distance.DOT));
    String[] payloads = {
      "{\"city\":\"Da Nang\",\"stars\":4,\"price\":80.5,\"tags\":[\"pool\",\"beach\"],\"address\":{\"country\":\"VN\"},\"rooms\":[{\"type\":\"double\",\"free\":2},{\"type\":\"suite\",\"free\":0}],\"note\":\"Quiet rooms near the beach\"}",
      "{\"city\":\"Hanoi\",\"stars\":5,\"price\":120,\"tags\":[\"spa\"],\"address\":{\"country\":\"VN\"},\"rooms\":[{\"type\":\"suite\",\"free\":1}],\"manager\":null}",
      "{\"city\":\"Tokyo\",\"stars\":3,\"price\":95,\"tags\":[],\"address\":{\"country\":\"JP\"},\"rooms\":[{\"type\":\"double\",\"free\":0}]}",
      "{\"city\":\"Da Nang\",\"stars\":2,\"address\":{\"country\":\"VN\"}}"
    };
    for (int i = 0; i < payloads.length; i++) {
      c.upsert(
          List.of(
              new Point(
                  PointId.of(i + 1), new float[] {1, i}, (ObjectNode) JSON.readTree(payloads[i]))),
          true);
    }
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    db.close();
  }

  private Set<Long> ids(Filter f) {
    return c.scroll(f, null, 100, false, false).points().stream()
        .map(p -> ((PointId.Num) p.id()).value())
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void matchOnKeywordIntegerAndNestedKey() {
    assertEquals(Set.of(1L, 4L), ids(Filter.must(new Condition.Match("city", "Da Nang"))));
    assertEquals(Set.of(2L), ids(Filter.must(new Condition.Match("stars", 5L))));
    assertEquals(Set.of(3L), ids(Filter.must(new Condition.Match("address.country", "JP"))));
  }

  @Test
  void arraysMatchWhenAnyElementMatches() {
    assertEquals(Set.of(1L), ids(Filter.must(new Condition.Match("tags", "beach"))));
    assertEquals(Set.of(1L, 2L), ids(Filter.must(new Condition.Match("rooms[].type", "suite"))));
    assertEquals(
        Set.of(1L, 2L), ids(Filter.must(new Condition.MatchAny("tags", List.of("spa", "pool")))));
  }

  @Test
  void exceptRangeTextEmptyNullAndIds() {
    assertEquals(
        Set.of(2L, 3L), ids(Filter.must(new Condition.MatchExcept("city", List.of("Da Nang")))));
    assertEquals(
        Set.of(1L, 3L), ids(Filter.must(new Condition.Range("price", null, 80.0, 100.0, null))));
    assertEquals(Set.of(1L), ids(Filter.must(new Condition.MatchText("note", "beach QUIET"))));
    assertEquals(Set.of(3L, 4L), ids(Filter.must(new Condition.IsEmpty("tags"))));
    assertEquals(Set.of(2L), ids(Filter.must(new Condition.IsNull("manager"))));
    assertEquals(
        Set.of(1L, 3L),
        ids(
            Filter.must(
                new Condition.HasId(Set.of(PointId.of(1), PointId.of(3), PointId.of(99))))));
  }

  @Test
  void nestedRequiresOneElementToPassTheWholeSubFilter() {
    // Hotel 1 has a free double and a full suite: "a suite that is free" must not match it.
    Filter freeSuite =
        Filter.must(
            new Condition.Nested(
                "rooms",
                Filter.must(
                    new Condition.Match("type", "suite"),
                    new Condition.Range("free", null, 1.0, null, null))));
    assertEquals(Set.of(2L), ids(freeSuite));
  }

  @Test
  void shouldAndMustNotCombine() {
    Filter f =
        new Filter(
            List.of(new Condition.Match("address.country", "VN")),
            List.of(new Condition.Match("stars", 4L), new Condition.Match("stars", 2L)),
            List.of(new Condition.Match("tags", "pool")));
    assertEquals(Set.of(4L), ids(f));
    assertEquals(1, c.count(f));
  }
}
