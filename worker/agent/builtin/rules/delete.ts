import { z } from 'zod';
import { Ref, toRef } from './ref';
import { pattern, type Rule } from './rule';

/** Deleting one task. */
export const intents = [z.object({ type: z.literal('delete'), ref: Ref })] as const;
export type DeleteIntent = z.infer<(typeof intents)[number]>;

export const rules: Rule<DeleteIntent>[] = [
  // "nvm the meeting with alex, delete it": the task first, then what to do with it.
  {
    id: 'delete.then-it',
    intent: 'delete',
    pattern: pattern(
      /^(?:(?:nvm|never\s*mind|forget)\s+(?:about\s+)?)?(.+?)[,;]?\s+(?:just\s+|please\s+)?/,
      /(?:delete|remove|cancel|drop|scrap|ditch|trash)\s+(?:it|that|this|that\s+one)$/,
    ),
    build: (m) => ({ type: 'delete', ref: toRef(m[1]!) }),
    examples: ['nvm the meeting with alex, delete it', 'the gym thing, remove it'],
  },
  {
    id: 'delete.one',
    intent: 'delete',
    pattern: pattern(
      String.raw`^(?:delete|remove|cancel|drop|erase|trash|scrap|ditch|get\s+rid\s+of|forget(?:\s+about)?`,
      String.raw`|scratch|strike|nix|cross\s+out|(?:i\s+)?no\s+longer\s+(?:need|have)\s+to|nvm|never\s*mind(?:\s+about)?|no\s+need\s+(?:for|to)|i\s+don'?t\s+need(?:\s+to)?)\s+(.+)$`,
    ),
    build: (m) => ({ type: 'delete', ref: toRef(m[1]!) }),
    examples: [
      'delete buy milk',
      'remove task 4',
      'get rid of it',
      'delete the completed report',
      'forget the gym',
      'never mind the haircut',
    ],
  },
];
