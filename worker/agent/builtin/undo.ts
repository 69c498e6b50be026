import type { Task } from '../../tasks/types';
import type { ToolAction } from '../../tools/tool';

/** Fields update_task can change, and so the ones an undo puts back. */
const EDITABLE = ['title', 'description', 'priority', 'due_date'] as const;
type Editable = Pick<Task, (typeof EDITABLE)[number]>;

/**
 * How to take back one change a reply made. `task` is the task as that change
 * left it: an undo first checks the task still looks like that, so it never
 * overwrites what was changed since (on the dashboard, say).
 */
export type UndoStep =
  | { kind: 'remove'; task: Task }
  | { kind: 'complete'; task: Task; completed: boolean }
  | { kind: 'restore'; task: Task }
  | { kind: 'revert'; task: Task; before: Partial<Editable> };

export const isTask = (v: unknown): v is Task =>
  typeof v === 'object' && v !== null && 'id' in v && 'title' in v && 'completed' in v && 'updated_at' in v;

/** The task a delete_task result names. */
export const deletedTask = (v: unknown): Task | undefined =>
  typeof v === 'object' && v !== null && 'task' in v && isTask((v as { task: unknown }).task) ? (v as { task: Task }).task : undefined;

/** The steps that undo a reply's changes, in the order they were made, read off its tool calls. */
export function undoSteps(actions: ToolAction[]): UndoStep[] {
  // The latest state of each task seen so far in the reply: what an update started from.
  const known = new Map<string, Task>();
  const steps: UndoStep[] = [];
  for (const { tool, input, output } of actions) {
    if (Array.isArray(output)) {
      for (const t of output) if (isTask(t)) known.set(t.id, t);
      continue;
    }
    const removed = tool === 'delete_task' ? deletedTask(output) : undefined;
    if (removed) steps.push({ kind: 'restore', task: removed });
    if (!isTask(output)) continue;
    if (tool === 'add_task') steps.push({ kind: 'remove', task: output });
    if (tool === 'complete_task') steps.push({ kind: 'complete', task: output, completed: !output.completed });
    const start = known.get(output.id);
    if (tool === 'update_task' && start && input && typeof input === 'object') {
      const before: Partial<Editable> = {};
      for (const field of EDITABLE) if (field in input) Object.assign(before, { [field]: start[field] });
      steps.push({ kind: 'revert', task: output, before });
    }
    known.set(output.id, output);
  }
  return steps;
}
