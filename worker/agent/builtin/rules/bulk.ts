import { z } from 'zod';
import type { UnknownIntent } from './conversation';
import { pattern, type Rule } from './rule';

/** One message for many tasks: every open one done, every completed one cleared. */
export const intents = [
  z.object({ type: z.literal('complete_all') }),
  z.object({ type: z.literal('clear_completed') }),
] as const;
export type BulkIntent = z.infer<(typeof intents)[number]>;

export const rules: Rule<BulkIntent | UnknownIntent>[] = [
  {
    id: 'bulk.complete-all',
    intent: 'complete_all',
    pattern: pattern(
      /^(?:mark|check\s+off|tick\s+off|complete|finish)\s+/,
      /(?:all|every(?:thing)?|all\s+(?:of\s+)?(?:my\s+|the\s+)?(?:tasks?|todos?|items?))/,
      /(?:\s+(?:as\s+)?(?:done|complete|completed|finished))?$/,
    ),
    build: () => ({ type: 'complete_all' }),
    examples: ['mark everything as done', 'complete all tasks', 'mark all as done'],
  },
  // Before "delete x", which would look for a task called "completed".
  {
    id: 'bulk.clear-completed',
    intent: 'clear_completed',
    pattern: pattern(
      /^(?:clear|delete|remove|purge|clean\s+up|get\s+rid\s+of)\s+(?:out\s+)?(?:all\s+(?:of\s+)?)?(?:the\s+|my\s+)?/,
      /(?:completed|done|finished|checked(?:\s+off)?|ticked(?:\s+off)?)(?:\s+(?:tasks?|items?|todos?|ones))?$/,
    ),
    build: () => ({ type: 'clear_completed' }),
    examples: ['clear all completed tasks', 'delete the done ones', 'remove completed'],
  },
  // Everything at once is one sentence too easy to type by mistake: refused, and the reply says why.
  {
    id: 'bulk.delete-all',
    intent: 'unknown',
    pattern: pattern(
      /^(?:delete|remove|clear|erase|wipe|purge|get\s+rid\s+of)\s+(?:out\s+)?/,
      /(?:all|every(?:thing)?|the\s+whole\s+list)/,
      /(?:\s+(?:of\s+)?(?:my\s+|the\s+)?(?:tasks?|todos?|items?|list))?$/,
    ),
    build: () => ({ type: 'unknown', reason: 'delete_all' }),
    examples: ['delete all tasks', 'remove everything', 'wipe the whole list'],
  },
];
