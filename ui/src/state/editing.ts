import { signal } from '@preact/signals';
import { type EditFields, fieldsOf, patchOf } from '../lib/edit';
import type { Task } from './api';
import { drafts } from './drafts';
import { notify } from './notices';
import { taskById } from './tasks';
import { updateTask } from './writes';

/** The row whose action menu is open (one at a time). */
export const menuFor = signal<string | null>(null);

const focusTitle = (id: string) =>
  setTimeout(() => document.querySelector<HTMLElement>(`#task-${CSS.escape(id)} .task-title`)?.focus(), 0);

/**
 * Saves the open edit, if anything changed; true when the editor may close.
 * A draft without a title is never dropped: the editor stays open and says so.
 */
export function saveEdit(): boolean {
  const d = drafts.edit.value;
  if (!d) return true;
  const t = taskById(d.id);
  if (!t) {
    drafts.edit.value = null;
    return true;
  }
  const patch = patchOf(t, d.fields);
  if (patch === 'untitled') {
    notify(`“${t.title}” needs a title: type one, or press Escape to keep it as it was.`, 'error');
    focusTitleField();
    return false;
  }
  drafts.edit.value = null;
  if (patch) void updateTask(t.id, patch);
  focusTitle(t.id);
  return true;
}

function focusTitleField() {
  setTimeout(() => document.querySelector<HTMLInputElement>('.editor input[name="title"]')?.focus(), 0);
}

/** Opens the editor for `t`; an edit open on another task is saved first (with Undo), never thrown away. */
export function startEdit(t: Task) {
  menuFor.value = null;
  const open = drafts.edit.value;
  if (open?.id === t.id) return focusTitleField();
  if (open && !saveEdit()) return;
  drafts.edit.value = { id: t.id, fields: fieldsOf(t) };
  focusTitleField();
}

export function setFields(patch: Partial<EditFields>) {
  const d = drafts.edit.value;
  if (d) drafts.edit.value = { id: d.id, fields: { ...d.fields, ...patch } };
}

/** Escape: the task stays as it was; focus goes back to its title. */
export function cancelEdit() {
  const d = drafts.edit.value;
  drafts.edit.value = null;
  if (d) focusTitle(d.id);
}
