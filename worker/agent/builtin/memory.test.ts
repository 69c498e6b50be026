import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from '../types';
import { recall } from './memory';

const task = (id: string, title: string) => ({
  id,
  user_id: 'u1',
  title,
  description: null,
  completed: false,
  priority: 'medium' as const,
  due_date: null,
  created_at: '2026-11-23T09:00:00.000Z',
  updated_at: '2026-11-23T09:00:00.000Z',
});
const said = (state: unknown, actions: HistoryMessage['actions'] = null): HistoryMessage => ({
  role: 'assistant',
  content: '…',
  actions,
  state,
});
const asked: HistoryMessage = { role: 'user', content: '…', actions: null, state: null };

describe('recall: what earlier turns left, read through its schema', () => {
  it('reads the latest listing, dropping what a listed task should not carry', () => {
    const memory = recall([
      said({ listing: [{ id: 'a', title: 'Old' }] }),
      asked,
      said({ listing: [{ id: 'b', title: 'New', secret: 'x' }] }),
      asked,
      said(null),
    ]);
    expect(memory.listing()).toEqual([{ id: 'b', title: 'New' }]);
  });

  it('forgets a part that does not parse, and keeps the rest', () => {
    const memory = recall([said({ listing: [{ id: 'a', title: 'Kept' }], pending: 'x' })]);
    expect(memory.listing()).toEqual([{ id: 'a', title: 'Kept' }]);
    expect(memory.pending()).toBeUndefined();
    expect(recall([said('not an object')]).listing()).toBeUndefined();
  });

  it('keeps a question only for the very next message', () => {
    const pending = { type: 'delete', ref: { kind: 'text', text: 'milk' } };
    expect(recall([said({ pending })]).pending()).toEqual(pending);
    expect(recall([said({ pending }), asked, said(null)]).pending()).toBeUndefined();
    expect(recall([said({ pending: { type: 'delete', ref: { kind: 'guess' } } })]).pending()).toBeUndefined();
  });

  it('finds the undo of the latest reply that changed something, past a question asked since', () => {
    const event_id = crypto.randomUUID();
    const added = { tool: 'add_task', input: {}, output: task('a', 'Milk'), events: [event_id] };
    expect(recall([said(null, [added]), asked, said({ listing: [] })]).undo()).toEqual([
      { event_id, task: task('a', 'Milk') },
    ]);
    // A reply whose calls recorded no change (a list, a failed call) is passed over.
    const listed = { tool: 'list_tasks', input: {}, output: [task('b', 'Eggs')] };
    expect(recall([said(null, [added]), said(null, [listed])]).undo()).toEqual([{ event_id, task: task('a', 'Milk') }]);
  });

  it('takes "it" from a recorded tool output only when it parses as that tool’s output', () => {
    const deleted = { tool: 'delete_task', input: {}, output: { deleted: true, task: task('d', 'Gone') } };
    expect(recall([said(null, [deleted])]).touched()).toEqual(task('d', 'Gone'));
    const looksLikeOne = { tool: 'list_tasks', input: {}, output: task('x', 'Not from a one-task tool') };
    const broken = { tool: 'add_task', input: {}, output: { id: 'y', title: 'No other fields' } };
    expect(recall([said(null, [looksLikeOne, broken])]).touched()).toBeUndefined();
    // A longer listing makes "it" ambiguous; a single one names it.
    const listing = [
      { id: 'a', title: 'A' },
      { id: 'b', title: 'B' },
    ];
    expect(recall([said(null, [deleted]), said({ listing })]).touched()).toBeUndefined();
    expect(recall([said(null, [deleted]), said({ listing: [listing[0]] })]).touched()).toEqual(listing[0]);
  });
});
