import { z } from 'zod';
import { PRIORITIES, TASK_SORTS } from './types';
import { dueDate } from '../lib/dates';
import { bool, oneOf, text } from '../lib/text';

/** One schema per shape, shared by the REST routes, the agent tools and MCP. */

export const TaskTitle = text(1, 255);
export const TaskDescription = text(0, 2000)
  .transform((s) => (s === '' ? null : s))
  .nullable();
export const TaskPriority = oneOf(PRIORITIES);
export const TaskDueDate = dueDate().nullable();

// Descriptions travel into the tools' JSON Schema, for models and MCP clients.
export const TaskCreateSchema = z.object({
  title: TaskTitle.describe('Short title, 1-255 characters'),
  description: TaskDescription.optional().describe('Optional notes, up to 2000 characters, or null'),
  priority: TaskPriority.optional().describe('low, medium (default) or high'),
  due_date: TaskDueDate.optional().describe(
    'A day, YYYY-MM-DD, when it is due all day (e.g. 2026-03-01); an ISO 8601 date-time with a UTC offset ' +
      'when it is due at a time (e.g. 2026-03-01T17:00:00+01:00); or null for none',
  ),
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
    .optional()
    .describe('true: only completed; false: only pending; omit for all'),
  priority: TaskPriority.optional().describe('Only tasks of this priority'),
  q: text(0, 200)
    .transform((s) => s || undefined)
    .optional()
    .describe('Case-insensitive text to find in title or description'),
  sort: oneOf(TASK_SORTS).default('created_at').describe('What to order by'),
  order: oneOf(['asc', 'desc'])
    .optional()
    .describe('By default due dates run soonest first, priorities highest first, times newest first'),
  limit: intParam(1, 500).default(100).describe('At most this many, 1-500'),
  offset: intParam(0, 1_000_000).default(0).describe('Skip this many first'),
});
export type TaskListQueryInput = z.input<typeof TaskListQuerySchema>;

/** Paging back through the change log: newest first, `before` a version. */
export const ActivityQuerySchema = z.object({
  limit: intParam(1, 200).default(50).describe('At most this many, 1-200'),
  before: intParam(1, 999_999_999).optional().describe('Only changes before this version, to page back'),
});

/** `since`: the version the client has; without it, the whole list. */
export const SyncQuerySchema = z.object({
  since: intParam(0, 999_999_999).optional().describe('The version you have; omit for the whole list'),
});

/** Dates run soonest first and priorities highest first unless asked otherwise; times newest first. */
export const defaultOrder = (sort: (typeof TASK_SORTS)[number]) => (sort === 'due_date' ? 'asc' : 'desc');
