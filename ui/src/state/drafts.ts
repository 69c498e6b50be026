import type { EditFields } from '../lib/edit';
import { stored } from './stored';

/**
 * What the user is typing, kept in sessionStorage: a 401 sends them to the
 * login screen and a reload starts the app again, and neither loses a draft.
 */
export type EditDraft = EditFields;

export const drafts = {
  newTask: stored(sessionStorage, 'draft.newTask', ''),
  chat: stored(sessionStorage, 'draft.chat', ''),
  /** The task being edited inline and its unsaved fields. */
  edit: stored<{ id: string; fields: EditFields } | null>(sessionStorage, 'draft.edit', null),
};

export function clearDrafts() {
  drafts.newTask.value = '';
  drafts.chat.value = '';
  drafts.edit.value = null;
}
