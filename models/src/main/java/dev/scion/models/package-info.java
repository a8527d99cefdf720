/**
 * Local models. {@link dev.scion.models.OnnxEncoder} runs a BERT-style sentence encoder (BGE small,
 * quantized, shipped inside the LangChain4j embedding jars) on ONNX Runtime with the Hugging Face
 * tokenizer: pooled sentence vectors (CLS token, L2-normalized, as BGE is trained) and per-token
 * hidden states, in length-sorted batches, with a bounded cache.
 */
package dev.scion.models;
