import { DEFAULT_VIEW } from '../lib/list';
import { chatOpen } from './chat';
import { notify } from './notices';
import { doneOpen, rowsOf, showMore } from './sections';
import { highlighted, sections, tasks, view } from './tasks';

let clear: ReturnType<typeof setTimeout> | undefined;

/**
 * From a chat action to its task: clear filters that hide it (and open its section), close the chat
 * where it covers the list, scroll the task into view, focus and highlight it.
 */
export function focusTask(id: string) {
  if (!tasks.value.some((t) => t.id === id)) {
    notify('That task no longer exists.', 'error');
    return;
  }
  reveal(id);
  if (matchMedia('(max-width: 899px)').matches) chatOpen.value = false;
  highlighted.value = id;
  clearTimeout(clear);
  clear = setTimeout(() => (highlighted.value = null), 3000);
  // After Preact's render (a microtask) has put the task on screen.
  setTimeout(() => {
    const el = document.getElementById(`task-${id}`);
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el?.focus({ preventScroll: true });
  }, 0);
}

/** Puts a task on the page: clears filters that hide it, opens Done, shows enough of its section. */
function reveal(id: string) {
  const find = () => {
    for (const s of sections.value) {
      const i = s.tasks.findIndex((t) => t.id === id);
      if (i >= 0) return { key: s.key, i };
    }
    return null;
  };
  let at = find();
  if (!at) {
    view.value = { ...DEFAULT_VIEW };
    at = find();
  }
  if (!at) return;
  if (at.key === 'done') doneOpen.value = true;
  if (at.i >= rowsOf(at.key)) showMore(at.key, at.i + 1);
}
