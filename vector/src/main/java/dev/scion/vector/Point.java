package dev.scion.vector;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored point. On input the vector is required and the payload optional; on output either may be
 * null when it was not asked for.
 */
public record Point(PointId id, float[] vector, ObjectNode payload) {}
