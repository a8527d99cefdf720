/**
 * Natural-language understanding trained from an industry's examples: the set of intents of an
 * utterance (multi-label) and its slots (BIO spans), as a {@link dev.scion.nlu.JointModel}.
 *
 * <p>Slots are tagged by an averaged structured perceptron (Collins, 2002) with Viterbi decoding
 * constrained to valid BIO sequences; intents by one-vs-rest averaged perceptrons. Both read sparse
 * lexical features of the words around each position.
 *
 * <p>{@link dev.scion.nlu.IntentSlotModel} is what every kind of model offers (predict, save) and
 * loads a saved model of any kind; the neural kind lives in module {@code nlu-torch}. {@link
 * dev.scion.nlu.CrossValidation} scores a trainer by k-fold cross-validation grouped by clause, and
 * {@link dev.scion.nlu.WordStates} runs the encoder once per utterance across trainings.
 */
package dev.scion.nlu;
