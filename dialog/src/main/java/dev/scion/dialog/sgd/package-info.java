/**
 * Dialogue state tracking on the Schema-Guided Dialogue (SGD) hotel dialogues, the public measure
 * of how well Scion keeps a conversation's slots straight across turns and corrections.
 */
package dev.scion.dialog.sgd;
