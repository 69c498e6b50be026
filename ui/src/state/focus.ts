import { DEFAULT_VIEW } from '../lib/list';
import { chatOpen } from './chat';
import { notify } from './notices';
import { highlighted, tasks, view, visibleTasks } from './tasks';

let clear: ReturnType<typeof setTimeout> | undefined;

/**
 * From a chat action to its task: clear filters that hide it, close the chat
 * where it covers the list, scroll the task into view, focus and highlight it.
 */
export function focusTask(id: string) {
  if (!tasks.value.some((t) => t.id === id)) {
    notify('That task no longer exists.', 'error');
    return;
  }
  if (!visibleTasks.value.some((t) => t.id === id)) view.value = { ...DEFAULT_VIEW };
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
