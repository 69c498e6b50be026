import { z } from 'zod';
import type { Task } from '../../tasks/types';
import { TaskOutput, type ToolResult } from '../../tools';

/** Fields update_task can change, and so the ones an undo puts back. */
const EDITABLE = ['title', 'description', 'priority', 'due_date'] as const;
const Before = TaskOutput.pick({ title: true, description: true, priority: true, due_date: true }).partial();

/**
 * How to take back one change a reply made. `task` is the task as that change
 * left it: an undo first checks the task still looks like that, so it never
 * overwrites what was changed since (on the dashboard, say).
 */
export const UndoStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('remove'), task: TaskOutput }),
  z.object({ kind: z.literal('complete'), task: TaskOutput, completed: z.boolean() }),
  z.object({ kind: z.literal('restore'), task: TaskOutput }),
  z.object({ kind: z.literal('revert'), task: TaskOutput, before: Before }),
]);
export type UndoStep = z.infer<typeof UndoStep>;

/** The steps that undo a reply's changes, in the order they were made, read off its tool calls. */
export function undoSteps(results: readonly ToolResult[]): UndoStep[] {
  // The latest state of each task seen so far in the reply: what an update started from.
  const known = new Map<string, Task>();
  const steps: UndoStep[] = [];
  for (const r of results) {
    if (!r.ok) continue;
    if (r.tool === 'list_tasks') {
      for (const t of r.output) known.set(t.id, t);
      continue;
    }
    if (r.tool === 'delete_task') {
      steps.push({ kind: 'restore', task: r.output.task });
      continue;
    }
    const task = r.output;
    if (r.tool === 'add_task') steps.push({ kind: 'remove', task });
    if (r.tool === 'complete_task') steps.push({ kind: 'complete', task, completed: !task.completed });
    const start = known.get(task.id);
    if (r.tool === 'update_task' && start) {
      const before: z.infer<typeof Before> = {};
      for (const field of EDITABLE) if (field in r.input) Object.assign(before, { [field]: start[field] });
      steps.push({ kind: 'revert', task, before });
    }
    known.set(task.id, task);
  }
  return steps;
}
