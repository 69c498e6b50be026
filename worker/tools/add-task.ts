import { defineTool, writes } from './tool';
import { TaskOutput } from './output';
import { AddTaskInput } from './schema';

export const addTask = defineTool({
  name: 'add_task',
  title: 'Add a task',
  description: 'Create a task for the user. Returns the created task.',
  // Each call creates another task, so a repeat is not harmless; nothing existing is touched.
  annotations: writes({ destructive: false, idempotent: false }),
  input: AddTaskInput,
  output: TaskOutput,
  run: ({ tasks, userId }, input) => tasks.create(userId, input),
});
