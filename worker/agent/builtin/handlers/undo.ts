import type { ToolFailure } from '../../../tools';
import { quote } from '../reply';
import type { UndoStep } from '../undo-steps';
import type { Handlers, Turn } from './turn';

/** Why a conditional write left a task alone, or `otherwise`. */
function missed(step: UndoStep, r: ToolFailure, otherwise: string): string {
  const { code } = r.output.error;
  if (code === 'precondition_failed') return `left ${quote(step.task)} alone: it has changed since`;
  if (code === 'not_found') return `${quote(step.task)} is already gone`;
  return otherwise;
}

/** Takes one change back, unless the task has changed since; says what happened. */
async function takeBack(step: UndoStep, { call }: Turn): Promise<string> {
  const { task } = step;
  if (step.kind === 'restore') {
    const { title, description, priority, due_date } = task;
    const added = await call('add_task', { title, description, priority, due_date });
    if (!added.ok) return `couldn’t restore ${quote(task)}`;
    if (task.completed) await call('complete_task', { task_id: added.output.id, completed: true });
    return `restored ${quote(task)}`;
  }
  // Every write is conditional on the task being as the change left it, so nothing made since is overwritten.
  const unchanged = { task_id: task.id, if_updated_at: task.updated_at };
  switch (step.kind) {
    case 'remove': {
      const r = await call('delete_task', unchanged);
      return r.ok ? `removed ${quote(task)}` : missed(step, r, `couldn’t remove ${quote(task)}`);
    }
    case 'complete': {
      const r = await call('complete_task', { ...unchanged, completed: step.completed });
      if (!r.ok) return missed(step, r, `couldn’t change ${quote(task)}`);
      return step.completed ? `marked ${quote(task)} as done again` : `reopened ${quote(task)}`;
    }
    case 'revert': {
      const r = await call('update_task', { ...unchanged, ...step.before });
      if (!r.ok) return missed(step, r, `couldn’t change ${quote(task)} back`);
      const fields = Object.keys(step.before).map((f) => f.replace('_', ' ')).join(' and ');
      return `put back the ${fields} of ${quote(r.output)}`;
    }
  }
}

export const undo: Handlers<'undo'> = {
  async undo(_, turn) {
    const steps = turn.recall.undo();
    if (!steps.length) {
      return { reply: 'There’s nothing for me to undo: I can take back my own last change in this conversation.' };
    }
    const said: string[] = [];
    // Newest first, so each step finds its task as the later ones left it.
    for (const step of [...steps].reverse()) said.push(await takeBack(step, turn));
    const text = said.join('; ');
    return { reply: `${text.charAt(0).toUpperCase()}${text.slice(1)}.` };
  },
};
