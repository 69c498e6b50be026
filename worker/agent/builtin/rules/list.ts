import { z } from 'zod';
import { PRIORITIES } from '../../../tasks/types';
import type { ZonedClock } from '../../../lib/time-zone';
import { extractDue } from '../dates';
import { PRIORITY, priorityOf, unquote } from './lexicon';
import { pattern, type Rule } from './rule';

/** A named range, or one day (`on`: a due instant on that day in the user's zone). */
const DueFilter = z.union([
  z.enum(['today', 'tomorrow', 'overdue', 'week', 'next_week']),
  z.object({ on: z.string() }),
]);
export type DueFilter = z.infer<typeof DueFilter>;

/** Listing tasks, filtered by state, priority, due date or words. */
export const intents = [
  z.object({
    type: z.literal('list'),
    completed: z.boolean().optional(),
    priority: z.enum(PRIORITIES).optional(),
    due: DueFilter.optional(),
    query: z.string().optional(),
  }),
] as const;
export type ListIntent = z.infer<(typeof intents)[number]>;

/** Questions that ask for a list however they are worded. */
const LIST_QUESTIONS: RegExp[] = [
  /^(?:tasks|my tasks|todo|to-?do|list|agenda|overdue|pending|completed|done)\??$/i,
  /^(?:(?:my|the)\s+)?(?:tasks?|todos?|to-?dos?|to-?do\s+list|task\s+list|list|agenda)$/i,
  /^(?:is|are)\s+(?:there\s+)?(?:anything|any(?:\s+tasks?)?|something)\s+(?:overdue|late|due|left|pending|open)\b/i,
  /^(?:is|are)\s+there\s+(?:anything|any\s+\w+|something)\b/i,
  pattern(
    `^(?:(?:all|my|the)\\s+)?(?:${PRIORITY}[- ]priority|overdue|pending|open|completed|done|finished|urgent|important)`,
    /\s+(?:tasks|todos|items)\b/,
  ),
  /^(?:tasks|todos|items)\s+(?:due|for)\b/i,
  /^what\s+(?:did|have)\s+i\s+(?:finish|finished|complete|completed|done|do|get\s+done|checked\s+off)\b/i,
  pattern(
    String.raw`^(?:what(?:'s|s|\s+is)?\s+(?:do\s+i\s+have|have\s+i\s+got|(?:up\s+)?next|on\s+(?:my|the)\s+\w+)`,
    String.raw`|what\s+(?:else\s+)?(?:do\s+i\s+)?(?:need|have)\s+to\s+do|anything\s+(?:due|left|pending|open))\b`,
  ),
  // "anything overdue?", "any urgent ones?", "got anything for tomorrow?"
  /^(?:(?:have\s+i\s+)?got\s+)?(?:anything|any\s+(?!idea|update|news)\w+)/i,
  /^(?:today|tonight|tomorrow|this\s+week|next\s+week)(?:['’]s)?(?:\s+(?:tasks?|todos?|list|agenda|plan|schedule))?$/i,
  /^(?:my\s+)?(?:tasks?|todos?|agenda|plan|schedule)\s+(?:for\s+)?(?:today|tonight|tomorrow|this\s+week)$/i,
  /^what\s+(?:should|shall|can|do)\s+i\s+(?:do|work\s+on|focus\s+on|tackle|start\s+with)\b/i,
  /^how\s+many\b/i,
  /^(?:how(?:'s|\s+is|\s+does)|what(?:'s|\s+does|\s+is))\s+my\s+(?:day|week|today|tomorrow|schedule)\b/i,
  /^am\s+i\s+(?:free|busy)\b/i,
];
/** "is everything done?": answered with what is still open. */
const ALL_DONE = pattern(
  String.raw`^(?:(?:is|are)\s+(?:everything|all\s+(?:of\s+)?(?:my\s+|the\s+)?(?:tasks?|todos?))\s+(?:done|finished|complete|completed)`,
  String.raw`|(?:did|have)\s+i\s+(?:finish|complete|do|done|finished|completed)\s+(?:everything|all)|am\s+i\s+done)\b`,
);
/** Or a verb and a noun of listing anywhere in the message. */
const LIST_VERB = pattern(
  String.raw`\b(?:list|show|display|see|view|give|tell|what|what's|whats`,
  String.raw`|which|any|do i have|have i got|read|check)\b`,
);
const LIST_NOUN = pattern(
  String.raw`\b(?:tasks?|todos?|to-?dos?|to do|list|agenda|plan|schedule|plate|everything|all|anything|overdue|due`,
  '|pending|completed|done|finished|open|remaining|outstanding|left|priority|urgent|important',
  String.raw`|today|tonight|tomorrow|this\s+week|next\s+week|next|coming\s+up|upcoming|happening|planned|scheduled)\b`,
);
/** A question about one task's time is not a listing: "what time is the dentist tomorrow?" */
const NOT_A_LIST = /^(?:what\s+time|when)\b/i;

const OPEN = pattern(
  String.raw`\b(?:not (?:yet )?(?:done|completed|finished)|undone|unfinished|incomplete`,
  String.raw`|pending|open|remaining|outstanding|left|to do|todo|next|still)\b|^what\s+(?:should|shall|can)\s+i\b`,
);
const DONE = /\b(?:completed|done|finished|checked off|ticked off)\b/i;

function completedOf(lower: string): boolean | undefined {
  if (OPEN.test(lower)) return false;
  if (DONE.test(lower) || /^what\s+(?:did\s+i|have\s+i\s+(?:done|finished|completed))\b/.test(lower)) return true;
  return undefined;
}

function dueOf(text: string, lower: string, clock: ZonedClock): DueFilter | undefined {
  if (/\b(?:overdue|late|past due|missed)\b/.test(lower)) return 'overdue';
  if (/\btomorrow\b/.test(lower)) return 'tomorrow';
  if (/\b(?:today|tonight)\b/.test(lower)) return 'today';
  if (/\b(?:my day)\b/.test(lower)) return 'today';
  if (/\b(?:this|my|the) week\b/.test(lower)) return 'week';
  if (/\bnext week\b/.test(lower)) return 'next_week';
  // "what's due on friday?", "tasks for dec 5": one day.
  if (!/\bdue\b|\b(?:on|for)\s+\w/.test(lower)) return undefined;
  const day = extractDue(text, clock);
  return day ? { on: day.due } : undefined;
}

export const rules: Rule<ListIntent>[] = [
  {
    id: 'list.search',
    intent: 'list',
    pattern: /^(?:search|find|look)\s+(?:for\s+|up\s+)?(?:tasks?\s+)?(?:about\s+|with\s+)?(.+)$/i,
    build: (m) => ({ type: 'list', query: unquote(m[1]!) }),
    examples: ['find groceries', 'search for "tax"', 'look up dentist'],
  },
  {
    id: 'list.question',
    intent: 'list',
    match({ text, clock }) {
      const lower = text.toLowerCase();
      if (NOT_A_LIST.test(text)) return null;
      if (ALL_DONE.test(text)) return { type: 'list', completed: false };
      const asksList = LIST_QUESTIONS.some((re) => re.test(text)) || (LIST_VERB.test(lower) && LIST_NOUN.test(lower));
      if (!asksList) return null;
      const intent: ListIntent = { type: 'list' };
      const completed = completedOf(lower);
      if (completed !== undefined) intent.completed = completed;
      const prio = new RegExp(`\\b${PRIORITY}(?:[- ]priority)?\\b`, 'i').exec(lower);
      if (prio && /priority|urgent|important/i.test(lower)) intent.priority = priorityOf(prio[1]!);
      const due = dueOf(text, lower, clock);
      if (due) intent.due = due;
      const about = /\b(?:about|containing|mentioning|matching|with the word|called|named)\s+(.+)$/i.exec(text);
      if (about) intent.query = unquote(about[1]!);
      return intent;
    },
    examples: ['list', 'show my tasks', "what's due on friday?", 'is anything overdue?', 'show high priority tasks'],
  },
];
