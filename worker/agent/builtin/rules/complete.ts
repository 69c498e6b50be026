import { z } from 'zod';
import { extractDue } from '../dates';
import { Ref, toRef } from './ref';
import { pattern, type Rule } from './rule';

/** Marking one task done, or open again. */
export const intents = [z.object({ type: z.literal('complete'), ref: Ref, completed: z.boolean() })] as const;
export type CompleteIntent = z.infer<(typeof intents)[number]>;

const complete = (ref: string, completed = true): CompleteIntent => ({ type: 'complete', ref: toRef(ref), completed });

/** "did the groceries": the verb says only that it is done; the rest names the task. */
const GENERIC_DONE = /^(?:did|done|got|finished|completed|handled|sorted(?:\s+out)?)\s+(?!it$)/i;

// Reopening before completing: "mark x as not done" must not read as "done".
const reopen: Rule<CompleteIntent>[] = [
  {
    id: 'complete.reopen',
    intent: 'complete',
    pattern: /^(?:reopen|re-open|uncomplete|uncheck|untick|unfinish|undo|restore)\s+(.+)$/i,
    build: (m) => complete(m[1]!, false),
    examples: ['reopen buy milk', 'undo buy milk', 'actually reopen groceries'],
  },
  {
    id: 'complete.mark-not-done',
    intent: 'complete',
    pattern: pattern(
      /^mark\s+(.+?)\s+(?:as\s+)?/,
      String.raw`(?:not\s+(?:yet\s+)?(?:done|complete|completed|finished)`,
      String.raw`|undone|incomplete|unfinished|pending|open|to\s*do|todo)$`,
    ),
    build: (m) => complete(m[1]!, false),
    examples: ['mark call mom as not done', 'mark 2 open'],
  },
];

const done: Rule<CompleteIntent>[] = [
  {
    id: 'complete.change-to-done',
    intent: 'complete',
    pattern: /^change\s+(.+?)\s+to\s+(?:done|complete|completed|finished)$/i,
    build: (m) => complete(m[1]!),
    examples: ['change the report to done'],
  },
  {
    id: 'complete.mark-done',
    intent: 'complete',
    pattern: /^mark\s+(.+?)\s+(?:as\s+)?(?:done|complete|completed|finished|checked|\w+ed(?:\s+(?:up|off|out|in))?)$/i,
    build: (m) => complete(m[1]!),
    examples: ['mark the milk task as done', 'mark 3 complete'],
  },
  {
    id: 'complete.check-off',
    intent: 'complete',
    pattern: /^(?:check|tick|cross)\s+(.+?)\s+off(?:\s+(?:my|the)\s+(?:list|tasks?|to-?do(?:\s+list)?))?$/i,
    build: (m) => complete(m[1]!),
    examples: ['tick 2 off', 'cross the laundry off'],
  },
  {
    id: 'complete.verb',
    intent: 'complete',
    pattern: pattern(
      String.raw`^(?:complete|finish|finished|completed|(?:all\s+)?done(?:\s+with)?`,
      String.raw`|i(?:'ve|\s+have)?\s+(?:done|finished|completed)|i\s+did`,
      String.raw`|check\s+off|tick\s+off|cross\s+off|tick|close|mark\s+off)[:\s]+(.+)$`,
    ),
    // "finish the slides by friday" is a task to add, not one to complete.
    build: (m, { clock }) =>
      /\b(?:by|before|until|due)\b/i.test(m[1]!) && extractDue(m[1]!, clock) ? null : complete(m[1]!),
    examples: ['complete buy milk', 'Done with the report.', 'check off call mom', 'I did the laundry', 'finished #3'],
  },
];

/** Commands that start with their verb. */
export const commands: Rule<CompleteIntent>[] = [...reopen, ...done];

/** Statements ("the report is done"), for after list questions have had their turn. */
export const statements: Rule<CompleteIntent>[] = [
  // "I called mom", "just paid the rent": a task told as done. Its words find the task ("called" finds "Call").
  {
    id: 'complete.did-it',
    intent: 'complete',
    pattern: pattern(
      /^(?:(?:i|i've|i\s+have|we|we've)\s+)?(?:just\s+|already\s+|finally\s+)*/,
      String.raw`((?!(?:need|feed|speed|seed|bleed|used|wanted|needed|planned|hoped|tried|decided|started)\b)`,
      String.raw`(?:\w{2,}ed|paid|sent|bought|did|made|took|got|wrote|rang|went|sold|gave|met|brought|fed|ran)`,
      String.raw`\s+(?!to\b).+)$`,
    ),
    // Without "I" or "just" only when no date follows: "booked flights friday" is a task to add.
    build: (m, { text, clock }) =>
      /^(?:i|i've|i\s+have|we|we've|just|already|finally)\b/i.test(text) || !extractDue(text, clock)
        ? complete(m[1]!.replace(GENERIC_DONE, ''))
        : null,
    examples: [
      'I called mom',
      'just paid the rent',
      "i've emailed the landlord",
      'took out the trash',
      'got the groceries',
    ],
  },
  // "vacuumed": one word, told as done.
  {
    id: 'complete.one-word',
    intent: 'complete',
    pattern: /^([a-z]{3,}ed)$/i,
    build: (m) => (/^(?:need|feed|speed|seed|bleed|used|red|bed|shed)$/i.test(m[1]!) ? null : complete(m[1]!)),
    examples: ['vacuumed'],
  },
  {
    id: 'complete.is-not-done',
    intent: 'complete',
    pattern:
      /^(.+?)\s+(?:(?:is|was|are|were)\s+not|isn't|wasn't|aren't|weren't)\s+(?:done|finished|complete|completed)(?:\s+yet)?$/i,
    build: (m) => complete(m[1]!, false),
    examples: ['the report is not done yet', "actually the laundry isn't done"],
  },
  {
    id: 'complete.is-done',
    intent: 'complete',
    pattern: pattern(
      /^(.+?)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:all\s+)?/,
      /(?:done|complete|completed|finished|sent|paid|booked|sorted|fixed|cleaned|clean|ready|handled|submitted|renewed|returned|ordered|bought|taken\s+care\s+of)$/,
    ),
    build: (m) => complete(m[1]!),
    examples: ['the report is done', 'the dishes are finished', 'the flowers are sent'],
  },
  {
    id: 'complete.x-done',
    intent: 'complete',
    pattern: /^(?!all\b|everything\b)(.+?)\s+(?:done|finished|completed|sorted)(?:\s+already)?$/i,
    build: (m) => complete(m[1]!),
    examples: ['laundry done', 'taxes finished already'],
  },
];
