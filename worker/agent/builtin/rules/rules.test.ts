import { describe, expect, it } from 'vitest';
import { explain } from '../parse';
import { Intent, RULES } from '.';

// Monday 23 November 2026, 10:00 in Berlin.
const clock = { now: new Date('2026-11-23T09:00:00Z'), timeZone: 'Europe/Berlin' };

describe('the rules', () => {
  it('have unique ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('leave no intent without a rule that builds it', () => {
    const types = Intent.options.map((o) => o.shape.type.value);
    expect(types.filter((t) => !RULES.some((r) => r.intent === t))).toEqual([]);
  });
});

// Every example goes through the whole parser, so a rule shadowed by an earlier one fails here.
describe.each(RULES.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  it.each(rule.examples)('answers “%s”', (example) => {
    const { intent, rule: answered } = explain(example, clock);
    expect(answered).toBe(id);
    expect(intent.type).toBe(rule.intent);
  });
});
