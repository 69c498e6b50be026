import type { PlannedAction } from '../chat/types';
import type { Toolbox } from '../tools';

/** What the model is told when a call is held: it has not run, and the user decides. */
export const HELD = (summary: string) => ({
  status: 'waiting_for_confirmation',
  message:
    `Not run: the app asks the user to confirm "${summary}" first. ` +
    'Tell the user it is waiting for their confirmation; do not call it again.',
});

const taskId = (input: unknown) =>
  typeof input === 'object' && input !== null && typeof (input as { task_id?: unknown }).task_id === 'string'
    ? (input as { task_id: string }).task_id
    : undefined;

/**
 * What a model may do unasked in one turn: read, add tasks, and change one
 * existing task. Every delete (and every undo, which can delete), and any
 * change to a second task, is held for the user's confirmation instead: a
 * model that reads "delete all my tasks" inside a task's title cannot act on
 * it without the user's click.
 */
export function createGate(toolbox: Toolbox) {
  const changed = new Set<string>();
  const held: PlannedAction[] = [];

  /** Words for a held call, naming the task when it can be read. */
  async function summary(tool: string, input: unknown): Promise<string> {
    const id = taskId(input);
    const found = id ? await toolbox.call('get_task', { task_id: id }) : undefined;
    const name = found?.ok ? `“${found.output.title}”` : 'a task';
    if (tool === 'delete_task') return `Delete ${name}`;
    if (tool === 'undo_change') return 'Undo an earlier change';
    if (tool === 'complete_task')
      return `${(input as { completed?: boolean }).completed === false ? 'Reopen' : 'Complete'} ${name}`;
    return `Change ${name}`;
  }

  return {
    /** Whether this call must wait; if so it is recorded, with its summary, and `held` answers the model. */
    async hold(tool: string, input: unknown): Promise<ReturnType<typeof HELD> | null> {
      const id = taskId(input);
      const risky =
        tool === 'delete_task' ||
        tool === 'undo_change' ||
        ((tool === 'update_task' || tool === 'complete_task') &&
          id !== undefined &&
          changed.size > 0 &&
          !changed.has(id));
      if (!risky) {
        if ((tool === 'update_task' || tool === 'complete_task') && id !== undefined) changed.add(id);
        return null;
      }
      const words = await summary(tool, input);
      held.push({ tool, input, summary: words });
      return HELD(words);
    },
    held: () => held,
  };
}
