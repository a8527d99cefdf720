package dev.scion.vector;

/**
 * Parameters of the HNSW index.
 *
 * @param m the paper's M: links per node on upper layers (2M on layer 0); Qdrant's {@code m}
 * @param efConstruction the beam width while inserting; Qdrant's {@code ef_construct}
 * @param fullScanThresholdKb below this many kilobytes of vectors (of the whole collection or of
 *     the points that pass a filter) search is exact instead of walking the graph
 */
public record HnswParams(int m, int efConstruction, int fullScanThresholdKb) {
  public static final HnswParams DEFAULT = new HnswParams(16, 100, 10_000);

  public HnswParams {
    if (m < 2 || m > 512) {
      throw new InvalidInputException("hnsw m must be between 2 and 512, got " + m);
    }
    if (efConstruction < 4 || efConstruction > 4096) {
      throw new InvalidInputException(
          "hnsw ef_construct must be between 4 and 4096, got " + efConstruction);
    }
    if (fullScanThresholdKb < 0) {
      throw new InvalidInputException(
          "full_scan_threshold must be 0 or more kilobytes, got " + fullScanThresholdKb);
    }
  }
}
