import { DEFAULT_VIEW, type Section } from '../lib/list';
import type { Task } from '../state/api';
import { doneOpen, MORE_ROWS, rowsOf, showMore } from '../state/sections';
import { loadError, loadState, refresh, sections, tasks, view } from '../state/tasks';
import { TaskItem } from './TaskItem';

/** Up and Down move between rows (from the title, the check or the menu button), as in a list app. */
function onArrows(e: KeyboardEvent) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const target = e.target as HTMLElement;
  if (target.closest('.editor, .menu') || (target instanceof HTMLInputElement && target.type !== 'checkbox')) return;
  const row = target.closest('li.task');
  if (!row) return;
  const rows = Array.from(document.querySelectorAll<HTMLElement>('#task-list li.task'));
  const next = rows[rows.indexOf(row as HTMLElement) + (e.key === 'ArrowDown' ? 1 : -1)];
  if (!next) return;
  e.preventDefault();
  (next.querySelector<HTMLElement>('.task-title, input[name="title"]') ?? next).focus();
}

function TaskSection({ section }: { section: Section<Task> }) {
  const { key, title, tasks: list } = section;
  const collapsed = key === 'done' && !doneOpen.value && view.value.status !== 'done';
  const rows = rowsOf(key);
  const rest = list.length - rows;
  const heading = `section-${key}`;
  return (
    <section class={`section section-${key}`} aria-labelledby={heading}>
      <h2 id={heading}>
        {key === 'done' ? (
          <button
            type="button"
            class="section-toggle"
            aria-expanded={!collapsed}
            onClick={() => (doneOpen.value = collapsed)}
          >
            <span class="caret" />
            {title} <span class="n">{list.length}</span>
          </button>
        ) : (
          <>
            {title} <span class="n">{list.length}</span>
          </>
        )}
      </h2>
      {!collapsed && (
        <ul class="tasks">
          {list.slice(0, rows).map((t) => (
            <TaskItem key={t.id} task={t} />
          ))}
        </ul>
      )}
      {!collapsed && rest > 0 && (
        <button type="button" class="link more-rows" onClick={() => showMore(key)}>
          Show {Math.min(rest, MORE_ROWS)} more ({rest} not shown)
        </button>
      )}
    </section>
  );
}

export function TaskList() {
  if (loadState.value === 'loading') {
    return (
      <p id="task-list" class="state" aria-busy="true" tabIndex={-1}>
        Loading your tasks…
      </p>
    );
  }
  if (loadState.value === 'error') {
    return (
      <div id="task-list" class="state error" role="alert" tabIndex={-1}>
        <p>Could not load your tasks: {loadError.value}</p>
        <button type="button" onClick={() => void refresh()}>
          Try again
        </button>
      </div>
    );
  }
  const list = sections.value;
  return (
    <section id="task-list" aria-label="Task list" tabIndex={-1} onKeyDown={onArrows}>
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
        list.map((s) => <TaskSection key={s.key} section={s} />)
      )}
    </section>
  );
}
