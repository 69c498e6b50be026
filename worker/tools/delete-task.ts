import { defineTool, writes } from './tool';
import { DeletedOutput } from './output';
import { DeleteTaskInput } from './schema';

export const deleteTask = defineTool({
  name: 'delete_task',
  title: 'Delete a task',
  description:
    'Delete a task. It disappears from every list at once; the user can restore it for 30 days. Returns the deleted task.',
  // A second delete of the same id finds nothing and changes nothing.
  annotations: writes({ destructive: true, idempotent: true }),
  input: DeleteTaskInput,
  output: DeletedOutput,
  async run({ tasks, userId }, { task_id, if_updated_at }) {
    // Read first so the result can say what was deleted (the chat links it, the model names it);
    // the delete is conditional on that read, so what it names is what it deleted.
    const task = await tasks.get(userId, task_id);
    await tasks.remove(userId, task_id, if_updated_at ?? task.updated_at);
    return { deleted: true as const, task };
  },
});
