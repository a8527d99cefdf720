package dev.scion.vector;

import java.util.Arrays;
import java.util.Locale;

/** How two vectors are compared. Names are Qdrant's. */
public enum Distance {
  /** Cosine similarity; vectors are normalized on insert and scores are similarities. */
  COSINE("Cosine"),
  /** Dot product; scores are dot products, higher is closer. */
  DOT("Dot"),
  /** Euclidean distance; scores are distances, lower is closer. */
  EUCLID("Euclid");

  private final String apiName;

  Distance(String apiName) {
    this.apiName = apiName;
  }

  /** The name used in the HTTP API ({@code Cosine}, {@code Dot}, {@code Euclid}). */
  public String apiName() {
    return apiName;
  }

  /** Whether a higher score means closer (true for similarities, false for distances). */
  public boolean higherIsCloser() {
    return this != EUCLID;
  }

  /** Parses an API name, case-insensitively. */
  public static Distance parse(String name) {
    for (Distance d : values()) {
      if (d.apiName.equalsIgnoreCase(name) || d.name().equalsIgnoreCase(name)) {
        return d;
      }
    }
    throw new InvalidInputException(
        "unknown distance '"
            + name
            + "'; use one of "
            + Arrays.stream(values())
                .map(Distance::apiName)
                .toList()
                .toString()
                .toLowerCase(Locale.ROOT));
  }

  /**
   * The score of two vectors of one length, as a search reports it: the cosine similarity, the dot
   * product, or the Euclidean distance. Computed with the engine's own kernels.
   */
  public float score(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new InvalidInputException(
          "vectors of " + a.length + " and " + b.length + " dimensions cannot be compared");
    }
    dev.scion.vector.internal.VectorKernels k = dev.scion.vector.internal.VectorKernels.get();
    return switch (this) {
      case DOT -> k.dot(a, 0, b, 0, a.length);
      case EUCLID -> (float) Math.sqrt(Math.max(0, k.squareDistance(a, 0, b, 0, a.length)));
      case COSINE -> {
        double norms =
            Math.sqrt((double) k.dot(a, 0, a, 0, a.length) * k.dot(b, 0, b, 0, b.length));
        yield norms == 0 ? 0 : (float) (k.dot(a, 0, b, 0, a.length) / norms);
      }
    };
  }
}
