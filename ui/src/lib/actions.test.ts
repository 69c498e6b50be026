import { describe, expect, it } from 'vitest';
import { describeAction, linkReply } from './actions';

const task = { id: 'abc', title: 'Call mom', completed: false, due_date: null };
// Friday 4 December 2026, 10:00 in London.
const reader = { now: new Date('2026-12-04T10:00:00Z'), timeZone: 'Europe/London', locale: 'en-GB' };

describe('describeAction', () => {
  it('links a created, changed or completed task, with its due date as the dashboard writes it', () => {
    expect(describeAction({ tool: 'add_task', input: {}, output: task }, reader)).toEqual({
      text: 'Added “Call mom”',
      taskId: 'abc',
    });
    expect(describeAction({ tool: 'complete_task', input: {}, output: { ...task, completed: true } }, reader)).toEqual({
      text: 'Completed “Call mom”',
      taskId: 'abc',
    });
    expect(describeAction({ tool: 'complete_task', input: {}, output: task }, reader).text).toBe('Reopened “Call mom”');
    const timed = { ...task, due_date: '2026-12-05T17:00:00.000Z' };
    expect(describeAction({ tool: 'add_task', input: {}, output: timed }, reader).text).toBe(
      'Added “Call mom” — due tomorrow 17:00',
    );
    const allDay = { ...task, due_date: '2026-12-11' };
    expect(
      describeAction({ tool: 'update_task', input: {}, output: allDay }, { ...reader, locale: 'en-US' }).text,
    ).toBe('Updated “Call mom” — due Fri, Dec 11');
  });

  it('says what an undo did, and links the task unless the undo removed it', () => {
    const undo = (action: string) => ({ tool: 'undo_change', input: {}, output: { undone: 'e1', action, task } });
    expect(describeAction(undo('reopened'), reader)).toEqual({ text: 'Undo: reopened “Call mom”', taskId: 'abc' });
    expect(describeAction(undo('restored'), reader)).toEqual({ text: 'Undo: restored “Call mom”', taskId: 'abc' });
    expect(describeAction(undo('updated'), reader).text).toBe('Undo: put back “Call mom”');
    expect(describeAction(undo('deleted'), reader)).toEqual({ text: 'Undo: removed “Call mom”' });
  });

  it('does not link a deleted task, a list or a failure', () => {
    expect(describeAction({ tool: 'delete_task', input: {}, output: { deleted: true, task } }, reader)).toEqual({
      text: 'Deleted “Call mom”',
    });
    expect(describeAction({ tool: 'list_tasks', input: {}, output: [task, task] }, reader)).toEqual({
      text: 'Looked through 2 tasks',
    });
    expect(
      describeAction({ tool: 'update_task', input: {}, output: { error: { message: 'Task not found' } } }, reader),
    ).toEqual({ text: 'update task failed: Task not found' });
  });

  it('says how many of the listed tasks the reply shows, never more', () => {
    const list = (input: object, n: number) => ({ tool: 'list_tasks', input, output: Array(n).fill(task) });
    expect(describeAction(list({ completed: false }, 21), reader, 5).text).toBe('Listed 5 of 21 open tasks');
    expect(describeAction(list({}, 3), reader, 3).text).toBe('Listed 3 tasks');
    expect(describeAction(list({ completed: true, priority: 'high' }, 1), reader, 1).text).toBe(
      'Listed 1 done high-priority task',
    );
    expect(describeAction(list({ query: 'tax' }, 0), reader, 0).text).toBe('Found no tasks matching “tax”');
    expect(describeAction(list({ completed: false }, 4), reader, 0).text).toBe('Looked through 4 open tasks');
  });
});

describe('linkReply', () => {
  const t = (id: string, title: string) => ({ id, title });
  const listing = (...tasks: object[]) => ({ tool: 'list_tasks', input: { completed: false }, output: tasks });

  it('links each numbered line to the task it names, and counts them per listing', () => {
    const actions = [listing(t('1', 'Pay rent'), t('2', 'Late thing'), t('3', 'Pay'), t('4', 'Not shown'))];
    const reply = 'Your tasks that are overdue (3):\n1. Late thing — due yesterday (overdue)\n2. ✓ Pay rent\n3. Pay';
    const { segments, shown } = linkReply(reply, actions);
    expect(segments).toEqual([
      'Your tasks that are overdue (3):',
      '\n',
      '1. ',
      { text: 'Late thing', taskId: '2' },
      ' — due yesterday (overdue)',
      '\n',
      '2. ✓ ',
      { text: 'Pay rent', taskId: '1' },
      '',
      '\n',
      '3. ',
      { text: 'Pay', taskId: '3' },
      '',
    ]);
    expect(shown).toEqual([3]);
  });

  it('matches a title cut short with "…", tells apart tasks with the same title, and links nothing else', () => {
    const long = 'Write the quarterly report for the board with all the appendices attached';
    const actions = [
      { tool: 'add_task', input: {}, output: t('9', 'Buy milk') },
      listing(t('a', long), t('b', 'Buy milk'), t('c', 'Buy milk')),
    ];
    const reply = `1. ${long.slice(0, 49)}…\n2. Buy milk\n3. Buy milk\n4. Buy milkshake\nBuy milk`;
    const links = linkReply(reply, actions).segments.filter((s) => typeof s !== 'string');
    expect(links).toEqual([
      { text: `${long.slice(0, 49)}…`, taskId: 'a' },
      { text: 'Buy milk', taskId: 'b' },
      { text: 'Buy milk', taskId: 'c' },
    ]);
    expect(linkReply(reply, actions).shown).toEqual([0, 3]);
    expect(linkReply('1. Buy milk', []).segments).toEqual(['1. Buy milk']);
  });
});
