import { defineTool } from './tool';
import { TaskOutput } from './output';
import { TaskId } from './schema';

export const getTask = defineTool({
  name: 'get_task',
  description: 'Get one task by its id.',
  input: TaskId,
  output: TaskOutput,
  run: ({ tasks, userId }, { task_id }) => tasks.get(userId, task_id),
});
