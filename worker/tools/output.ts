import { z } from 'zod';
import { PRIORITIES, TASK_ACTIONS, TASK_FIELDS, type Task } from '../tasks/types';

/**
 * What the tools answer with on success. Plain shapes, no transforms: they
 * describe data already validated on the way in, and their JSON Schema is
 * what MCP clients are promised. `satisfies` keeps them in step with the
 * domain types: a field added to Task and missing here fails to compile.
 */

export const TaskOutput = z
  .object({
    id: z.string(),
    user_id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    completed: z.boolean(),
    priority: z.enum(PRIORITIES),
    due_date: z
      .string()
      .nullable()
      .describe(
        'YYYY-MM-DD when due all day, an ISO 8601 instant in UTC with milliseconds when due at a time, or null',
      ),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .describe('A task') satisfies z.ZodType<Task>;

export const TaskListOutput = z.array(TaskOutput);

/** delete_task names what it deleted, so a reply (or an undo) can say which task it was. */
export const DeletedOutput = z.object({ deleted: z.literal(true), task: TaskOutput });

/** undo_change says how it reversed the change: the action that did it, the fields it put back, and the task. */
export const UndoneOutput = z.object({
  undone: z.string().describe('The event that was reversed'),
  action: z.enum(TASK_ACTIONS).describe('What the reversal did: deleted, restored, completed, reopened or updated'),
  fields: z.array(z.enum(TASK_FIELDS)).describe('For an update: the fields put back'),
  task: TaskOutput,
});

/** What every tool answers with when it fails: the same `error` as the HTTP envelope. */
export const ToolErrorOutput = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ToolError = z.output<typeof ToolErrorOutput>['error'];
