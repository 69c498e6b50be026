import { quote } from '../reply';
import { resolve } from './resolve';
import { failed, type Handlers } from './turn';

export const remove: Handlers<'delete'> = {
  async delete(intent, turn) {
    const target = await resolve(turn, intent);
    if (!target.ok) return target.answer;
    const r = await turn.call('delete_task', { task_id: target.task.id });
    if (!r.ok) return { reply: failed(r) };
    return { reply: `Deleted ${quote(r.output.task)}.` };
  },
};
