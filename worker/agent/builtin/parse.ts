import type { ZonedClock } from '../../lib/time-zone';
import { RULES, type Intent } from './rules';
import { apply, pattern } from './rules/rule';
import { correctTypos } from './typos';

export type { DueFilter, Intent, Ref, TaskIntent } from './rules';

const FILLERS: RegExp[] = [
  /^(?:hey|hi|yo|ok(?:ay)?|so|and|also|now|then|oh|actually|wait|um+|uh+|hmm+|oops|sorry|alright)[,!]?\s+(?=\S+\s)/i,
  /^(?:please|pls|plz|kindly)[,]?\s+/i,
  // "nope, undo that", "ugh I keep forgetting…": a leading sigh or no, before more words.
  /^(?:nope|nah|no,|ugh+|argh+|meh|hm+|yeah|yes,|yep|cool|great|perfect)[,!.]?\s+(?=\S)/i,
  /^(?:can|could|would|will)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+)?/i,
  /^i(?:'d| would)\s+like\s+(?:you\s+)?to\s+/i,
  // "let's add x", but not "let's see": only before a command verb.
  pattern(
    /^(?:i\s+want\s+(?:you\s+)?to|let's|lets)\s+/,
    /(?=(?:add|create|delete|remove|complete|finish|mark|rename|move|list|show)\b)/,
  ),
];

/** Takes a leading polite or filler phrase off, so "could you please add x" reads as "add x". */
function normalise(message: string): string {
  let s = message
    // "dishes ✅": a check mark at the end says it is done.
    .replace(/\s*(?:\u2705|\u2714\uFE0F?|\u2611\uFE0F?|\u2713)\s*$/u, (_mark, at, all: string) =>
      /\b(?:done|finished|completed?)\W*$/i.test(all.slice(0, at)) ? '' : ' done',
    )
    // Emoji carry mood, not meaning: "thanks 🙏", "call dentist 🦷 tomorrow".
    .replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|[\u{1F3FB}-\u{1F3FF}]/gu, ' ')
    .replace(/(\p{L})’(\p{L})/gu, "$1'$2")
    .replace(/!+(?=\s)/g, '')
    .replace(/([!?])[!?]+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  // A few rounds, for "ok so could you please ...".
  for (let i = 0; i < 3; i++) for (const filler of FILLERS) s = s.replace(filler, '');
  return s
    .replace(/[\s,]+(?:please|pls|thanks|thank you)[.!?\s]*$/i, '')
    .replace(/[.!?\s]+$/, '')
    .trim();
}

/** Intents that change something: a question never gets one. */
const CHANGING = new Set<string>([
  'add',
  'add_many',
  'update',
  'complete',
  'delete',
  'complete_all',
  'clear_completed',
  'undo',
]);

const QUESTION = pattern(
  "^(?:what|what's|whats|when|when's|where|who|why|how|which|is|isn't|are|aren't|am|does|has|was",
  String.raw`|did(?:n't)?\s+(?:i|you|we|he|she|they|it|my|our|anyone|someone|somebody)`,
  String.raw`|were|will|any|anything|(?:do|have|should|shall|must)\s+(?:i|you|we))\b`,
);
const COMMAND = pattern(
  '^(?:add|create|new|remind|delete|remove|complete|finish|mark|move|rename|change|update|push|postpone',
  '|reschedule|set|make|clear|undo|cancel|reopen|check|tick|cross|drop|put|schedule)\\b',
);

/** A question asks; it never adds, changes or deletes ("is the report done?", "anything overdue?"). */
const isQuestion = (text: string, message: string) =>
  QUESTION.test(text) || (/\?\s*$/.test(message) && !COMMAND.test(text));

type Explained = { intent: Intent; rule?: string };

function firstRule(text: string, message: string, clock: ZonedClock): Explained {
  const asks = isQuestion(text, message);
  for (const rule of RULES) {
    if (asks && CHANGING.has(rule.intent)) continue;
    const intent = apply(rule, { text, message, clock });
    if (intent) return { intent, rule: rule.id };
  }
  return { intent: { type: 'unknown' } };
}

/** Rules that answer only when nothing more specific did: a typo may be hiding the command. */
const FALLBACKS = new Set([undefined, 'add.bare', 'add.imperative', 'complete.did-it']);

/** What a message means, and the id of the rule that said so (none when nothing understood it). */
export function explain(message: string, clock: ZonedClock): Explained {
  const text = normalise(message);
  if (!text) return { intent: { type: 'unknown' } };
  const asTyped = firstRule(text, message, clock);
  const fixed = correctTypos(text);
  if (fixed === text) return asTyped;
  // "delte the dentsit", "compelte the report by friday": read again with the command words corrected.
  const corrected = firstRule(fixed, message, clock);
  if (FALLBACKS.has(asTyped.rule)) return FALLBACKS.has(corrected.rule) ? asTyped : corrected;
  // "show high priorty tasks": a listing reads its filters from the corrected words.
  return asTyped.intent.type === 'list' && corrected.rule === asTyped.rule ? corrected : asTyped;
}

export const parse = (message: string, clock: ZonedClock): Intent => explain(message, clock).intent;
