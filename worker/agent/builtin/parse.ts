import type { ZonedClock } from '../../lib/time-zone';
import { RULES, type Intent } from './rules';
import { apply, pattern } from './rules/rule';

export type { DueFilter, Intent, Ref, TaskIntent } from './rules';

const FILLERS: RegExp[] = [
  /^(?:hey|hi|ok(?:ay)?|so|and|also|now|then|oh|actually|wait|um+|uh+|hmm+|oops|sorry|alright)[,!]?\s+(?=\S+\s)/i,
  /^(?:please|pls|plz|kindly)[,]?\s+/i,
  /^(?:can|could|would|will)\s+you\s+(?:please\s+)?/i,
  /^i(?:'d| would)\s+like\s+(?:you\s+)?to\s+/i,
  // "let's add x", but not "let's see": only before a command verb.
  pattern(
    /^(?:i\s+want\s+(?:you\s+)?to|let's|lets)\s+/,
    /(?=(?:add|create|delete|remove|complete|finish|mark|rename|move|list|show)\b)/,
  ),
];

/** Takes a leading polite or filler phrase off, so "could you please add x" reads as "add x". */
function normalise(message: string): string {
  let s = message.replace(/\s+/g, ' ').trim();
  // A few rounds, for "ok so could you please ...".
  for (let i = 0; i < 3; i++) for (const filler of FILLERS) s = s.replace(filler, '');
  return s
    .replace(/[\s,]+(?:please|pls|thanks|thank you)[.!?\s]*$/i, '')
    .replace(/[.!?\s]+$/, '')
    .trim();
}

/** What a message means, and the id of the rule that said so (none when nothing understood it). */
export function explain(message: string, clock: ZonedClock): { intent: Intent; rule?: string } {
  const text = normalise(message);
  if (!text) return { intent: { type: 'unknown' } };
  for (const rule of RULES) {
    const intent = apply(rule, { text, message, clock });
    if (intent) return { intent, rule: rule.id };
  }
  return { intent: { type: 'unknown' } };
}

export const parse = (message: string, clock: ZonedClock): Intent => explain(message, clock).intent;
