package dev.scion.knowledge;

import java.util.List;

/** A document's text as {@link Block}s, with the full text their offsets point into. */
public record Extracted(String source, String title, String text, List<Block> blocks) {}
