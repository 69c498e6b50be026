import { z } from 'zod';
import { isUuid } from '../../../lib/text';
import { ORDINAL, ORDINALS, unquote } from './lexicon';

/** How a message points at a task: by its number in the last listing, its id, "it", or words of its title. */
export const Ref = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('number'), n: z.number() }),
  z.object({ kind: z.literal('id'), id: z.string() }),
  z.object({ kind: z.literal('it') }),
  z.object({ kind: z.literal('text'), text: z.string() }),
]);
export type Ref = z.infer<typeof Ref>;

/** "…, I hired someone": why, not which. */
const REASON =
  /[,;]\s*(?:i|i've|i'm|we|we've|because|since|as|it's|its|it\s+is|already|no\s+longer|not\s+needed)\b.*$/i;

/** "2", "#2", "task 2", "the second one", "it", an id, or title words. */
export function toRef(raw: string): Ref {
  const text = unquote(raw.replace(REASON, ''))
    .replace(/[.!?]+$/, '')
    .trim();
  const num = /^(?:(?:task|item|todo|number|no\.?)\s*)?#?\s*(\d{1,3})$/i.exec(text);
  if (num) return { kind: 'number', n: Number(num[1]) };
  const ord = new RegExp(`^(?:the\\s+)?${ORDINAL}(?:\\s+(?:one|task|item))?$`, 'i').exec(text);
  if (ord) return { kind: 'number', n: ORDINALS[ord[1]!.toLowerCase()]! };
  if (isUuid(text)) return { kind: 'id', id: text.toLowerCase() };
  if (/^(?:it|that|this|them|those|these|that one|this one|that task|this task|the task)$/i.test(text))
    return { kind: 'it' };
  const words = text
    .replace(/^(?:the|my|a)\s+/i, '')
    .replace(/^(?:task|todo|to-do|item)\s+(?:called|named|titled|about)?\s*/i, '')
    .replace(/\s+(?:anymore|any\s+more|after\s+all)$/i, '')
    .replace(/(?:['’]s)?\s+(?:deadline|due\s+date|priority)$/i, '')
    .replace(/\s+(?:from|off|on|in)\s+(?:my|the)\s+(?:[a-z-]+\s+)?(?:list|tasks?|to-?do(?:\s+list)?|agenda)$/i, '')
    .replace(/\s+(?:task|todo|to-do|item|one|thing|stuff|reminder)$/i, '');
  return { kind: 'text', text: unquote(words) || text };
}
