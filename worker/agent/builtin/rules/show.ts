import { z } from 'zod';
import { Ref, toRef } from './ref';
import { pattern, type Rule } from './rule';

/** Showing one task: its state, priority, due date and notes. */
export const intents = [
  z.object({
    type: z.literal('show'),
    ref: Ref,
    /** "is the report done?", "did I call mom?": the reply answers yes or no first. */
    asks: z.literal('done').optional(),
  }),
] as const;
export type ShowIntent = z.infer<(typeof intents)[number]>;

const show = (m: RegExpExecArray): ShowIntent => ({ type: 'show', ref: toRef(m[1]!) });
const isItDone = (m: RegExpExecArray): ShowIntent => ({ type: 'show', ref: toRef(m[1]!), asks: 'done' });

const DONE_STATE = String.raw`(?:done|finished|complete|sent|paid|ready|sorted|taken\s+care\s+of|dealt\s+with|\w{3,}ed)`;

export const rules: Rule<ShowIntent>[] = [
  {
    id: 'show.verb',
    intent: 'show',
    pattern: pattern(
      String.raw`^(?:show|open|view|details?\s+(?:of|for|on)|tell\s+me\s+about|what(?:'s|\s+is)\s+(?:in|on)?)`,
      /\s+(?:me\s+)?(.+)$/,
    ),
    build: show,
    examples: ['show call mom', 'tell me about the report', 'details of 2'],
  },
  {
    id: 'show.did-i',
    intent: 'show',
    pattern: pattern(
      /^(?:did|have|had)\s+i\s+(?:already\s+|ever\s+|actually\s+)?/,
      String.raw`(?:finish(?:ed)?|complete(?:d)?|do|done|get|got|check(?:ed)?\s+off|tick(?:ed)?\s+off|mark(?:ed)?)\s+`,
      String.raw`(.+?)(?:\s+(?:off|done|yet|already|(?:as\s+)?done))*$`,
    ),
    build: isItDone,
    examples: ['did I finish the report?', 'have I done the laundry yet?', 'did i check off call mom'],
  },
  {
    id: 'show.is-done',
    intent: 'show',
    pattern: pattern(
      /^(?:is|are|was|were|has|have)\s+(.+?)\s+(?:been\s+|already\s+|all\s+)?/,
      String.raw`${DONE_STATE}(?:\s+(?:yet|already|now))?$`,
    ),
    build: isItDone,
    examples: ['is the report done?', 'has the invoice been sent?', 'are the dishes finished yet'],
  },
  // "did i call mom?": the rest of the question names the task.
  {
    id: 'show.did-i-do',
    intent: 'show',
    pattern: /^(?:did|have)\s+i\s+(?:already\s+)?(.+?)(?:\s+(?:yet|already))?$/i,
    build: isItDone,
    examples: ['did i call mom', 'have I paid the rent yet?'],
  },
  // "is the report overdue?", "is the dentist tomorrow?": a question about one task's state.
  {
    id: 'show.is-state',
    intent: 'show',
    pattern: pattern(
      /^(?:is|are|was)\s+(.+?)\s+(?:still\s+)?/,
      /(?:overdue|late|due\b.*|open|pending|urgent|important|(?:high|low|medium)[- ]priority|today|tomorrow|on\s+\w+.*)$/,
    ),
    build: show,
    examples: ['is the report overdue?', 'is the dentist tomorrow?', 'is call mom high priority'],
  },
  {
    id: 'show.deadline-of',
    intent: 'show',
    pattern: /^(?:what(?:'s|\s+is)|when(?:'s|\s+is))\s+the\s+(?:deadline|due\s+date|date)\s+(?:for|of|on)\s+(.+)$/i,
    build: show,
    examples: ["what's the deadline for the tax return", 'when is the due date of the report'],
  },
  {
    id: 'show.when-do-i',
    intent: 'show',
    pattern: /^when\s+(?:do|should|must|shall)\s+i\s+(?:need\s+to\s+|have\s+to\s+)?(.+?)(?:\s+by)?$/i,
    build: show,
    examples: ['when do I need to pay rent', 'when should i call the bank by'],
  },
  {
    id: 'show.status',
    intent: 'show',
    pattern: pattern(
      /^(?:(?:what(?:'s|s|\s+is)\s+)?the\s+)?(?:status|state|progress)\s+(?:of|on)\s+(.+)$/,
      /|^(?:how(?:'s|\s+is)|any\s+(?:update|news)\s+on)\s+(?!my\b)(.+?)(?:\s+(?:going|doing|coming\s+along))?$/,
    ),
    build: (m) => ({ type: 'show', ref: toRef((m[1] ?? m[2])!) }),
    examples: ['whats the status of the report', "how's the report going", 'any update on the tax return'],
  },
  {
    id: 'show.when-is',
    intent: 'show',
    pattern: /^(?:when|what\s+time)\s+(?:is|was|'s)\s+(.+?)(?:\s+due)?$/i,
    build: show,
    examples: ['when is the meeting?', 'what time is the dentist'],
  },
  {
    id: 'show.whens',
    intent: 'show',
    pattern: /^when(?:'s|\s+is)\s+(.+?)(?:\s+due)?$/i,
    build: show,
    examples: ["when's the report due"],
  },
];
