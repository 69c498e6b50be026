import { defineTool, writes } from './tool';
import { TaskOutput } from './output';
import { CompleteTaskInput } from './schema';

export const completeTask = defineTool({
  name: 'complete_task',
  title: 'Complete or reopen a task',
  description: 'Mark a task as completed, or reopen it with completed: false.',
  // A flag, not the user's words: nothing is lost, and completed: false puts it back.
  annotations: writes({ destructive: false, idempotent: true }),
  input: CompleteTaskInput,
  output: TaskOutput,
  run: ({ tasks, userId }, { task_id, completed, if_updated_at }) =>
    tasks.update(userId, task_id, { completed: completed ?? true }, if_updated_at),
});
