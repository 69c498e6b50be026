/**
 * The app's time. Everything that stamps or compares a time asks a Clock
 * (created once per request), never `Date` directly, so a test or a demo can
 * set the date the whole app lives in.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

// Per isolate: a shifted clock keeps running across requests instead of
// jumping back to its start on each one.
const offsets = new Map<string, number>();

/**
 * The system clock, or, given `at` (an ISO 8601 instant with a zone, from
 * `CLOCK_AT`), a clock that starts at that instant the first time it is read
 * and runs on in real time from there.
 *
 * @example createClock('2027-01-15T09:00:00Z')() // 2027-01-15T09:00:00.000Z, then later
 */
export function createClock(at?: string): Clock {
  if (!at) return systemClock;
  const start = parseInstant(at);
  return () => {
    let offset = offsets.get(at);
    if (offset === undefined) {
      offset = start - Date.now();
      offsets.set(at, offset);
    }
    return new Date(Date.now() + offset);
  };
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function parseInstant(at: string): number {
  const t = INSTANT.test(at) ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(t))
    throw new Error(`Invalid configuration: CLOCK_AT must be an ISO 8601 instant with a zone, not "${at}"`);
  return t;
}
