import { defineTool } from './tool';
import { TaskOutput } from './output';
import { CompleteTaskInput } from './schema';

export const completeTask = defineTool({
  name: 'complete_task',
  description: 'Mark a task as completed, or reopen it with completed: false.',
  input: CompleteTaskInput,
  output: TaskOutput,
  run: ({ tasks, userId }, { task_id, completed, if_updated_at }) =>
    tasks.update(userId, task_id, { completed: completed ?? true }, if_updated_at),
});
