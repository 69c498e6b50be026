import { defaultOrder } from '../tasks/schema';
import { defineTool, READS } from './tool';
import { TaskListOutput } from './output';
import { ListTasksInput } from './schema';

export const listTasks = defineTool({
  name: 'list_tasks',
  title: 'List tasks',
  description:
    "List the user's tasks, newest first. With no arguments it lists all of them, pending and completed. " +
    'Filter by completed, priority or a text query.',
  annotations: READS,
  structuredAs: 'tasks',
  input: ListTasksInput,
  output: TaskListOutput,
  async run({ tasks, userId }, input) {
    const sort = input.sort ?? 'created_at';
    const { tasks: list } = await tasks.list(userId, {
      completed: input.completed,
      priority: input.priority,
      q: input.query || undefined,
      sort,
      order: input.order ?? defaultOrder(sort),
      limit: input.limit ?? 100,
      offset: 0,
    });
    return list;
  },
});
