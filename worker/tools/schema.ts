import { z } from 'zod';
import { TASK_SORTS } from '../tasks/types';
import { instant } from '../lib/dates';
import { bool, oneOf, text } from '../lib/text';
import { TaskCreateSchema, TaskPriority } from '../tasks/schema';

/**
 * Tool inputs, built from the same field schemas as the REST bodies so a
 * title, date or priority means the same thing everywhere. Objects strip
 * unknown keys, so an invented `user_id` is dropped, never used.
 */

export const TaskId = z.object({
  task_id: z.string().describe('The task id (a UUID)'),
});

/** The tools' If-Match: a write that would overwrite a change made since (on the dashboard, say) fails instead. */
const IfUnchanged = {
  if_updated_at: instant()
    .optional()
    .describe(
      "Optional: the task's updated_at as you last saw it; if the task has changed since, nothing is written and the tool fails with precondition_failed",
    ),
};

export const AddTaskInput = TaskCreateSchema;

export const ListTasksInput = z.object({
  completed: bool().optional().describe('true: only completed; false: only pending; omit for all'),
  priority: TaskPriority.optional().describe('Only tasks of this priority: low, medium or high; omit for all'),
  query: text(0, 200).optional().describe('Case-insensitive text to find in title or description'),
  sort: oneOf(TASK_SORTS)
    .optional()
    .describe('What to order by: created_at (default), updated_at, due_date or priority'),
  order: oneOf(['asc', 'desc'])
    .optional()
    .describe('asc or desc; by default due dates run soonest first and everything else newest or highest first'),
  limit: z
    .number()
    .int('Must be a whole number')
    .min(1)
    .max(500)
    .optional()
    .describe('At most this many tasks, 1-500 (default 100)'),
});

export const UpdateTaskInput = TaskId.extend({
  ...TaskCreateSchema.partial().shape,
  title: TaskCreateSchema.shape.title.optional().describe('A new title, 1-255 characters'),
  completed: bool().optional().describe('true marks it done, false reopens it; omit to leave it'),
  ...IfUnchanged,
});

export const CompleteTaskInput = TaskId.extend({
  completed: bool().optional().describe('true (default) marks it done; false reopens it'),
  ...IfUnchanged,
});

export const DeleteTaskInput = TaskId.extend(IfUnchanged);

export const UndoChangeInput = z.object({
  event_id: z
    .string()
    .describe('The change-log event to reverse (its id): an event one of your earlier tool calls recorded'),
});
