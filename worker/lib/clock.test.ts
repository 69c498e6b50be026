import { describe, expect, it } from 'vitest';
import { createClock, systemClock } from './clock';

describe('clock', () => {
  it('is the system clock without CLOCK_AT', () => {
    expect(createClock(undefined)).toBe(systemClock);
    expect(createClock('')).toBe(systemClock);
  });

  it('starts at CLOCK_AT and runs on from there, one clock per instant across requests', async () => {
    const at = '2031-02-03T04:05:06.789Z';
    const first = createClock(at)();
    expect(first.toISOString()).toBe(at);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // A clock made later (the next request) continues instead of starting over.
    const later = createClock(at)();
    expect(later.getTime()).toBeGreaterThan(first.getTime());
    expect(later.getTime() - first.getTime()).toBeLessThan(60_000);
    expect(createClock('2031-02-03T05:05:06.789+01:00')().toISOString()).toBe(at);
  });

  it('refuses an instant without a zone, or no instant at all', () => {
    for (const bad of ['2031-02-03T04:05:06', '2031-02-03', 'tomorrow', '2031-13-03T04:05:06Z']) {
      expect(() => createClock(bad), bad).toThrow(/CLOCK_AT/);
    }
  });
});
