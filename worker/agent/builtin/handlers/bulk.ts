import type { PlannedAction } from '../../../chat/types';
import type { Task } from '../../../tasks/types';
import { quote } from '../reply';
import { failed, type Handlers } from './turn';

/** One message proposes changes to at most this many tasks, so a confirmation stays readable. */
const AT_ONCE_AT_MOST = 100;

const plural = (n: number) => (n === 1 ? 'task' : 'tasks');

/** "“A”, “B”, “C” and 4 more". */
function names(tasks: Task[]): string {
  const shown = tasks.slice(0, 5).map(quote);
  const more = tasks.length > 5 ? ` and ${tasks.length - 5} more` : '';
  return `${shown.join(', ')}${more}`;
}

/** The proposal for one action on each task, each conditional on the task being as listed. */
const plan = (tasks: Task[], tool: 'complete_task' | 'delete_task', verb: string): PlannedAction[] =>
  tasks.map((t) => ({
    tool,
    input: { task_id: t.id, if_updated_at: t.updated_at, ...(tool === 'complete_task' ? { completed: true } : {}) },
    summary: `${verb} ${quote(t)}`,
  }));

/**
 * Changes to many tasks from one message are proposed, never run unasked:
 * the reply names them and waits for the user's "yes" (or Confirm).
 */
export const bulk: Handlers<'complete_all' | 'clear_completed'> = {
  async complete_all(_, turn) {
    const listed = await turn.call('list_tasks', { completed: false, limit: AT_ONCE_AT_MOST });
    if (!listed.ok) return { reply: failed(listed) };
    const tasks = listed.output;
    if (!tasks.length) return { reply: 'Everything is already done — nothing changed.', memory: { listing: [] } };
    if (tasks.length === 1) {
      const r = await turn.call('complete_task', { task_id: tasks[0]!.id, completed: true });
      return { reply: r.ok ? `Marked ${quote(r.output)} as done.` : failed(r), memory: { listing: [] } };
    }
    const rest = tasks.length === AT_ONCE_AT_MOST ? ' (the first 100; say it again afterwards for the rest)' : '';
    return {
      reply: `Mark ${tasks.length} ${plural(tasks.length)} as done${rest}: ${names(tasks)}? Say “yes” to go ahead.`,
      memory: { listing: [] },
      pending: plan(tasks, 'complete_task', 'Complete'),
    };
  },

  async clear_completed(_, turn) {
    const listed = await turn.call('list_tasks', { completed: true, limit: AT_ONCE_AT_MOST });
    if (!listed.ok) return { reply: failed(listed) };
    const tasks = listed.output;
    if (!tasks.length) return { reply: 'You have no completed tasks — nothing to clear.', memory: { listing: [] } };
    const rest = tasks.length === AT_ONCE_AT_MOST ? ' (the first 100)' : '';
    return {
      reply: `Delete ${tasks.length} completed ${plural(tasks.length)}${rest}: ${names(tasks)}? Say “yes” to delete them.`,
      memory: { listing: [] },
      pending: plan(tasks, 'delete_task', 'Delete'),
    };
  },
};
