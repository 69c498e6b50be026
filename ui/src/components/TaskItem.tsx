import { dueState, formatDue, fromLocalInput, toLocalInput } from '../lib/dates';
import type { Task, TaskPatch } from '../state/api';
import { drafts, type EditDraft } from '../state/drafts';
import { now } from '../state/clock';
import { highlighted } from '../state/tasks';
import { deleteTask, toggleTask, updateTask } from '../state/writes';
import { TaskHistory } from './Activity';
import { Choice, PRIORITY_OPTIONS } from './Choice';

const DUE_LABEL = { overdue: 'Overdue', today: 'Due today', later: 'Due', none: '' } as const;

/** One task: toggle, edit inline, delete. Overdue and due-today tasks carry a visible label, not colour alone. */
export function TaskItem({ task }: { task: Task }) {
  const editing = drafts.edit.value?.id === task.id ? drafts.edit.value.fields : null;
  const pending = task.id.startsWith('pending-');
  const due = dueState(task.due_date, task.completed, now.value);
  const classes = ['task', `due-${due}`, task.completed && 'done', highlighted.value === task.id && 'highlight']
    .filter(Boolean)
    .join(' ');

  if (editing) return <TaskEditor task={task} fields={editing} class={classes} />;

  return (
    <li id={`task-${task.id}`} class={classes} tabIndex={-1} aria-busy={pending}>
      <input
        type="checkbox"
        checked={task.completed}
        disabled={pending}
        aria-label={`Done: ${task.title}`}
        onChange={() => void toggleTask(task.id)}
      />
      <div class="task-body">
        <p class="task-title">{task.title}</p>
        {task.description && <p class="task-desc">{task.description}</p>}
        <p class="task-meta">
          <span class={`badge prio-${task.priority}`}>{task.priority}</span>
          {task.due_date && (
            <span class={`due due-${due}`}>
              {DUE_LABEL[due] || 'Due'} {formatDue(task.due_date, now.value)}
            </span>
          )}
        </p>
      </div>
      <div class="task-actions">
        <button
          type="button"
          disabled={pending}
          aria-label={`Edit ${task.title}`}
          onClick={() =>
            (drafts.edit.value = {
              id: task.id,
              fields: {
                title: task.title,
                description: task.description ?? '',
                priority: task.priority,
                due: toLocalInput(task.due_date),
              },
            })
          }
        >
          Edit
        </button>
        <button
          type="button"
          class="danger"
          disabled={pending}
          aria-label={`Delete ${task.title}`}
          onClick={() => void deleteTask(task.id)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

function TaskEditor({ task, fields, class: classes }: { task: Task; fields: EditDraft; class: string }) {
  const set = (patch: Partial<EditDraft>) => (drafts.edit.value = { id: task.id, fields: { ...fields, ...patch } });
  const close = () => {
    drafts.edit.value = null;
    // Back to the task's Edit button, so the keyboard user stays where they were.
    setTimeout(
      () => document.querySelector<HTMLButtonElement>(`#task-${CSS.escape(task.id)} .task-actions button`)?.focus(),
      0,
    );
  };

  function save(e: Event) {
    e.preventDefault();
    const title = fields.title.trim();
    if (!title) return;
    close();
    // Only what changed: an untouched due date keeps its seconds, and an unchanged task is not written.
    const patch: TaskPatch = {};
    if (title !== task.title) patch.title = title;
    const description = fields.description.trim() || null;
    if (description !== task.description) patch.description = description;
    if (fields.priority !== task.priority) patch.priority = fields.priority;
    if (fields.due !== toLocalInput(task.due_date)) patch.due_date = fromLocalInput(fields.due);
    if (Object.keys(patch).length) void updateTask(task.id, patch);
  }

  return (
    <li id={`task-${task.id}`} class={`${classes} editing`}>
      <form
        class="editor"
        aria-label={`Edit ${task.title}`}
        onSubmit={save}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      >
        <label>
          Title
          <input value={fields.title} maxLength={255} required onInput={(e) => set({ title: e.currentTarget.value })} />
        </label>
        <label>
          Description
          <textarea
            value={fields.description}
            maxLength={2000}
            rows={2}
            onInput={(e) => set({ description: e.currentTarget.value })}
          />
        </label>
        <div class="row">
          <Choice
            label="Priority"
            value={fields.priority}
            options={PRIORITY_OPTIONS}
            onChange={(priority) => set({ priority })}
          />
          <label>
            Due date
            <input type="datetime-local" value={fields.due} onInput={(e) => set({ due: e.currentTarget.value })} />
          </label>
        </div>
        <div class="row">
          <button type="submit" class="primary">
            Save
          </button>
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
      <TaskHistory taskId={task.id} updatedAt={task.updated_at} />
    </li>
  );
}
