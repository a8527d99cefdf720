/**
 * Conversation stories: whole conversations with what a pack should understand at every turn, and
 * their evaluation.
 *
 * <p>A stories file (YAML) is a list of stories; each has a {@code story} title, the {@code today}
 * its relative dates are read against, its {@code language}, and {@code turns}. A turn has the
 * {@code user}'s message and, each optional, what must hold after it: the {@code intents} of the
 * message (as a set), {@code slots} (each listed slot of the dialogue state equals the value given;
 * {@code null} means the slot is empty), the {@code active_task}, and {@code reply} patterns
 * (regular expressions each found in the reply). A turn is right when all of its expectations hold.
 *
 * <p>{@link dev.scion.dialog.stories.StoryEval} runs each story in a conversation of its own and
 * reports turn accuracy with every failing turn, so that stories written apart from a pack's
 * training examples measure how well the pack understands people.
 */
package dev.scion.dialog.stories;
