package dev.scion.vector;

import java.util.UUID;

/**
 * The id of a point: an unsigned 64-bit integer or a UUID, as in Qdrant. Numbers sort before UUIDs.
 */
public sealed interface PointId extends Comparable<PointId> {

  /** A numeric id. */
  record Num(long value) implements PointId {
    public Num {
      if (value < 0) {
        throw new InvalidInputException(
            "point id " + value + " is negative; ids are unsigned integers or UUIDs");
      }
    }

    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** A UUID id. */
  record Uuid(UUID value) implements PointId {
    @Override
    public String toString() {
      return value.toString();
    }
  }

  static PointId of(long value) {
    return new Num(value);
  }

  static PointId of(UUID value) {
    return new Uuid(value);
  }

  /** Parses a decimal number or a UUID string. */
  static PointId parse(String text) {
    if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
      try {
        return new Num(Long.parseLong(text));
      } catch (NumberFormatException e) {
        throw new InvalidInputException("point id " + text + " is larger than 2^63-1");
      }
    }
    try {
      return new Uuid(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "point id '" + text + "' is neither an unsigned integer nor a UUID");
    }
  }

  @Override
  default int compareTo(PointId other) {
    return switch (this) {
      case Num a when other instanceof Num b -> Long.compare(a.value(), b.value());
      case Num a -> -1;
      case Uuid a when other instanceof Uuid b -> a.value().compareTo(b.value());
      case Uuid a -> 1;
    };
  }
}
