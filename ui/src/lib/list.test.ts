import { describe, expect, it } from 'vitest';
import { applyView, countTasks, DEFAULT_VIEW, type ListTask } from './list';

let n = 0;
const task = (over: Partial<ListTask>): ListTask => {
  n++;
  const stamp = `2026-01-01T00:00:${String(n).padStart(2, '0')}.000Z`;
  return {
    id: `t${n}`,
    title: `Task ${n}`,
    description: null,
    completed: false,
    priority: 'medium',
    due_date: null,
    created_at: stamp,
    updated_at: stamp,
    ...over,
  };
};

const a = task({ title: 'Buy milk', priority: 'low', due_date: '2026-03-02T10:00:00.000Z' });
const b = task({ title: 'File taxes', description: 'Ask the ACCOUNTANT', priority: 'high', completed: true });
const c = task({ title: 'Call mom', priority: 'high', due_date: '2026-03-01T10:00:00.000Z' });
const d = task({ title: 'Ünïcode straße', priority: 'medium' });
const all = [a, b, c, d];
const ids = (list: ListTask[]) => list.map((t) => t.title);

describe('applyView', () => {
  it('lists newest first by default', () => {
    expect(ids(applyView(all, DEFAULT_VIEW))).toEqual(['Ünïcode straße', 'Call mom', 'File taxes', 'Buy milk']);
  });
  it('filters by status and priority together', () => {
    expect(ids(applyView(all, { ...DEFAULT_VIEW, status: 'open', priority: 'high' }))).toEqual(['Call mom']);
    expect(ids(applyView(all, { ...DEFAULT_VIEW, status: 'done' }))).toEqual(['File taxes']);
  });
  it('searches title and description, case-insensitively, Unicode included', () => {
    expect(ids(applyView(all, { ...DEFAULT_VIEW, q: 'accountant' }))).toEqual(['File taxes']);
    expect(ids(applyView(all, { ...DEFAULT_VIEW, q: 'ÜNÏ' }))).toEqual(['Ünïcode straße']);
  });
  it('sorts due dates soonest first with undated tasks last, newest first among them', () => {
    expect(ids(applyView(all, { ...DEFAULT_VIEW, sort: 'due_date' }))).toEqual([
      'Call mom',
      'Buy milk',
      'Ünïcode straße',
      'File taxes',
    ]);
  });
  it('sorts priority highest first, ties newest first', () => {
    expect(ids(applyView(all, { ...DEFAULT_VIEW, sort: 'priority' }))).toEqual([
      'Call mom',
      'File taxes',
      'Ünïcode straße',
      'Buy milk',
    ]);
  });
  it('does not reorder the list it was given', () => {
    const copy = [...all];
    applyView(all, { ...DEFAULT_VIEW, sort: 'priority' });
    expect(all).toEqual(copy);
  });
});

describe('countTasks', () => {
  it('counts open, done, overdue and due today; done tasks are never overdue', () => {
    const now = new Date('2026-03-01T12:00:00.000Z');
    const today = task({ due_date: new Date(now.getTime() + 60_000).toISOString() });
    const late = task({ completed: true, due_date: '2026-02-01T00:00:00.000Z' });
    expect(countTasks([...all, today, late], now)).toEqual({ total: 6, open: 4, done: 2, overdue: 1, today: 1 });
  });
});
