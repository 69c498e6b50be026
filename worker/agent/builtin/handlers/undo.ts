import type { ToolOutput } from '../../../tools';
import { quote } from '../reply';
import type { UndoStep } from '../undo-steps';
import type { Handlers, Turn } from './turn';

/** What a reversal did, in the reply's words. */
function said({ action, fields, task }: ToolOutput<'undo_change'>): string {
  switch (action) {
    case 'deleted':
      return `removed ${quote(task)}`;
    case 'restored':
      return `restored ${quote(task)}`;
    case 'completed':
      return `marked ${quote(task)} as done again`;
    case 'reopened':
      return `reopened ${quote(task)}`;
    default:
      return `put back the ${fields.map((f) => f.replace('_', ' ')).join(' and ')} of ${quote(task)}`;
  }
}

/** Reverses one change through the change log, unless the task has changed since; says what happened. */
async function takeBack(step: UndoStep, { call }: Turn): Promise<string> {
  const r = await call('undo_change', { event_id: step.event_id });
  if (r.ok) return said(r.output);
  const { code } = r.output.error;
  if (code === 'precondition_failed') return `left ${quote(step.task)} alone: it has changed since`;
  if (code === 'not_found') return `${quote(step.task)} is already gone`;
  return `couldn’t undo the change to ${quote(step.task)}`;
}

export const undo: Handlers<'undo'> = {
  async undo(_, turn) {
    const steps = turn.recall.undo();
    if (!steps.length) {
      return { reply: 'There’s nothing for me to undo: I can take back my own last change in this conversation.' };
    }
    const parts: string[] = [];
    // Newest first, so each reversal finds its task as the later changes left it.
    for (const step of [...steps].reverse()) parts.push(await takeBack(step, turn));
    const text = parts.join('; ');
    return { reply: `${text.charAt(0).toUpperCase()}${text.slice(1)}.` };
  },
};
