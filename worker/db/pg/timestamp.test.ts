import { describe, expect, it } from 'vitest';
import { parsePgTimestamp } from './timestamp';

describe('parsePgTimestamp', () => {
  it.each([
    ['2026-03-01 17:00:00.123+01', '2026-03-01T16:00:00.123Z'],
    ['2026-03-01 17:00:00+00', '2026-03-01T17:00:00.000Z'],
    ['0001-01-01 00:00:00+00', '0001-01-01T00:00:00.000Z'],
    ['0099-12-31 23:59:59.999+00', '0099-12-31T23:59:59.999Z'],
    ['9999-12-31 23:59:59.999+00', '9999-12-31T23:59:59.999Z'],
    ['1969-07-20 20:17:40+05:30', '1969-07-20T14:47:40.000Z'],
    ['2026-03-01 00:00:00-03:30:15', '2026-03-01T03:30:15.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parsePgTimestamp(text).toISOString()).toBe(iso);
  });

  it('refuses anything else loudly instead of guessing', () => {
    expect(() => parsePgTimestamp('2026-03-01T17:00:00Z')).toThrow(/Unexpected timestamptz/);
    expect(() => parsePgTimestamp('infinity')).toThrow(/Unexpected timestamptz/);
  });
});
