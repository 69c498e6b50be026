import { describe, expect, it } from 'vitest';
import { dueWords } from '../../../worker/lib/due-words';
import { dayFrom, dueState, formatDue, fromLocalInput, joinDue, nextWeek, splitDue, toLocalInput } from './dates';

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
  it('names today, tomorrow and yesterday, in the browser zone, with the time only for an instant', () => {
    expect(formatDue(local(2026, 3, 10, 17, 0).toISOString(), now, 'en-GB')).toBe('Today 17:00');
    expect(formatDue(local(2026, 3, 11, 9, 0).toISOString(), now, 'en-GB')).toBe('Tomorrow 09:00');
    expect(formatDue(local(2026, 3, 9, 23, 59).toISOString(), now, 'en-GB')).toBe('Yesterday 23:59');
    expect(formatDue('2026-03-13', now, 'en-GB')).toBe('Fri 13 Mar');
  });
  it("is the chat's formatter (worker/lib/due-words.ts), in the browser's language and zone", () => {
    for (const due of ['2026-03-10', '2026-12-04', local(2026, 3, 11, 17).toISOString(), '2027-01-05T14:00:00Z'])
      for (const locale of ['en-GB', 'en-US', 'de-DE'])
        expect(formatDue(due, now, locale)).toBe(dueWords(due, now, { timeZone: 'America/New_York', locale }));
    expect(formatDue('2026-03-13', now, 'en-US')).toBe('Fri, Mar 13');
  });
  it('shows the year only when it is not this one', () => {
    expect(formatDue(local(2026, 12, 5, 9).toISOString(), now)).not.toMatch(/2026/);
    expect(formatDue(local(2027, 1, 5, 9).toISOString(), now)).toMatch(/2027/);
  });
});

describe("quick picks and the editor's day and time", () => {
  it('counts days from the local date; next week is the coming Monday', () => {
    const tue = local(2026, 3, 10, 23, 30);
    expect([dayFrom(tue, 0), dayFrom(tue, 1), nextWeek(tue)]).toEqual(['2026-03-10', '2026-03-11', '2026-03-16']);
    expect(nextWeek(local(2026, 3, 16, 9))).toBe('2026-03-23');
    expect(nextWeek(local(2026, 3, 15, 9))).toBe('2026-03-16');
  });
  it('a day alone is all-day; with a time it is that local moment', () => {
    expect(fromLocalInput(joinDue('2026-03-10', ''))).toBe('2026-03-10');
    expect(fromLocalInput(joinDue('2026-03-10', '17:00'))).toBe(local(2026, 3, 10, 17).toISOString());
    expect(splitDue(toLocalInput('2026-03-10'))).toEqual({ day: '2026-03-10', time: '' });
    expect(joinDue('', '17:00')).toBe('');
  });
});

describe("the editor's due value round trip", () => {
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
