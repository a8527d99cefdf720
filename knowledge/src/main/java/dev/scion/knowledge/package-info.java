/**
 * Knowledge bases: documents ingested into structure-aware chunks, retrieved by BM25 and dense
 * vectors fused, and answered from with citations, counting the context tokens each answer costs.
 */
package dev.scion.knowledge;
