import type { ZonedClock } from '../../../lib/time-zone';

/** What a rule reads: the message as typed, and as normalised (polite filler and end punctuation taken off). */
export interface Utterance {
  text: string;
  message: string;
  clock: ZonedClock;
}

interface RuleBase<I extends { type: string }> {
  /** "family.what", unique: how a test names the rule it expects to answer. */
  id: string;
  /** The intent this rule is for. */
  intent: I['type'];
  /**
   * Messages this rule answers. A test replays each through the whole parser
   * and fails unless this rule is the one that answers it, so a rule that an
   * earlier one shadows cannot go unnoticed.
   */
  examples: readonly [string, ...string[]];
}

/** A pattern, and what its match means; `build` may still answer null to pass the message on. */
interface PatternRule<I extends { type: string }> extends RuleBase<I> {
  pattern: RegExp;
  build(m: RegExpExecArray, u: Utterance): I | null;
}

/** For what one pattern cannot say; null passes the message on. */
interface MatchRule<I extends { type: string }> extends RuleBase<I> {
  match(u: Utterance): I | null;
}

export type Rule<I extends { type: string } = { type: string }> = PatternRule<I> | MatchRule<I>;

export function apply<I extends { type: string }>(rule: Rule<I>, u: Utterance): I | null {
  if ('match' in rule) return rule.match(u);
  const m = rule.pattern.exec(u.text);
  return m ? rule.build(m, u) : null;
}

/** One case-insensitive pattern from pieces, so a long one reads a clause per line. */
export const pattern = (...parts: (RegExp | string)[]) =>
  new RegExp(parts.map((p) => (typeof p === 'string' ? p : p.source)).join(''), 'i');
