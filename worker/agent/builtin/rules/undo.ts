import { z } from 'zod';
import { pattern, type Rule } from './rule';

/** Taking back the agent's own latest change. */
export const intents = [z.object({ type: z.literal('undo') })] as const;
export type UndoIntent = z.infer<(typeof intents)[number]>;

export const rules: Rule<UndoIntent>[] = [
  {
    id: 'undo.last',
    intent: 'undo',
    pattern: pattern(
      String.raw`^(?:undo(?:\s+(?:that|this|it|the|my|your))?(?:\s+(?:last|latest|previous|recent))?(?:\s+(?:change|one|action|thing|edit|step))?`,
      String.raw`|revert(?:\s+(?:that|it))?|scratch\s+that`,
      String.raw`|take\s+(?:that|it)\s+back|cancel\s+that|oops(?:,?\s+undo(?:\s+that)?)?)$`,
    ),
    build: () => ({ type: 'undo' }),
    examples: [
      'undo',
      'Undo that!',
      'cancel that',
      'oops, undo',
      'take it back',
      'revert',
      'undo last',
      'undo that last change',
      'scratch that',
    ],
  },
];
