import { z } from 'zod';
import { Ref, toRef } from './ref';
import { pattern, type Rule } from './rule';

/** Showing one task: its state, priority, due date and notes. */
export const intents = [z.object({ type: z.literal('show'), ref: Ref })] as const;
export type ShowIntent = z.infer<(typeof intents)[number]>;

const show = (m: RegExpExecArray): ShowIntent => ({ type: 'show', ref: toRef(m[1]!) });

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
