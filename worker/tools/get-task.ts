import { defineTool, READS } from './tool';
import { TaskOutput } from './output';
import { TaskId } from './schema';

export const getTask = defineTool({
  name: 'get_task',
  title: 'Show a task',
  description: 'Get one task by its id.',
  annotations: READS,
  input: TaskId,
  output: TaskOutput,
  run: ({ tasks, userId }, { task_id }) => tasks.get(userId, task_id),
});
