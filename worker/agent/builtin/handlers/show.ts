import { details, quote } from '../reply';
import { resolve } from './resolve';
import { failed, type Handlers } from './turn';

export const show: Handlers<'show'> = {
  async show(intent, turn) {
    const target = await resolve(turn, intent);
    if (!target.ok) return target.answer;
    const r = await turn.call('get_task', { task_id: target.task.id });
    if (!r.ok) return { reply: failed(r) };
    const task = r.output;
    const extra = details(task, turn.clock);
    const notes = task.description ? `\nNotes: ${task.description}` : '';
    const state = task.completed ? 'done' : 'not done yet';
    // "is the report done?" is answered yes or no before the details.
    const answer = intent.asks === 'done' ? (task.completed ? 'Yes: ' : 'No: ') : '';
    return { reply: `${answer}${quote(task)} — ${state}${extra ? `, ${extra}` : ''}.${notes}` };
  },
};
