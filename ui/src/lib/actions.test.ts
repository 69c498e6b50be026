import { describe, expect, it } from 'vitest';
import { describeAction } from './actions';

const task = { id: 'abc', title: 'Call mom', completed: false };

describe('describeAction', () => {
  it('links a created, changed or completed task', () => {
    expect(describeAction({ tool: 'add_task', input: {}, output: task })).toEqual({
      text: 'Added “Call mom”',
      taskId: 'abc',
    });
    expect(describeAction({ tool: 'complete_task', input: {}, output: { ...task, completed: true } })).toEqual({
      text: 'Completed “Call mom”',
      taskId: 'abc',
    });
    expect(describeAction({ tool: 'complete_task', input: {}, output: task }).text).toBe('Reopened “Call mom”');
  });
  it('does not link a deleted task, a list or a failure', () => {
    expect(describeAction({ tool: 'delete_task', input: {}, output: { deleted: true, task } })).toEqual({
      text: 'Deleted “Call mom”',
    });
    expect(describeAction({ tool: 'list_tasks', input: {}, output: [task, task] })).toEqual({ text: 'Listed 2 tasks' });
    expect(
      describeAction({ tool: 'update_task', input: {}, output: { error: { message: 'Task not found' } } }),
    ).toEqual({ text: 'update task failed: Task not found' });
  });
});
