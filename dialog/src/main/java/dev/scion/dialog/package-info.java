/**
 * The dialogue engine: it keeps a conversation's state (the task stack and the slots of each task),
 * turns each user message into commands, calls the pack's business tools and knowledge base, and
 * composes the answer.
 */
package dev.scion.dialog;
