import { describe, expect, it } from 'vitest';
import { mergeDelta } from './sync';

const t = (id: string, title = id) => ({ id, title });

describe('mergeDelta', () => {
  it('replaces changed tasks in place, drops deleted ids, puts new ones first', () => {
    const a = t('a');
    const b = t('b');
    const c = t('c');
    const next = mergeDelta([a, b, c], { version: 9, tasks: [t('b', 'B2'), t('d')], deleted: ['c'], full: false });
    expect(next).toEqual([t('d'), a, t('b', 'B2')]);
    // Unchanged tasks keep their objects, so their rows need not render again.
    expect(next[1]).toBe(a);
  });

  it('returns the very same array for an empty delta', () => {
    const list = [t('a')];
    expect(mergeDelta(list, { version: 3, tasks: [], deleted: [], full: false })).toBe(list);
  });

  it('takes the whole list on full', () => {
    expect(mergeDelta([t('a'), t('b')], { version: 1, tasks: [t('z')], deleted: [], full: true })).toEqual([t('z')]);
  });

  it('ignores deleted ids it never had, and a restored task comes back once', () => {
    const a = t('a');
    expect(mergeDelta([a], { version: 5, tasks: [t('r')], deleted: ['gone'], full: false })).toEqual([t('r'), a]);
  });
});
