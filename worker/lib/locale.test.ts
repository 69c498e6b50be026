import { describe, expect, it } from 'vitest';
import { localeOf } from './locale';

describe('localeOf (Accept-Language)', () => {
  it('takes the first tag, or the one with the highest q', () => {
    expect(localeOf('en-US,en;q=0.9')).toBe('en-US');
    expect(localeOf('fr;q=0.5, de-DE;q=0.8, en;q=0.1')).toBe('de-DE');
    expect(localeOf('de-AT, en-US')).toBe('de-AT');
  });

  it('falls back to en-GB without a header, or when nothing in it is usable', () => {
    expect(localeOf(undefined)).toBe('en-GB');
    expect(localeOf('')).toBe('en-GB');
    expect(localeOf('*')).toBe('en-GB');
    expect(localeOf('de;q=0')).toBe('en-GB');
    expect(localeOf('not a tag!!, <script>')).toBe('en-GB');
    expect(localeOf('x-nonsense-tag-that-is-far-too-long-to-be-one, en-US;q=0.2')).toBe('en-US');
  });
});
