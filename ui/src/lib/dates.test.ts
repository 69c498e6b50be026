import { describe, expect, it } from 'vitest';
import { dueState, formatDue, fromLocalInput, toLocalInput } from './dates';

// The ui project runs with TZ=America/New_York (vitest.config.ts), so local and UTC differ.
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

describe('dueState', () => {
  const now = local(2026, 3, 10, 12, 0);

  it('is overdue once the moment has passed, even earlier the same day', () => {
    expect(dueState(local(2026, 3, 10, 11, 59).toISOString(), false, now)).toBe('overdue');
    expect(dueState(local(2026, 3, 1).toISOString(), false, now)).toBe('overdue');
  });

  it('is today for later the same local day, though it is tomorrow in UTC', () => {
    expect(dueState(local(2026, 3, 10, 23, 59).toISOString(), false, now)).toBe('today');
    expect(new Date(local(2026, 3, 10, 23, 59).toISOString()).getUTCDate()).toBe(11);
  });

  it('is later from the next local day on, and none without a date or once done', () => {
    expect(dueState(local(2026, 3, 11, 0, 0).toISOString(), false, now)).toBe('later');
    expect(dueState(null, false, now)).toBe('none');
    expect(dueState(local(2026, 3, 1).toISOString(), true, now)).toBe('none');
  });
});

describe('all-day due dates (YYYY-MM-DD)', () => {
  it('are their local day: today all day long, overdue only once the day is over', () => {
    expect(dueState('2026-03-10', false, local(2026, 3, 10, 23, 59))).toBe('today');
    expect(dueState('2026-03-10', false, local(2026, 3, 10, 0, 0))).toBe('today');
    expect(dueState('2026-03-10', false, local(2026, 3, 11, 0, 0))).toBe('overdue');
    expect(dueState('2026-03-11', false, local(2026, 3, 10, 23, 0))).toBe('later');
  });
  it('show no time', () => {
    const now = local(2026, 3, 10, 12, 0);
    expect(formatDue('2026-03-10', now)).toBe('Today');
    expect(formatDue('2026-03-11', now)).toBe('Tomorrow');
    expect(formatDue('2026-12-04', now)).not.toMatch(/\d:\d\d/);
    expect(formatDue('2026-12-04', now)).toMatch(/4/);
  });
});

describe('formatDue', () => {
  const now = local(2026, 3, 10, 12, 0);
  it('names today, tomorrow and yesterday', () => {
    expect(formatDue(local(2026, 3, 10, 17, 0).toISOString(), now)).toMatch(/^Today 0?5:00/);
    expect(formatDue(local(2026, 3, 11, 9, 0).toISOString(), now)).toMatch(/^Tomorrow/);
    expect(formatDue(local(2026, 3, 9, 23, 59).toISOString(), now)).toMatch(/^Yesterday/);
  });
  it('shows the year only when it is not this one', () => {
    expect(formatDue(local(2026, 12, 5, 9).toISOString(), now)).not.toMatch(/2026/);
    expect(formatDue(local(2027, 1, 5, 9).toISOString(), now)).toMatch(/2027/);
  });
});

describe('datetime-local round trip', () => {
  it('shows an instant as local wall time and reads it back to the same instant', () => {
    const iso = '2026-12-01T17:00:00.000Z';
    expect(toLocalInput(iso)).toBe('2026-12-01T12:00');
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });
  it('maps empty and garbage to no date', () => {
    expect(toLocalInput(null)).toBe('');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('not a date')).toBeNull();
  });
});
