package dev.scion.vector;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A search hit. {@code score} follows the collection's distance: a similarity for Cosine and Dot
 * (higher is closer), a distance for Euclid (lower is closer).
 */
public record ScoredPoint(PointId id, float score, ObjectNode payload, float[] vector) {}
