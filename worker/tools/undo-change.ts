import { UndoneOutput } from './output';
import { UndoChangeInput } from './schema';
import { defineTool, writes } from './tool';
import type { TaskField } from '../tasks/types';

export const undoChange = defineTool({
  name: 'undo_change',
  title: 'Undo a change',
  description:
    'Reverse one earlier change by its change-log event id: a created task is deleted, a deleted one restored ' +
    '(same id), a completion reopened, an edit put back. Fails with precondition_failed if the task has changed ' +
    'since that event, so no later change is overwritten.',
  // Undoing an add deletes, undoing an edit overwrites; undoing the same event twice is refused.
  annotations: writes({ destructive: true, idempotent: true }),
  input: UndoChangeInput,
  output: UndoneOutput,
  async run({ tasks, userId }, { event_id }) {
    const { undone, event } = await tasks.undo(userId, event_id);
    return {
      undone: undone.id,
      action: event.action,
      fields: Object.keys(event.changes) as TaskField[],
      task: event.task,
    };
  },
});
