package dev.scion.vector.internal;

import dev.scion.vector.Point;
import dev.scion.vector.PointId;
import java.util.List;

/** A logged change to a collection: what the write-ahead log stores and recovery replays. */
public sealed interface Operation {
  /** Insert or replace points; vectors are already validated (and normalized for Cosine). */
  record Upsert(List<Point> points) implements Operation {}

  /** Delete points by id; unknown ids are ignored. */
  record Delete(List<PointId> ids) implements Operation {}
}
