import { z } from 'zod';
import { Ref, toRef } from './ref';
import type { Rule } from './rule';

/** Deleting one task. */
export const intents = [z.object({ type: z.literal('delete'), ref: Ref })] as const;
export type DeleteIntent = z.infer<(typeof intents)[number]>;

export const rules: Rule<DeleteIntent>[] = [
  {
    id: 'delete.one',
    intent: 'delete',
    pattern: /^(?:delete|remove|cancel|drop|erase|trash|scrap|get\s+rid\s+of|forget(?:\s+about)?)\s+(.+)$/i,
    build: (m) => ({ type: 'delete', ref: toRef(m[1]!) }),
    examples: ['delete buy milk', 'remove task 4', 'get rid of it', 'delete the completed report', 'forget the gym'],
  },
];
