package dev.scion.vector;

import java.time.Instant;

/** A snapshot file of a collection. */
public record SnapshotInfo(String name, Instant creationTime, long size) {}
