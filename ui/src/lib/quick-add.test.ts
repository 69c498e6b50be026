import { describe, expect, it } from 'vitest';
import { quickAdd } from '../../../worker/agent/builtin/quick-add';
import { fromLocal } from '../../../worker/lib/time-zone';

// Thursday 3 December 2026, 10:00 in New York (the ui project's zone).
const clock = {
  now: fromLocal({ year: 2026, month: 12, day: 3, hour: 10, minute: 0 }, 'America/New_York'),
  timeZone: 'America/New_York',
};

describe('quickAdd: the new-task field through the built-in agent’s parser', () => {
  it('reads a day and a priority out of the title', () => {
    expect(quickAdd('Pay rent friday !high', clock)).toEqual({
      title: 'Pay rent',
      due_date: '2026-12-04',
      priority: 'high',
      found: ['due_date', 'priority'],
    });
  });

  it('a time makes it timed, in the user’s zone; a day alone is all-day', () => {
    expect(quickAdd('call mom tomorrow at 5pm', clock)).toMatchObject({
      title: 'Call mom',
      due_date: '2026-12-04T22:00:00.000Z',
      found: ['due_date'],
    });
    expect(quickAdd('dentist tomorrow', clock)).toMatchObject({ title: 'Dentist', due_date: '2026-12-04' });
  });

  it('plain text is the title, and nothing typed is nothing to add', () => {
    expect(quickAdd('Buy milk', clock)).toEqual({ title: 'Buy milk', found: [] });
    expect(quickAdd('   ', clock)).toBeNull();
    expect(quickAdd('tomorrow', clock)).toEqual({ title: 'tomorrow', found: [] });
  });

  it('a dismissed chip is not applied and its words go back into the title', () => {
    const noDate = quickAdd('Pay rent friday !high', clock, new Set(['due_date']));
    expect(noDate).toEqual({ title: 'Pay rent friday', priority: 'high', found: ['priority'] });
    const noPriority = quickAdd('Pay rent friday !high', clock, new Set(['priority']));
    expect(noPriority).toEqual({ title: 'Pay rent !high', due_date: '2026-12-04', found: ['due_date'] });
    expect(quickAdd('call mom tomorrow at 5pm', clock, new Set(['due_date']))).toEqual({
      title: 'Call mom tomorrow at 5pm',
      found: [],
    });
  });

  it('a dismissed kind that was not found changes nothing', () => {
    expect(quickAdd('Pay rent friday', clock, new Set(['priority']))).toEqual(quickAdd('Pay rent friday', clock));
  });
});

describe('quickAdd leaves ordinary titles as typed', () => {
  it.each([
    'Walk the dog',
    'Typed with the keyboard',
    'Half-typed idea',
    '<img src=x onerror="window.__xss=1">',
    '<script>window.__xss=1</script>',
    'Read “Dune” and ‘Emma’',
  ])('%s', (title) => {
    expect(quickAdd(title, clock)).toEqual({ title, found: [] });
  });
});

it('quotes stay in the title; the rest is still read', () => {
  expect(quickAdd('Read "Dune" tomorrow', clock)).toEqual({
    title: 'Read "Dune"',
    due_date: '2026-12-04',
    found: ['due_date'],
  });
});
