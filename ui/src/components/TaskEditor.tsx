import { joinDue, splitDue } from '../lib/dates';
import type { Task } from '../state/api';
import { drafts } from '../state/drafts';
import { cancelEdit, saveEdit, setFields } from '../state/editing';
import { TaskHistory } from './Activity';
import { Choice, PRIORITY_OPTIONS } from './Choice';

/**
 * The task opened in place: Enter (or Save) saves what changed, Escape (or
 * Cancel) leaves it as it was. A day alone is an all-day due date; the time is
 * optional. Below, the task's history from the change log.
 */
export function TaskEditor({ task, class: classes }: { task: Task; class: string }) {
  const fields = drafts.edit.value!.fields;
  const { day, time } = splitDue(fields.due);
  return (
    <li id={`task-${task.id}`} class={`${classes} editing`}>
      <form
        class="editor"
        aria-label={`Edit ${task.title}`}
        onSubmit={(e) => {
          e.preventDefault();
          saveEdit();
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.stopPropagation();
          cancelEdit();
        }}
      >
        <label>
          Title
          <input
            name="title"
            value={fields.title}
            maxLength={255}
            required
            onInput={(e) => setFields({ title: e.currentTarget.value })}
          />
        </label>
        <label>
          Notes
          <textarea
            value={fields.description}
            maxLength={2000}
            rows={2}
            onInput={(e) => setFields({ description: e.currentTarget.value })}
          />
        </label>
        <div class="row">
          <Choice
            label="Priority"
            value={fields.priority}
            options={PRIORITY_OPTIONS}
            onChange={(priority) => setFields({ priority })}
          />
          <label>
            Due date
            <input type="date" value={day} onInput={(e) => setFields({ due: joinDue(e.currentTarget.value, time) })} />
          </label>
          <label>
            Time (optional)
            <input
              type="time"
              value={time}
              disabled={!day}
              onInput={(e) => setFields({ due: joinDue(day, e.currentTarget.value) })}
            />
          </label>
        </div>
        <div class="row">
          <button type="submit" class="primary">
            Save
          </button>
          <button type="button" onClick={cancelEdit}>
            Cancel
          </button>
        </div>
      </form>
      <TaskHistory taskId={task.id} updatedAt={task.updated_at} />
    </li>
  );
}
