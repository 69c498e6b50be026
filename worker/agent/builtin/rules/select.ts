import { z } from 'zod';
import { ORDINAL, ORDINALS } from './lexicon';
import { pattern, type Rule } from './rule';

/** A bare number or ordinal: the answer to "which one?", or a task from the last list. */
export const intents = [z.object({ type: z.literal('select'), n: z.number() })] as const;
export type SelectIntent = z.infer<(typeof intents)[number]>;

export const rules: Rule<SelectIntent>[] = [
  {
    id: 'select.number',
    intent: 'select',
    pattern: pattern(
      /^(?:(?:the\s+)?(?:number|no\.?|task|item)\s*)?#?\s*(\d{1,3})$/,
      `|^(?:the\\s+)?${ORDINAL}(?:\\s+(?:one|task|item))?$`,
    ),
    build: (m) => ({ type: 'select', n: m[1] ? Number(m[1]) : ORDINALS[m[2]!.toLowerCase()]! }),
    examples: ['2', '#3', 'number 4', 'the first one', 'last'],
  },
];
