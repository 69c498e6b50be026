import { describe, expect, it } from 'vitest';
import { dueSpan, fromLocal, isOverdue, toLocal } from '../../lib/time-zone';
import { extractDue } from './dates';

// Monday 23 November 2026, 10:00 in Berlin (09:00 UTC).
const clock = { now: new Date('2026-11-23T09:00:00Z'), timeZone: 'Europe/Berlin' };
// A day alone is all-day (`YYYY-MM-DD`); a day and a time is that instant in Berlin.
const at = (local: string) => {
  const [d, t] = local.split(' ');
  if (t === undefined) return d!;
  const [year, month, day] = d!.split('-').map(Number);
  const [hour, minute] = t.split(':').map(Number);
  return fromLocal(
    { year: year!, month: month!, day: day!, hour: hour!, minute: minute! },
    'Europe/Berlin',
  ).toISOString();
};

describe('extractDue', () => {
  it.each([
    ['call mom tomorrow', 'call mom', '2026-11-24'],
    ['call mom tomorrow at 5pm', 'call mom', '2026-11-24 17:00'],
    ['call mom tomorrow morning', 'call mom', '2026-11-24 09:00'],
    ['pay rent today', 'pay rent', '2026-11-23'],
    ['pay rent yesterday', 'pay rent', '2026-11-22'],
    ['renew passport by yesterday evening', 'renew passport', '2026-11-22 18:00'],
    ['pay rent tonight', 'pay rent', '2026-11-23 20:00'],
    ['report due friday', 'report', '2026-11-27'],
    ['report by next friday', 'report', '2026-11-27'],
    ['report on monday', 'report', '2026-11-30'],
    ['report this monday', 'report', '2026-11-23'],
    ['gym on sat', 'gym', '2026-11-28'],
    ['plan trip next week', 'plan trip', '2026-11-30'],
    ['renew passport in 3 days', 'renew passport', '2026-11-26'],
    ['renew passport in two weeks', 'renew passport', '2026-12-07'],
    ['taxes in a month', 'taxes', '2026-12-23'],
    ['party on dec 5', 'party', '2026-12-05'],
    ['party on 5th of december at 19:30', 'party', '2026-12-05 19:30'],
    ['party on December 5th, 2027', 'party', '2027-12-05'],
    ['party jan 3', 'party', '2027-01-03'],
    ['ship it 2026-12-01', 'ship it', '2026-12-01'],
    ['ship it due 2026-12-01 at 9am', 'ship it', '2026-12-01 09:00'],
    ['lunch at noon', 'lunch', '2026-11-23 12:00'],
    ['standup at 9am', 'standup', '2026-11-24 09:00'],
    ['call at 5', 'call', '2026-11-23 17:00'],
    ['gym tonight at 7', 'gym', '2026-11-23 19:00'],
    ['call mom this evening at 6:30', 'call mom', '2026-11-23 18:30'],
    ['run tomorrow morning at 7', 'run', '2026-11-24 07:00'],
    ['drinks tonight at 11pm', 'drinks', '2026-11-23 23:00'],
    ['dentist on the 15th', 'dentist', '2026-12-15'],
    ['pay rent by the 30th', 'pay rent', '2026-11-30'],
    ['invoice due the 23rd', 'invoice', '2026-11-23'],
    ['book flights on the 15th for the trip', 'book flights for the trip', '2026-12-15'],
    ['party on the 5th of december', 'party', '2026-12-05'],
    ['wrap up by the end of the week', 'wrap up', '2026-11-27'],
    ['day after tomorrow dentist', 'dentist', '2026-11-25'],
  ])('%s', (text, rest, local) => {
    expect(extractDue(text, clock)).toEqual({ rest, due: at(local) });
  });

  it('answers exact instants for hours and minutes', () => {
    expect(extractDue('check oven in 20 minutes', clock)).toEqual({
      rest: 'check oven',
      due: '2026-11-23T09:20:00.000Z',
    });
  });

  it.each([
    'buy sun cream',
    'call mom',
    'read chapter 5',
    'may the force',
    'feb 30 party',
    'meet at the 2nd floor',
    'on the 45th',
  ])('finds no date in %s', (text) => {
    expect(extractDue(text, clock)).toBeNull();
  });

  it('uses the user time zone across DST and the date line', () => {
    const ny = { now: new Date('2026-03-07T12:00:00Z'), timeZone: 'America/New_York' };
    // DST starts on Sunday 8 March 2026 in New York: 5pm that day is 21:00 UTC, not 22:00.
    expect(extractDue('call tomorrow at 5pm', ny)!.due).toBe('2026-03-08T21:00:00.000Z');
    const auckland = { now: new Date('2026-11-23T20:00:00Z'), timeZone: 'Pacific/Auckland' };
    // Already Tuesday 24th in Auckland: "tomorrow" is Wednesday 25th there.
    expect(extractDue('x tomorrow', auckland)!.due).toBe('2026-11-25');
    expect(toLocal(new Date(extractDue('x tomorrow at 9am', auckland)!.due), 'Pacific/Auckland')).toMatchObject({
      day: 25,
      hour: 9,
    });
  });

  it('says when an all-day task is overdue: once its day has ended where the user is', () => {
    const berlin = (iso: string) => ({ now: new Date(iso), timeZone: 'Europe/Berlin' });
    // Monday 23 Nov is over in Berlin at 23:00 UTC, though not yet in UTC itself.
    expect(isOverdue('2026-11-23', berlin('2026-11-23T22:59:59Z'))).toBe(false);
    expect(isOverdue('2026-11-23', berlin('2026-11-23T23:00:00Z'))).toBe(true);
    const ny = { now: new Date('2026-11-24T03:00:00Z'), timeZone: 'America/New_York' };
    expect(isOverdue('2026-11-23', ny)).toBe(false); // still 22:00 on the 23rd in New York
    expect(isOverdue('2026-11-23T22:00:00.000Z', ny)).toBe(true); // a timed task is overdue at its instant
    expect(dueSpan('2026-03-08', 'America/New_York')).toEqual({
      start: Date.parse('2026-03-08T05:00:00Z'),
      end: Date.parse('2026-03-09T04:00:00Z'), // a 23-hour day: DST began
    });
  });
});
