import { defineTool } from './tool';
import { TaskOutput } from './output';
import { AddTaskInput } from './schema';

export const addTask = defineTool({
  name: 'add_task',
  description: 'Create a task for the user. Returns the created task.',
  input: AddTaskInput,
  output: TaskOutput,
  run: ({ tasks, userId }, input) => tasks.create(userId, input),
});
