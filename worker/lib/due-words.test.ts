import { describe, expect, it } from 'vitest';
import { dueWords } from './due-words';

// Friday 2026-12-04, 10:00 in London; 02:00 in Los Angeles.
const now = new Date('2026-12-04T10:00:00Z');
const london = { timeZone: 'Europe/London' };

describe('dueWords', () => {
  it('names today, tomorrow and yesterday, with a time only for an instant', () => {
    expect(dueWords('2026-12-04', now, london)).toBe('Today');
    expect(dueWords('2026-12-05', now, london)).toBe('Tomorrow');
    expect(dueWords('2026-12-03', now, london)).toBe('Yesterday');
    expect(dueWords('2026-12-05T17:00:00Z', now, london)).toBe('Tomorrow 17:00');
  });

  it('gives weekday, day and month further out, and the year only when it is not this one', () => {
    expect(dueWords('2026-12-11', now, london)).toBe('Fri 11 Dec');
    expect(dueWords('2027-01-04T09:30:00Z', now, london)).toBe('Mon, 4 Jan 2027 09:30');
  });

  it("counts days in the reader's zone, and never moves an all-day date", () => {
    const la = { timeZone: 'America/Los_Angeles' };
    // 01:00 UTC on the 5th is still the 4th, 17:00, in Los Angeles: today there.
    expect(dueWords('2026-12-05T01:00:00Z', now, la)).toBe('Today 17:00');
    expect(dueWords('2026-12-04', now, la)).toBe('Today');
    expect(dueWords('2026-12-04', now, { timeZone: 'Pacific/Kiritimati' })).toBe('Yesterday');
  });

  it('follows the locale', () => {
    expect(dueWords('2026-12-11', now, { ...london, locale: 'en-US' })).toBe('Fri, Dec 11');
    expect(dueWords('2026-12-11', now, { ...london, locale: undefined })).toBe('Fri 11 Dec');
    expect(dueWords('2026-12-05', now, { ...london, locale: 'de-DE' })).toBe('Morgen');
    expect(dueWords('2026-12-05', now, { ...london, inSentence: true })).toBe('tomorrow');
    expect(dueWords('2026-12-05T17:00:00Z', now, { ...london, locale: 'en-US' })).toMatch(/^Tomorrow 5:00\sPM$/);
  });
});
