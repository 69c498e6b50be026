import { dueState, formatDue } from '../lib/dates';
import type { Task } from '../state/api';
import { now } from '../state/clock';
import { drafts } from '../state/drafts';
import { menuFor, startEdit } from '../state/editing';
import { highlighted } from '../state/tasks';
import { deleteTask, toggleTask } from '../state/writes';
import { TaskEditor } from './TaskEditor';

const firstLine = (text: string) => {
  const i = text.indexOf('\n');
  return i < 0 ? text : `${text.slice(0, i)}…`;
};

/**
 * One compact row: the check, the title (which opens the editor in place), one
 * line of notes, the due date in words, a marker for high or low priority, and
 * a menu. It reads signals only, so it renders again only when its task object
 * (or what it shows of the clock, the edit or the menu) changes.
 */
export function TaskItem({ task }: { task: Task }) {
  const pending = task.id.startsWith('pending-');
  const due = dueState(task.due_date, task.completed, now.value);
  const classes = ['task', `due-${due}`, task.completed && 'done', highlighted.value === task.id && 'highlight']
    .filter(Boolean)
    .join(' ');

  if (drafts.edit.value?.id === task.id) return <TaskEditor task={task} class={classes} />;

  const menuOpen = menuFor.value === task.id;
  return (
    <li id={`task-${task.id}`} class={classes} tabIndex={-1} aria-busy={pending}>
      <label class="check">
        <input
          type="checkbox"
          checked={task.completed}
          disabled={pending}
          aria-label={`Done: ${task.title}`}
          onChange={() => void toggleTask(task.id)}
        />
      </label>
      <div class="task-body">
        <button
          type="button"
          class="task-title"
          disabled={pending}
          aria-label={`Edit ${task.title}`}
          onClick={() => startEdit(task)}
        >
          {task.title}
        </button>
        {task.description && <p class="task-desc">{firstLine(task.description)}</p>}
        {(task.due_date || (task.priority !== 'medium' && !task.completed)) && (
          <p class="task-meta">
            {task.due_date && (
              <span class="due">
                {due === 'overdue' && <span class="sr-only">Overdue: </span>}
                {formatDue(task.due_date, now.value)}
              </span>
            )}
            {task.priority !== 'medium' && !task.completed && (
              <span class={`badge prio-${task.priority}`} title={`${task.priority} priority`}>
                {task.priority}
              </span>
            )}
          </p>
        )}
      </div>
      <div class="task-actions">
        <button
          type="button"
          class="more"
          disabled={pending}
          aria-label={`Actions for ${task.title}`}
          aria-expanded={menuOpen}
          aria-controls={menuOpen ? `menu-${task.id}` : undefined}
          onClick={() => (menuFor.value = menuOpen ? null : task.id)}
        >
          ⋯
        </button>
        {menuOpen && (
          <div class="menu" id={`menu-${task.id}`}>
            <button type="button" onClick={() => startEdit(task)}>
              Edit
            </button>
            <button
              type="button"
              class="danger"
              aria-label={`Delete ${task.title}`}
              onClick={() => {
                menuFor.value = null;
                void deleteTask(task.id);
              }}
            >
              Delete
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
