import { describe, expect, it } from 'vitest';
import type { TaskEvent } from './api';
import { undoable } from './history';

const e = (id: string, task_id: string, version: number) => ({ id, task_id, version }) as TaskEvent;

describe('undoable', () => {
  it("offers Undo only on each task's latest event (the list is newest first)", () => {
    const events = [e('e5', 'a', 5), e('e4', 'b', 4), e('e3', 'a', 3), e('e2', 'c', 2), e('e1', 'b', 1)];
    expect([...undoable(events)]).toEqual(['e5', 'e4', 'e2']);
  });
});
