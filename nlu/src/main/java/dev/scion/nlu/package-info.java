/**
 * Natural-language understanding trained from an industry's examples: the set of intents of an
 * utterance (multi-label) and its slots (BIO spans), as a {@link dev.scion.nlu.JointModel}.
 *
 * <p>Slots are tagged by an averaged structured perceptron (Collins, 2002) with Viterbi decoding
 * constrained to valid BIO sequences; intents by one-vs-rest averaged perceptrons. Both read sparse
 * lexical features of the words around each position.
 */
package dev.scion.nlu;
