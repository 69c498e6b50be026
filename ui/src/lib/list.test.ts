import { describe, expect, it } from 'vitest';
import { applyView, countTasks, createListing, DEFAULT_VIEW, type ListTask, sectionTasks } from './list';

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
  it('lists newest first when sorted by creation', () => {
    expect(ids(applyView(all, { ...DEFAULT_VIEW, sort: 'created_at' }))).toEqual([
      'Ünïcode straße',
      'Call mom',
      'File taxes',
      'Buy milk',
    ]);
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

// The ui project runs in America/New_York: local days differ from UTC ones.
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

describe('sectionTasks', () => {
  const now = local(2026, 3, 10, 12, 0);
  const late = task({ title: 'Late', due_date: local(2026, 3, 10, 9, 0).toISOString() });
  const lateDay = task({ title: 'Yesterday', due_date: '2026-03-09' });
  const tonight = task({ title: 'Tonight', due_date: local(2026, 3, 10, 23, 30).toISOString() });
  const allDay = task({ title: 'All day', due_date: '2026-03-10' });
  const soon = task({ title: 'Soon', due_date: '2026-03-11' });
  const later = task({ title: 'Later', due_date: local(2026, 4, 1, 8, 0).toISOString() });
  const undated = task({ title: 'Undated' });
  const newer = task({ title: 'Newer undated', priority: 'high' });
  const finished = task({
    title: 'Finished',
    completed: true,
    due_date: '2026-03-01',
    updated_at: '2026-03-05T00:00:00Z',
  });
  const finished2 = task({ title: 'Finished later', completed: true, updated_at: '2026-03-06T00:00:00Z' });
  const list = [undated, later, finished, tonight, late, soon, newer, allDay, lateDay, finished2];
  const shape = (view = DEFAULT_VIEW) => sectionTasks(list, view, now).map((s) => [s.key, s.tasks.map((t) => t.title)]);

  it('puts what needs attention first: overdue, today, upcoming, no date, then done', () => {
    expect(shape()).toEqual([
      ['overdue', ['Yesterday', 'Late']],
      ['today', ['All day', 'Tonight']],
      ['upcoming', ['Soon', 'Later']],
      ['none', ['Newer undated', 'Undated']],
      ['done', ['Finished later', 'Finished']],
    ]);
  });

  it('an all-day task is due today all day, and overdue only once its day is over', () => {
    const at = (d: Date) => sectionTasks([allDay], DEFAULT_VIEW, d)[0]!.key;
    expect(at(local(2026, 3, 10, 23, 59))).toBe('today');
    expect(at(local(2026, 3, 11, 0, 0))).toBe('overdue');
  });

  it('leaves out empty sections, and the filters apply inside every section', () => {
    expect(shape({ ...DEFAULT_VIEW, status: 'open', q: 'late' })).toEqual([
      ['overdue', ['Late']],
      ['upcoming', ['Later']],
    ]);
    expect(shape({ ...DEFAULT_VIEW, priority: 'high' })).toEqual([['none', ['Newer undated']]]);
  });

  it('the overdue and due-today counts filter to exactly what they count', () => {
    expect(shape({ ...DEFAULT_VIEW, due: 'overdue' })).toEqual([['overdue', ['Yesterday', 'Late']]]);
    expect(shape({ ...DEFAULT_VIEW, due: 'today' })).toEqual([['today', ['All day', 'Tonight']]]);
    const c = countTasks(list, now);
    expect([c.overdue, c.today]).toEqual([2, 2]);
  });

  it('sorts inside each section by the chosen sort', () => {
    expect(shape({ ...DEFAULT_VIEW, sort: 'created_at' })[0]).toEqual(['overdue', ['Yesterday', 'Late']]);
    expect(shape({ ...DEFAULT_VIEW, sort: 'priority' })[3]).toEqual(['none', ['Newer undated', 'Undated']]);
  });

  it('sections 10,000 tasks without reordering its input', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      task({ due_date: i % 3 ? null : `2026-0${1 + (i % 6)}-1${i % 10}`, completed: i % 7 === 0 }),
    );
    const before = many.map((t) => t.id);
    const out = sectionTasks(many, DEFAULT_VIEW, now);
    expect(out.reduce((n, s) => n + s.tasks.length, 0)).toBe(10_000);
    expect(many.map((t) => t.id)).toEqual(before);
  });
});

describe('createListing: sections and counts kept up to date change by change', () => {
  const now = local(2026, 3, 10, 12, 0);
  const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}`;
  const base = Array.from({ length: 400 }, (_, i) =>
    task({ due_date: i % 4 ? day(1 + (i % 20)) : null, completed: i % 9 === 0, priority: i % 3 ? 'medium' : 'high' }),
  );

  it('gives what a full computation gives, after every toggle, edit, add and delete', () => {
    const listing = createListing<ListTask>();
    const view = { ...DEFAULT_VIEW, priority: 'any' as const };
    let list = base;
    listing(list, view, now);
    for (let step = 0; step < 60; step++) {
      const i = (step * 37) % list.length;
      const t = list[i]!;
      const next = [...list];
      if (step % 4 === 0) next[i] = { ...t, completed: !t.completed, updated_at: `2026-03-10T00:00:${step}.000Z` };
      else if (step % 4 === 1) next[i] = { ...t, due_date: day(1 + (step % 25)), title: `${t.title}!` };
      else if (step % 4 === 2) next.unshift(task({ due_date: step % 3 ? day(step % 28 || 1) : null }));
      else next.splice(i, 1);
      list = next;
      const got = listing(list, view, now);
      expect(got.sections).toEqual(sectionTasks(list, view, now));
      expect(got.counts).toEqual(countTasks(list, now));
    }
  });

  it('keeps the section objects a change did not touch, so their rows do not render again', () => {
    const listing = createListing<ListTask>();
    const first = listing(base, DEFAULT_VIEW, now);
    const undated = base.findIndex((t) => !t.due_date && !t.completed);
    const next = [...base];
    next[undated] = { ...base[undated]!, title: 'Renamed' };
    const second = listing(next, DEFAULT_VIEW, now);
    const byKey = (l: typeof first, key: string) => l.sections.find((s) => s.key === key);
    expect(byKey(second, 'none')).not.toBe(byKey(first, 'none'));
    for (const key of ['overdue', 'today', 'upcoming', 'done']) expect(byKey(second, key)).toBe(byKey(first, key));
  });
});
