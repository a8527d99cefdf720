package dev.scion.vector;

import java.util.List;

/** One page of a scroll in id order, and the id to start the next page from (null at the end). */
public record ScrollPage(List<Point> points, PointId nextOffset) {}
