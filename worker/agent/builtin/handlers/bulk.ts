import type { Task } from '../../../tasks/types';
import { quote } from '../reply';
import { failed, type Handlers, type Turn } from './turn';

/** One message clears or completes at most this many tasks, so a turn stays short. */
const AT_ONCE_AT_MOST = 100;

/**
 * Runs `act` on each task of one list (completed or open, at most
 * AT_ONCE_AT_MOST): the tasks listed, those it succeeded on, and whether more
 * may remain.
 */
async function forEachListed(
  turn: Turn,
  completed: boolean,
  act: (task: Task) => Promise<{ ok: boolean }>,
): Promise<{ error: string } | { tasks: Task[]; changed: Task[]; more: boolean }> {
  const listed = await turn.call('list_tasks', { completed, limit: AT_ONCE_AT_MOST });
  if (!listed.ok) return { error: failed(listed) };
  const tasks = listed.output;
  const changed: Task[] = [];
  for (const task of tasks) if ((await act(task)).ok) changed.push(task);
  return { tasks, changed, more: tasks.length === AT_ONCE_AT_MOST };
}

const plural = (n: number) => (n === 1 ? 'task' : 'tasks');

export const bulk: Handlers<'complete_all' | 'clear_completed'> = {
  async complete_all(_, turn) {
    const r = await forEachListed(turn, false, (t) => turn.call('complete_task', { task_id: t.id, completed: true }));
    if ('error' in r) return { reply: r.error };
    if (!r.tasks.length) return { reply: 'Everything is already done — nothing changed.', memory: { listing: [] } };
    const n = r.changed.length;
    const rest = r.more ? ' There may be more: say it again for the rest.' : '';
    return {
      reply: `Marked ${n} ${plural(n)} as done. Say “undo” to take that back.${rest}`,
      memory: { listing: [] },
    };
  },

  async clear_completed(_, turn) {
    const r = await forEachListed(turn, true, (t) => turn.call('delete_task', { task_id: t.id }));
    if ('error' in r) return { reply: r.error };
    if (!r.tasks.length) return { reply: 'You have no completed tasks — nothing to clear.', memory: { listing: [] } };
    const deleted = r.changed;
    const names = deleted.slice(0, 5).map((t) => quote(t)).join(', ');
    const more = deleted.length > 5 ? ` and ${deleted.length - 5} more` : '';
    const rest = r.more ? ' There may be more: say it again to clear the rest.' : '';
    return {
      reply: `Deleted ${deleted.length} completed ${plural(deleted.length)}: ${names}${more}.${rest}`,
      memory: { listing: [] },
    };
  },
};
