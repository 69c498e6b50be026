import { describe, expect, it } from 'vitest';
import { createTaskService } from '../tasks/service';
import { peek, signup } from '../test/helpers';
import { createToolbox, outputJsonSchema, outputOf, taskOutputOf, TOOLS, type ToolResult } from '.';
import { toolNamed } from './registry';

describe('tool outputs', () => {
  it('every tool answers a success with exactly what its output schema describes', async () => {
    const { user } = await signup('tools');
    await peek(async (repos) => {
      const toolbox = createToolbox(createTaskService(repos.tasks), user.id);
      const added = await toolbox.call('add_task', { title: 'Write the report', due_date: '2026-12-01T10:00:00Z' });
      if (!added.ok) throw new Error(added.output.error.message);
      const task_id = added.output.id;
      const results: ToolResult[] = [
        added,
        await toolbox.call('list_tasks', {}),
        await toolbox.call('get_task', { task_id }),
        await toolbox.call('update_task', { task_id, priority: 'high' }),
        await toolbox.call('complete_task', { task_id }),
        await toolbox.call('delete_task', { task_id }),
      ];
      // Each write call names the change-log event it recorded; undo_change reverses one (the delete).
      const deleted = results.at(-1)!;
      expect(deleted.events).toHaveLength(1);
      expect(results[1]!.events).toBeUndefined();
      const undone = await toolbox.call('undo_change', { event_id: deleted.events![0]! });
      expect(undone).toMatchObject({ ok: true, output: { action: 'restored', task: { id: task_id } } });
      results.push(undone);
      expect(results.map((r) => r.tool).sort()).toEqual(TOOLS.map((t) => t.name).sort());
      for (const r of results) {
        if (!r.ok) throw new Error(`${r.tool}: ${r.output.error.message}`);
        // Parsing drops what the schema does not name, so equality means nothing unnamed came back.
        expect(toolNamed(r.tool).output.parse(r.output), r.tool).toEqual(r.output);
      }
    });
  });

  it('publishes each output as JSON Schema, a task with every field required', () => {
    const task = outputJsonSchema(toolNamed('get_task'));
    expect(task).toMatchObject({ type: 'object', additionalProperties: false });
    expect(task.required).toEqual([
      ...['id', 'user_id', 'title', 'description', 'completed', 'priority', 'due_date', 'created_at', 'updated_at'],
    ]);
    const { $schema: _, ...asItem } = task;
    expect(outputJsonSchema(toolNamed('list_tasks'))).toMatchObject({ type: 'array', items: asItem });
    expect(outputJsonSchema(toolNamed('delete_task'))).toMatchObject({
      type: 'object',
      properties: { deleted: { const: true }, task: asItem },
      required: ['deleted', 'task'],
    });
    for (const name of ['add_task', 'update_task', 'complete_task'] as const) {
      expect(outputJsonSchema(toolNamed(name))).toEqual(task);
    }
  });
});

describe('outputOf', () => {
  const task = {
    id: '3f2b6a1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    user_id: 'u1',
    title: 'Call mom',
    description: null,
    completed: false,
    priority: 'medium',
    due_date: null,
    created_at: '2026-11-23T09:00:00.000Z',
    updated_at: '2026-11-23T09:00:00.000Z',
  };

  it('reads a recorded call back through its tool’s output schema', () => {
    expect(outputOf({ tool: 'add_task', input: {}, output: task }, 'add_task')).toEqual(task);
    const deleted = { tool: 'delete_task', input: {}, output: { deleted: true, task } };
    expect(outputOf(deleted, 'delete_task')?.task).toEqual(task);
    expect(outputOf({ tool: 'list_tasks', input: {}, output: [task] }, 'list_tasks')).toEqual([task]);
  });

  it('answers undefined for another tool, a failure, or a shape that is not the tool’s', () => {
    expect(outputOf({ tool: 'get_task', input: {}, output: task }, 'add_task')).toBeUndefined();
    const failed = { tool: 'add_task', input: {}, output: { error: { code: 'not_found', message: 'Task not found' } } };
    expect(outputOf(failed, 'add_task')).toBeUndefined();
    expect(outputOf({ tool: 'add_task', input: {}, output: { ...task, completed: 'no' } }, 'add_task')).toBeUndefined();
    expect(outputOf({ tool: 'delete_task', input: {}, output: task }, 'delete_task')).toBeUndefined();
  });

  it('taskOutputOf reads the task of any tool that answers with one, and only those', () => {
    for (const tool of ['add_task', 'get_task', 'update_task', 'complete_task']) {
      expect(taskOutputOf({ tool, input: {}, output: task }), tool).toEqual(task);
    }
    expect(taskOutputOf({ tool: 'list_tasks', input: {}, output: task })).toBeUndefined();
    expect(taskOutputOf({ tool: 'delete_task', input: {}, output: task })).toBeUndefined();
    expect(taskOutputOf({ tool: 'drop_tables', input: {}, output: task })).toBeUndefined();
  });
});
