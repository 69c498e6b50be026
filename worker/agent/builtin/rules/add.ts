import { z } from 'zod';
import { PRIORITIES } from '../../../tasks/types';
import { readNewTask } from './add-details';
import type { UnknownIntent } from './conversation';
import { pattern, type Rule } from './rule';

/** Adding a task, by command ("add x") or by a bare phrase that can only be a task ("x tomorrow, urgent"). */
export const intents = [
  z.object({
    type: z.literal('add'),
    title: z.string(),
    priority: z.enum(PRIORITIES).optional(),
    due_date: z.string().optional(),
    description: z.string().optional(),
  }),
] as const;
export type AddIntent = z.infer<(typeof intents)[number]>;

export const commands: Rule<AddIntent | UnknownIntent>[] = [
  {
    id: 'add.verb',
    intent: 'add',
    pattern: pattern(
      String.raw`^(?:add|create|new|make|put|schedule|set\s+up|remind\s+me(?:\s+to)?|remember\s+to`,
      String.raw`|i\s+(?:need|have|must|should|gotta|got)\s+to|need\s+to|don'?t\s+forget\s+to|todo|to-do|task)`,
      /(?:\s*:\s*|\s+)(.+)$/,
    ),
    build(m, { clock }) {
      const task = readNewTask(m[1]!, clock);
      return task ? { type: 'add', ...task } : { type: 'unknown', reason: 'no_title' };
    },
    examples: ['Add milk', 'remind me to call the bank in 2 days', 'new task: renew passport by dec 5, urgent'],
  },
];

const QUESTION = pattern(
  '^(?:what|when|where|who|why|how|which|is|are|am|do|does|did',
  String.raw`|can|could|should|would|will|shall|may|tell|show)\b`,
);

/** Last of all: what nothing else understood may still be a task. */
export const implicit: Rule<AddIntent>[] = [
  // "buy groceries tomorrow, high priority": no verb, but a due date or a priority only makes sense
  // for a task, so it is one. Questions never are.
  {
    id: 'add.bare',
    intent: 'add',
    match({ text, message, clock }) {
      if (/\?\s*$/.test(message) || QUESTION.test(text)) return null;
      const task = readNewTask(text, clock);
      return task && (task.priority || task.due_date) ? { type: 'add', ...task } : null;
    },
    examples: [
      'buy groceries tomorrow, high priority',
      'Renew car insurance, urgent',
      'dentist appointment thursday at 2pm',
    ],
  },
];
