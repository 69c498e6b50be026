import { z } from 'zod';
import { PRIORITIES, TASK_SORTS } from '../db/repo';
import { bool, isoDateTime, oneOf, text } from '../lib/text';

/** One schema per shape, shared by the REST routes, the agent tools and MCP. */

export const TaskTitle = text(1, 255);
export const TaskDescription = text(0, 2000)
  .transform((s) => (s === '' ? null : s))
  .nullable();
export const TaskPriority = oneOf(PRIORITIES);
export const TaskDueDate = isoDateTime().nullable();

export const TaskCreateSchema = z.object({
  title: TaskTitle,
  description: TaskDescription.optional(),
  priority: TaskPriority.optional(),
  due_date: TaskDueDate.optional(),
});
export type TaskCreateInput = z.input<typeof TaskCreateSchema>;

const PATCH_FIELDS = ['title', 'description', 'priority', 'due_date', 'completed'] as const;

export const TaskPatchSchema = z
  .object({
    title: TaskTitle.optional(),
    description: TaskDescription.optional(),
    priority: TaskPriority.optional(),
    due_date: TaskDueDate.optional(),
    completed: bool().optional(),
  })
  .refine((p) => PATCH_FIELDS.some((k) => p[k] !== undefined), {
    message: `Give at least one of ${PATCH_FIELDS.join(', ')}`,
  });
export type TaskPatchInput = z.input<typeof TaskPatchSchema>;

const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'Must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `Must be at least ${min}`).max(max, `Must be at most ${max}`));

export const TaskListQuerySchema = z.object({
  completed: oneOf(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  priority: TaskPriority.optional(),
  q: text(0, 200)
    .transform((s) => s || undefined)
    .optional(),
  sort: oneOf(TASK_SORTS).default('created_at'),
  order: oneOf(['asc', 'desc']).optional(),
  limit: intParam(1, 500).default(100),
  offset: intParam(0, 1_000_000).default(0),
});
export type TaskListQueryInput = z.input<typeof TaskListQuerySchema>;

/** Dates run soonest first and priorities highest first unless asked otherwise; times newest first. */
export const defaultOrder = (sort: (typeof TASK_SORTS)[number]) =>
  sort === 'due_date' ? 'asc' : 'desc';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isTaskId = (id: string) => UUID.test(id);
