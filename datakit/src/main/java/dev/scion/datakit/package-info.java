/**
 * Cleaning training data before a model is trained on it: streaming JSONL in and out, exact,
 * MinHash-LSH and semantic deduplication, classification from a few labelled seeds, quality rules
 * and language identification, chained by a YAML pipeline.
 */
package dev.scion.datakit;
