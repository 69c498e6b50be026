import { z } from 'zod';
import * as add from './add';
import * as bulk from './bulk';
import * as complete from './complete';
import * as conversation from './conversation';
import * as remove from './delete';
import * as list from './list';
import type { Ref } from './ref';
import type { Rule } from './rule';
import * as select from './select';
import * as show from './show';
import * as undo from './undo';
import * as update from './update';

/**
 * Every rule the parser knows, in the one order it tries them: the first
 * rule that answers a message wins. Each family keeps its own rules and
 * their examples; this order is the only place families meet.
 */
export const RULES: readonly Rule<Intent>[] = [
  // Whole-message phrases: help, greetings, thanks, a bare number.
  ...conversation.rules,
  ...select.rules,
  // Before "cancel x" (delete) and "undo x" (reopen): "cancel that" after a change means take it back.
  ...undo.rules,
  // Before delete and add: "delete the due date of x", "add a note to x", "make x urgent" change x.
  ...update.commands,
  // Before one-task complete and delete: "complete all", "clear completed", "delete everything".
  ...bulk.rules,
  ...complete.commands,
  ...remove.rules,
  ...add.commands,
  // After every command, so "complete the list review" completes rather than lists.
  ...list.rules,
  // After list questions, so "what is due today?" lists instead of rescheduling "what".
  ...update.statements,
  ...complete.statements,
  ...show.rules,
  // Last: a phrase with no verb is a task only when nothing else understood it.
  ...add.implicit,
];

/** Everything a message can mean, as the rules build it and as a pending question stores it. */
export const Intent = z.discriminatedUnion('type', [
  ...conversation.intents,
  ...select.intents,
  ...undo.intents,
  ...add.intents,
  ...list.intents,
  ...show.intents,
  ...update.intents,
  ...complete.intents,
  ...remove.intents,
  ...bulk.intents,
]);
export type Intent = z.infer<typeof Intent>;
export type IntentType = Intent['type'];

/** Intents that act on one task and can wait for the user to say which. */
export type TaskIntent = Extract<Intent, { ref: Ref }>;

export type { DueFilter, ListIntent } from './list';
export type { Ref } from './ref';
