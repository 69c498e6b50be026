import { defineTool } from './tool';
import { TaskId } from './schema';

export const deleteTask = defineTool({
  name: 'delete_task',
  description: 'Delete a task permanently. Returns the deleted task.',
  input: TaskId,
  async run({ tasks, userId }, { task_id }) {
    // Read first so the result can say what was deleted (the chat links it, the model names it).
    const task = await tasks.get(userId, task_id);
    await tasks.remove(userId, task_id, task.updated_at);
    return { deleted: true, task };
  },
});
