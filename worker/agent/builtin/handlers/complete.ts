import { quote } from '../reply';
import { resolve } from './resolve';
import { failed, type Handlers } from './turn';

export const complete: Handlers<'complete'> = {
  async complete(intent, turn) {
    const target = await resolve(turn, intent, (t) => t.completed !== intent.completed);
    if (!target.ok) return target.answer;
    const known = target.task;
    if ('completed' in known && known.completed === intent.completed) {
      return { reply: `${quote(known)} is already ${intent.completed ? 'done' : 'open'} — nothing changed.` };
    }
    const r = await turn.call('complete_task', { task_id: known.id, completed: intent.completed });
    if (!r.ok) return { reply: failed(r) };
    return { reply: intent.completed ? `Marked ${quote(r.output)} as done.` : `Reopened ${quote(r.output)}.` };
  },
};
