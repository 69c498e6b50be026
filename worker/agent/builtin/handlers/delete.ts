import { fold } from '../../../lib/text';
import type { TaskIntent } from '../rules';
import { quote } from '../reply';
import type { Known } from '../memory';
import { resolve } from './resolve';
import { failed, type Handlers } from './turn';

/** Named exactly: by id, by a number from a list, or by its whole title (any case). "it" and a close match are not. */
function namedExactly(intent: TaskIntent, task: Known): boolean {
  const { ref } = intent;
  if (ref.kind === 'id' || ref.kind === 'number') return true;
  return ref.kind === 'text' && task.title !== undefined && fold(task.title.trim()) === fold(ref.text.trim());
}

export const remove: Handlers<'delete'> = {
  async delete(intent, turn) {
    const target = await resolve(turn, intent);
    if (!target.ok) return target.answer;
    const { task } = target;
    if (!namedExactly(intent, task)) {
      // A guess is never acted on: the user confirms (and the delete runs only if the task is unchanged by then).
      const unchanged = 'updated_at' in task ? { if_updated_at: task.updated_at } : {};
      const named = quote({ title: task.title ?? 'that task' });
      return {
        reply: `Delete ${named}? Say “yes” to delete it, or “no” to keep it.`,
        pending: [{ tool: 'delete_task', input: { task_id: task.id, ...unchanged }, summary: `Delete ${named}` }],
      };
    }
    const r = await turn.call('delete_task', { task_id: task.id });
    if (!r.ok) return { reply: failed(r) };
    return { reply: `Deleted ${quote(r.output.task)}.` };
  },
};
