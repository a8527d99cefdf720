package dev.scion.vector;

import java.util.Map;

/**
 * What a collection holds now.
 *
 * @param pointsCount live points
 * @param indexedVectorsCount vectors in the HNSW graph (deleted ones included until compaction)
 * @param deletedCount deleted points not yet reclaimed by compaction
 * @param payloadSchema the payload indexes by field
 */
public record CollectionInfo(
    CollectionConfig config,
    long pointsCount,
    long indexedVectorsCount,
    long deletedCount,
    boolean quantized,
    Map<String, PayloadSchema> payloadSchema) {}
