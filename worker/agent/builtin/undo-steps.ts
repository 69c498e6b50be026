import { z } from 'zod';
import { TaskOutput, type ToolResult } from '../../tools';

/**
 * One change a reply made, as the change log recorded it: the event to
 * reverse, and the task it touched (to name it in the reply). Undo goes
 * through the log, so a task comes back with its id and earlier state, and a
 * change made since (on the dashboard, say) is never overwritten.
 */
export const UndoStep = z.object({ event_id: z.string(), task: TaskOutput });
export type UndoStep = z.infer<typeof UndoStep>;

/** The task a successful call touched. */
function touched(r: ToolResult & { ok: true }) {
  switch (r.tool) {
    case 'list_tasks':
      return undefined;
    case 'delete_task':
    case 'undo_change':
      return r.output.task;
    default:
      return r.output;
  }
}

/** The events a reply's tool calls recorded, in the order they were made. */
export function undoSteps(results: readonly ToolResult[]): UndoStep[] {
  const steps: UndoStep[] = [];
  for (const r of results) {
    if (!r.ok || !r.events?.length) continue;
    const task = touched(r);
    if (task) for (const event_id of r.events) steps.push({ event_id, task });
  }
  return steps;
}
