import { z } from 'zod';
import { outputOf, taskOutputOf, TaskOutput } from '../../tools';
import type { ToolAction } from '../../tools/tool';

/**
 * One change a reply made, as the change log recorded it: the event to
 * reverse, and the task it touched (to name it in the reply). Undo goes
 * through the log, so a task comes back with its id and earlier state, and a
 * change made since (on the dashboard, say) is never overwritten.
 */
export const UndoStep = z.object({ event_id: z.string(), task: TaskOutput });
export type UndoStep = z.infer<typeof UndoStep>;

/** The task a recorded call touched, read through its tool's output schema. */
const touched = (a: ToolAction) =>
  taskOutputOf(a) ?? outputOf(a, 'delete_task')?.task ?? outputOf(a, 'undo_change')?.task;

/**
 * The changes a reply's tool calls made, in order, from the change-log events
 * each call recorded: the same for the agent's own calls and for actions the
 * user confirmed.
 */
export function undoSteps(actions: readonly ToolAction[]): UndoStep[] {
  const steps: UndoStep[] = [];
  for (const a of actions) {
    const task = a.events?.length ? touched(a) : undefined;
    if (task) for (const event_id of a.events!) steps.push({ event_id, task });
  }
  return steps;
}
