package dev.scion.vector;

/**
 * A nearest-neighbour query.
 *
 * @param vector the query vector
 * @param limit how many hits to return
 * @param offset how many of the best hits to skip (for paging)
 * @param filter a payload filter, or null
 * @param ef the beam width of the graph walk, or 0 for the default (max(limit + offset, 64))
 * @param exact search every point instead of walking the graph
 * @param scoreThreshold drop hits worse than this score, or null
 */
public record SearchRequest(
    float[] vector,
    int limit,
    int offset,
    Filter filter,
    int ef,
    boolean exact,
    boolean withPayload,
    boolean withVector,
    Float scoreThreshold) {

  /** The largest {@code limit + offset} accepted. */
  public static final int MAX_RESULTS = 10_000;

  public SearchRequest {
    if (vector == null) {
      throw new InvalidInputException("the query vector is missing");
    }
    if (limit < 1 || offset < 0 || limit + offset > MAX_RESULTS) {
      throw new InvalidInputException(
          "limit must be 1 or more and limit + offset at most "
              + MAX_RESULTS
              + ", got limit "
              + limit
              + " and offset "
              + offset);
    }
    if (ef < 0 || ef > MAX_RESULTS) {
      throw new InvalidInputException(
          "hnsw_ef must be between 0 and " + MAX_RESULTS + ", got " + ef);
    }
  }

  /** The top {@code limit} hits with payloads, walking the graph with the default beam. */
  public static SearchRequest of(float[] vector, int limit) {
    return new SearchRequest(vector, limit, 0, null, 0, false, true, false, null);
  }

  public SearchRequest withFilter(Filter f) {
    return new SearchRequest(
        vector, limit, offset, f, ef, exact, withPayload, withVector, scoreThreshold);
  }

  public SearchRequest withEf(int beam) {
    return new SearchRequest(
        vector, limit, offset, filter, beam, exact, withPayload, withVector, scoreThreshold);
  }

  public SearchRequest withExact(boolean e) {
    return new SearchRequest(
        vector, limit, offset, filter, ef, e, withPayload, withVector, scoreThreshold);
  }
}
