import { badRequest } from '../lib/errors';
import { defineTool, writes } from './tool';
import { TaskOutput } from './output';
import { UpdateTaskInput } from './schema';

export const updateTask = defineTool({
  name: 'update_task',
  title: 'Edit a task',
  description:
    'Change a task: any of title, description, priority, due_date (null clears description and due date), completed.',
  // It replaces what the user wrote (a title, notes, a date); the same edit again changes and records nothing.
  annotations: writes({ destructive: true, idempotent: true }),
  input: UpdateTaskInput,
  output: TaskOutput,
  run({ tasks, userId }, { task_id, if_updated_at, ...changes }) {
    if (Object.values(changes).every((v) => v === undefined)) {
      throw badRequest('Give at least one of title, description, priority, due_date, completed');
    }
    return tasks.update(userId, task_id, changes, if_updated_at);
  },
});
