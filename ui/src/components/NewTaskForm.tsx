import { useSignal } from '@preact/signals';
import { fromLocalInput } from '../lib/dates';
import type { Priority } from '../state/api';
import { drafts } from '../state/drafts';
import { createTask } from '../state/writes';
import { Choice, PRIORITY_OPTIONS } from './Choice';

/** One line to add a task; priority and due date are optional. Enter adds. */
export function NewTaskForm() {
  const priority = useSignal<Priority>('medium');
  const due = useSignal('');

  function submit(e: Event) {
    e.preventDefault();
    const title = drafts.newTask.value.trim();
    if (!title) return;
    drafts.newTask.value = '';
    void createTask({ title, priority: priority.value, due_date: fromLocalInput(due.value) });
    priority.value = 'medium';
    due.value = '';
  }

  return (
    <form class="new-task card" onSubmit={submit}>
      <label class="grow">
        <span class="sr-only">New task</span>
        <input
          name="title"
          aria-keyshortcuts="n"
          placeholder="Add a task…"
          maxLength={255}
          value={drafts.newTask.value}
          onInput={(e) => (drafts.newTask.value = e.currentTarget.value)}
        />
      </label>
      <Choice
        label="Priority of the new task"
        hideLabel
        value={priority.value}
        options={PRIORITY_OPTIONS}
        onChange={(p) => (priority.value = p)}
      />
      <label class="due-field">
        <span class="sr-only">Due date of the new task</span>
        <input type="datetime-local" value={due.value} onInput={(e) => (due.value = e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary">
        Add
      </button>
    </form>
  );
}
