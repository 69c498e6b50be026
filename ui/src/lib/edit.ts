import { fromLocalInput, toLocalInput } from './dates';
import type { ListTask } from './list';

/** The editor's fields, as typed; `due` is `YYYY-MM-DD` (all-day), `YYYY-MM-DDTHH:MM` or ''. */
export interface EditFields {
  title: string;
  description: string;
  priority: ListTask['priority'];
  due: string;
}

export const fieldsOf = (t: ListTask): EditFields => ({
  title: t.title,
  description: t.description ?? '',
  priority: t.priority,
  due: toLocalInput(t.due_date),
});

export interface EditPatch {
  title?: string;
  description?: string | null;
  priority?: ListTask['priority'];
  due_date?: string | null;
}

/**
 * Only what changed: an untouched due date keeps its seconds, and an unchanged
 * task is not written (null). An empty title cannot be saved: 'untitled'.
 */
export function patchOf(t: ListTask, f: EditFields): EditPatch | null | 'untitled' {
  const title = f.title.trim();
  if (!title) return 'untitled';
  const patch: EditPatch = {};
  if (title !== t.title) patch.title = title;
  const description = f.description.trim() || null;
  if (description !== t.description) patch.description = description;
  if (f.priority !== t.priority) patch.priority = f.priority;
  if (f.due !== toLocalInput(t.due_date)) patch.due_date = fromLocalInput(f.due);
  return Object.keys(patch).length ? patch : null;
}
