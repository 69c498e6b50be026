import type { Intent } from '../rules';

/**
 * What a bare number means: the answer to the question asked last (its
 * intent, now pointing at that number), or else that task from the last list.
 */
export function selected({ n }: Extract<Intent, { type: 'select' }>, pending: Intent | undefined): Intent {
  const ref = { kind: 'number' as const, n };
  return pending && 'ref' in pending ? { ...pending, ref } : { type: 'show', ref };
}
