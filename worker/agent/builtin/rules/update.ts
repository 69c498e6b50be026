import { z } from 'zod';
import { PRIORITIES } from '../../../tasks/types';
import { extractDue } from '../dates';
import { PRIORITY, priorityOf, unquote } from './lexicon';
import { Ref, toRef } from './ref';
import { pattern, type Rule, type Utterance } from './rule';
import { manyParts } from './update-parts';

/** Renaming, reprioritising, rescheduling and annotating one task. */
const Changes = z.object({
  title: z.string().optional(),
  priority: z.enum(PRIORITIES).optional(),
  due_date: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
});
export const intents = [
  z.object({
    type: z.literal('update'),
    ref: Ref,
    changes: Changes,
    /** Parts of a many-part edit that were not understood, to name in the reply. */
    skipped: z.array(z.string()).optional(),
    /** "push X back a week": days to move the current due date by (today's date when it has none). */
    shift_days: z.number().int().optional(),
  }),
] as const;
export type UpdateIntent = z.infer<(typeof intents)[number]>;

export const update = (ref: string, changes: UpdateIntent['changes']): UpdateIntent => ({
  type: 'update',
  ref: toRef(ref),
  changes,
});

const NO_DATE = /^(?:to\s+)?(?:no|none|never|nothing)(?:\s+due\s+date)?$/i;

/** A new due date, or none; null when `when` names no date, so the message goes on to later rules. */
export function dueUpdate(ref: string, when: string, { clock }: Utterance): UpdateIntent | null {
  if (NO_DATE.test(when.trim())) return update(ref, { due_date: null });
  const due = extractDue(when, clock);
  return due ? update(ref, { due_date: due.due }) : null;
}

const COUNTS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 };

const DONE_WORDS = '(?:done|complete|completed|finished)';

const rename: Rule<UpdateIntent>[] = [
  {
    id: 'update.rename',
    intent: 'update',
    pattern: /^(?:rename|retitle|re-title)\s+(.+?)\s+(?:to|as|into)\s+(.+)$/i,
    build: (m) => update(m[1]!, { title: unquote(m[2]!) }),
    examples: ['rename buy milk to buy oat milk', 'retitle 2 as Call dad'],
  },
  {
    id: 'update.title-of',
    intent: 'update',
    pattern: /^change\s+(?:the\s+)?(?:title|name)\s+of\s+(.+?)\s+to\s+(.+)$/i,
    build: (m) => update(m[1]!, { title: unquote(m[2]!) }),
    examples: ['change the title of 2 to "Call dad"', 'change the name of the report to done'],
  },
];

const priority: Rule<UpdateIntent>[] = [
  {
    id: 'update.priority-of',
    intent: 'update',
    pattern: new RegExp(
      `^(?:set|change|make|mark|update)\\s+(?:the\\s+)?priority\\s+(?:of|for|on)\\s+(.+?)\\s+(?:to|as)\\s+${PRIORITY}$`,
      'i',
    ),
    build: (m) => update(m[1]!, { priority: priorityOf(m[2]!) }),
    examples: ['set the priority of the report to low'],
  },
  {
    id: 'update.make-priority',
    intent: 'update',
    pattern: new RegExp(
      `^(?:set|change|make|mark|flag|bump|raise)\\s+(.+?)\\s+(?:as\\s+|to\\s+|up\\s+to\\s+|down\\s+to\\s+)?(?:a\\s+)?${PRIORITY}(?:[- ]priority)?$`,
      'i',
    ),
    build: (m) => update(m[1]!, { priority: priorityOf(m[2]!) }),
    examples: ['make it high priority', 'mark taxes as urgent', 'flag the report important'],
  },
  {
    id: 'update.prioritise',
    intent: 'update',
    pattern: /^(?:prioriti[sz]e|bump up|raise the priority of|increase the priority of)\s+(.+)$/i,
    build: (m) => update(m[1]!, { priority: 'high' }),
    examples: ['prioritise the report', 'bump up call mom'],
  },
  {
    id: 'update.deprioritise',
    intent: 'update',
    pattern: /^(?:deprioriti[sz]e|lower the priority of|decrease the priority of)\s+(.+)$/i,
    build: (m) => update(m[1]!, { priority: 'low' }),
    examples: ['deprioritize the garage', 'lower the priority of 3'],
  },
];

const due: Rule<UpdateIntent>[] = [
  {
    id: 'update.clear-due',
    intent: 'update',
    pattern: pattern(
      /^(?:clear|remove|delete|drop|unset)\s+(?:the\s+)?/,
      /(?:due\s+date|deadline|due)\s+(?:of|from|for|on)\s+(.+)$/,
    ),
    build: (m) => update(m[1]!, { due_date: null }),
    examples: ['clear the due date of call mom', 'remove the deadline from 2'],
  },
  {
    id: 'update.move',
    intent: 'update',
    pattern: pattern(
      String.raw`^(?:move|reschedule|postpone|push(?:\s+back)?|defer|delay|bump(?!\s+up)|shift|slide|punt|kick`,
      String.raw`|change\s+the\s+due\s+date\s+of`,
      String.raw`|(?:set|change|update)\s+(?:the\s+)?(?:due\s+date|deadline)\s+(?:of|for|on))`,
      /\s+(.+?)\s+((?:to|until|till|for|by|on)\s+.+)$/,
    ),
    build: (m, u) => dueUpdate(m[1]!, m[2]!, u),
    examples: ['move the report to friday', 'postpone call mom until tomorrow at 6pm', 'push back 2 to no due date'],
  },
  {
    id: 'update.possessive-due',
    intent: 'update',
    pattern:
      /^(?:change|set|move|update|push)\s+(.+?)['’]s?\s+(?:due\s+date|deadline|date)\s+((?:to|for|until)\s+.+)$/i,
    build: (m, u) => dueUpdate(m[1]!, m[2]!, u),
    examples: ["change the report's due date to monday"],
  },
  {
    id: 'update.due-date-for',
    intent: 'update',
    pattern: pattern(
      /^(?:set|add|put|give)\s+(?:a\s+|the\s+)?(?:due\s+date|deadline|date)\s+(?:for|on|to)\s+(.+?)/,
      /(?:\s*:\s*|\s+(?:to|as|of|for|on)\s+)(.+)$/,
    ),
    build: (m, u) => dueUpdate(m[1]!, m[2]!, u),
    examples: ['set a due date for the library books: friday', 'add a deadline to the report of dec 3'],
  },
  {
    id: 'update.give-due',
    intent: 'update',
    pattern: /^(?:give|set)\s+(.+?)\s+a\s+(?:due\s+date|deadline|date)\s+(?:of\s+|for\s+|on\s+)?(.+)$/i,
    build: (m, u) => dueUpdate(m[1]!, m[2]!, u),
    examples: ['give the trip a due date of dec 20'],
  },
  {
    id: 'update.make-due',
    intent: 'update',
    pattern: /^(?:make|set|mark)\s+(.+?)\s+(?:as\s+)?due\s+(.+)$/i,
    build: (m, u) => dueUpdate(m[1]!, m[2]!, u),
    examples: ['make laundry due tonight', 'set the report due friday'],
  },
  // "change the dentist to next monday": a date means a new due date; "change x to y" without one renames.
  {
    id: 'update.change-due',
    intent: 'update',
    pattern: /^(?:change|update|set|switch)\s+(.+?)\s+((?:to|for)\s+.+)$/i,
    build: (m, u) => dueUpdate(m[1]!, m[2]!, u),
    examples: ['change the dentist to next monday at 10am', 'update the report for friday'],
  },
  {
    id: 'update.change-title',
    intent: 'update',
    // "change x to done" completes x: that rule comes later, with the other ways to complete.
    pattern: new RegExp(`^change\\s+(?!.*\\s+to\\s+${DONE_WORDS}$)(.+?)\\s+(?:to|into)\\s+(.+)$`, 'i'),
    build: (m) => update(m[1]!, { title: unquote(m[2]!) }),
    examples: ['change call mom to call dad', 'change 1 into Call the bank'],
  },
];

const notes: Rule<UpdateIntent>[] = [
  {
    id: 'update.clear-notes',
    intent: 'update',
    pattern: /^(?:clear|remove|delete)\s+(?:the\s+)?(?:notes?|description|details)\s+(?:of|from|for|on)\s+(.+)$/i,
    build: (m) => update(m[1]!, { description: null }),
    examples: ['remove the description from 1', 'clear the notes of call mom'],
  },
  {
    id: 'update.set-notes',
    intent: 'update',
    pattern: pattern(
      /^(?:add|set|change|update|put)\s+(?:a\s+|the\s+)?(?:notes?|description|details)\s+(?:to|on|for|of)\s+(.+?)/,
      /(?:\s*:\s*|\s+(?:to|saying|that says|as)\s+)(.+)$/,
    ),
    build: (m) => update(m[1]!, { description: unquote(m[2]!) }),
    examples: [
      'add a note to call mom: ask about christmas',
      'set the description of 2 to bring the forms',
      'change the notes of the report to done',
    ],
  },
  {
    id: 'update.describe',
    intent: 'update',
    pattern: /^describe\s+(.+?)\s+as\s+(.+)$/i,
    build: (m) => update(m[1]!, { description: unquote(m[2]!) }),
    examples: ['describe the report as the quarterly numbers'],
  },
];

/** "make that tomorrow instead", "move it to 5pm": a new date for the task just mentioned. */
const again: Rule<UpdateIntent>[] = [
  {
    id: 'update.shift',
    intent: 'update',
    pattern: pattern(
      /^(?:push|move|postpone|delay|defer|bump|shift|put\s+off|pull)\s+(?:back\s+|forward\s+|out\s+)?(.+?)\s+(?:up\s+)?/,
      /(?:back\s+|forward\s+|out\s+)?(?:by\s+)?(a|an|one|two|three|four|five|six|seven|\d{1,3})\s+(days?|weeks?)/,
      /(?:\s+(?:later|back|out|forward|earlier))?$/,
    ),
    build(m) {
      const n = COUNTS[m[2]!.toLowerCase()] ?? Number(m[2]);
      const days = n * (m[3]!.toLowerCase().startsWith('w') ? 7 : 1);
      const earlier = /\b(?:forward|earlier|up)\b|^pull\b/i.test(m[0]);
      return { ...update(m[1]!, {}), shift_days: earlier ? -days : days };
    },
    examples: [
      'postpone the fridge cleaning by a week',
      'push back the slides by a day',
      'move the dentist 2 days later',
    ],
  },
  {
    id: 'update.it-to-date',
    intent: 'update',
    pattern: pattern(
      /^(?:make|change|move|set|switch|put)\s+(?:it|that|this)\s+(?:to\s+|for\s+|on\s+|at\s+)?/,
      /(.+?)(?:\s+instead)?$/,
    ),
    build(m, { clock }) {
      const due = extractDue(m[1]!, clock);
      return due && !due.rest.trim() ? update('it', { due_date: due.due }) : null;
    },
    examples: ['actually make that tomorrow instead', 'make it 5pm'],
  },
  {
    id: 'update.instead',
    intent: 'update',
    pattern: /^(?:make|change|move|set|switch|put)\s+(.+)\s+instead$/i,
    build(m, { clock }) {
      const due = extractDue(m[1]!, clock);
      const ref = due?.rest.replace(/\s+(?:to|for|on|at)$/i, '').trim();
      return due ? update(ref || 'it', { due_date: due.due }) : null;
    },
    examples: ['make dinner 7pm instead', 'move the dentist to friday instead'],
  },
];

const single: Rule<UpdateIntent>[] = [...again, ...rename, ...priority, ...due, ...notes];

/** Commands that start with their verb; a many-part edit first, so "and make it urgent" is not read as a title. */
export const commands: Rule<UpdateIntent>[] = [manyParts(single), ...single];

/** Statements about a task ("the report is due friday"), for after list questions have had their turn. */
export const statements: Rule<UpdateIntent>[] = [
  {
    id: 'update.can-wait',
    intent: 'update',
    pattern: /^(.+?)\s+(?:can\s+wait|isn'?t\s+(?:that\s+|very\s+|so\s+)?(?:urgent|important))(?:\b.*)?$/i,
    build: (m) => update(m[1]!, { priority: 'low' }),
    examples: ['the gym can wait, make it low priority', "the garage isn't urgent"],
  },
  {
    id: 'update.is-priority',
    intent: 'update',
    pattern: new RegExp(`^(.+?)\\s+(?:is|should be)\\s+(?:a\\s+)?${PRIORITY}[- ]priority$`, 'i'),
    build: (m) => update(m[1]!, { priority: priorityOf(m[2]!) }),
    examples: ['the report is high priority', 'call mom should be a low-priority'],
  },
  {
    id: 'update.has-no-due',
    intent: 'update',
    pattern: /^(.+?)\s+(?:has|have|needs)\s+no\s+(?:due\s+date|deadline)$/i,
    build: (m) => update(m[1]!, { due_date: null }),
    examples: ['the report has no deadline'],
  },
  {
    id: 'update.is-due',
    intent: 'update',
    pattern: /^(.+?)\s+(?:is\s+(?:now\s+)?due|is\s+now|(?:is|has\s+been|got|was)\s+moved\s+to)\s+(.+)$/i,
    build: (m, u) => dueUpdate(m[1]!, m[2]!, u),
    examples: [
      'the report is due next monday',
      'call mom is now due tomorrow at 5pm',
      'the accountant call is now at 11am',
    ],
  },
];
