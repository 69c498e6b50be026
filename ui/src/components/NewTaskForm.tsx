import { useSignal } from '@preact/signals';
import { type QuickKind, quickAdd } from '../../../worker/agent/builtin/quick-add';
import { fromLocal } from '../../../worker/lib/time-zone';
import { browserTimeZone, dayFrom, formatDue, nextWeek, splitDue, toLocalInput } from '../lib/dates';
import { now } from '../state/clock';
import { drafts } from '../state/drafts';
import { createTask } from '../state/writes';

type Pick = 'today' | 'tomorrow' | 'week' | 'none';
const PICKS: [Pick, string][] = [
  ['today', 'Today'],
  ['tomorrow', 'Tomorrow'],
  ['week', 'Next week'],
  ['none', 'No date'],
];
const KIND_LABEL: Record<QuickKind, string> = { due_date: 'Due', priority: 'Priority', description: 'Notes' };

function pickedDay(pick: Pick, at: Date): string | null {
  if (pick === 'none') return null;
  return pick === 'week' ? nextWeek(at) : dayFrom(at, pick === 'today' ? 0 : 1);
}

/** A day (and an optional "HH:MM") as the due date the API takes: all-day, or that moment in this browser's zone. */
function withTime(due: string | null | undefined, time: string): string | null {
  if (!due) return null;
  if (!time) return due;
  const [year, month, day] = splitDue(toLocalInput(due)).day.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return fromLocal(
    { year: year!, month: month!, day: day!, hour: hour!, minute: minute! },
    browserTimeZone(),
  ).toISOString();
}

/**
 * One line to add a task, read as the chat reads it ("Pay rent friday !high",
 * "call mom tomorrow at 5pm"): what was recognised shows as chips, each
 * removable, before Enter adds it. Quick picks set the day; a time is optional.
 */
export function NewTaskForm() {
  const dismissed = useSignal<ReadonlySet<QuickKind>>(new Set());
  const pick = useSignal<Pick | null>(null);
  const time = useSignal('');
  const text = drafts.newTask.value;
  const read = quickAdd(text, { now: now.value, timeZone: browserTimeZone() }, dismissed.value);
  const due = withTime(pick.value ? pickedDay(pick.value, now.value) : read?.due_date, time.value);
  const chips = (read?.found ?? []).filter((k) => k !== 'due_date' || !pick.value);

  function submit(e: Event) {
    e.preventDefault();
    if (!read) return;
    drafts.newTask.value = '';
    void createTask({
      title: read.title,
      priority: read.priority ?? 'medium',
      due_date: due,
      ...(read.description ? { description: read.description } : {}),
    });
    dismissed.value = new Set();
    pick.value = null;
    time.value = '';
  }

  const chipText = (k: QuickKind) =>
    k === 'due_date' ? formatDue(read!.due_date!, now.value) : k === 'priority' ? read!.priority! : read!.description!;

  return (
    <form class="new-task card" onSubmit={submit}>
      <label class="grow">
        <span class="sr-only">New task</span>
        <input
          name="title"
          aria-keyshortcuts="n"
          aria-describedby={text.trim() ? 'new-task-read' : undefined}
          placeholder="Add a task… e.g. Pay rent friday !high"
          maxLength={255}
          value={text}
          onInput={(e) => (drafts.newTask.value = e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="primary" disabled={!read}>
        Add
      </button>
      {text.trim() && (
        <div class="quick">
          <ul id="new-task-read" class="chips" aria-label="Recognised">
            {chips.map((k) => (
              <li key={k} class={`chip chip-${k}`}>
                <span>
                  {KIND_LABEL[k]}: {chipText(k)}
                </span>
                <button
                  type="button"
                  aria-label={`Remove ${KIND_LABEL[k].toLowerCase()} ${chipText(k)}`}
                  onClick={() => (dismissed.value = new Set([...dismissed.value, k]))}
                >
                  ×
                </button>
              </li>
            ))}
            {pick.value && pick.value !== 'none' && due && (
              <li class="chip chip-due_date">
                <span>Due: {formatDue(due, now.value)}</span>
              </li>
            )}
          </ul>
          <fieldset class="picks">
            <legend class="sr-only">Due date of the new task</legend>
            {PICKS.map(([p, label]) => (
              <button
                key={p}
                type="button"
                aria-pressed={pick.value === p}
                onClick={() => (pick.value = pick.value === p ? null : p)}
              >
                {label}
              </button>
            ))}
            {due && (
              <label class="time">
                <span>
                  at<span class="sr-only"> time (optional)</span>
                </span>
                <input type="time" value={time.value} onInput={(e) => (time.value = e.currentTarget.value)} />
              </label>
            )}
          </fieldset>
        </div>
      )}
    </form>
  );
}
