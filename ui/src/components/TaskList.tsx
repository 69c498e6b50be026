import { For } from '@preact/signals/utils';
import { DEFAULT_VIEW } from '../lib/list';
import { loadError, loadState, refresh, tasks, view, visibleTasks } from '../state/tasks';
import { TaskItem } from './TaskItem';

export function TaskList() {
  if (loadState.value === 'loading') {
    return (
      <p class="state" aria-busy="true">
        Loading your tasks…
      </p>
    );
  }
  if (loadState.value === 'error') {
    return (
      <div class="state error" role="alert">
        <p>Could not load your tasks: {loadError.value}</p>
        <button type="button" onClick={() => void refresh()}>
          Try again
        </button>
      </div>
    );
  }
  const list = visibleTasks.value;
  return (
    <section aria-label="Task list">
      {loadError.value && (
        <p class="banner" role="status">
          Out of sync: {loadError.value} Retrying…
        </p>
      )}
      {tasks.value.length === 0 ? (
        <p class="state">No tasks yet. Add one above, or open the chat and ask.</p>
      ) : list.length === 0 ? (
        <p class="state">
          No tasks match these filters.{' '}
          <button type="button" class="link" onClick={() => (view.value = { ...DEFAULT_VIEW })}>
            Clear filters
          </button>
        </p>
      ) : (
        <ul class="tasks">
          {/* Rows are kept per task object: after a sync only the tasks that changed render again. */}
          <For each={visibleTasks} getKey={(t) => t.id}>
            {(t) => <TaskItem task={t} />}
          </For>
        </ul>
      )}
    </section>
  );
}
