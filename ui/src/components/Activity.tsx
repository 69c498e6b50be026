import { useEffect } from 'preact/hooks';
import { describeEvent, fullTime, relativeTime } from '../lib/activity';
import type { TaskEvent } from '../state/api';
import { now } from '../state/clock';
import { activity, loadActivity, loadTaskHistory, taskHistory, undoable } from '../state/history';
import { listVersion } from '../state/tasks';
import { undoEvent } from '../state/writes';
import './activity.css';

/** "2 minutes ago", with the moment in full on hover and for machines. */
export function When({ at }: { at: string }) {
  return (
    <time dateTime={at} title={fullTime(at)}>
      {relativeTime(at, now.value)}
    </time>
  );
}

/** The user's latest changes, from every interface, each with an Undo while it is its task's latest. */
export function ActivityPanel({ onClose }: { onClose: () => void }) {
  // Follows the list: whenever the version moves (a change from anywhere), the log is read again.
  useEffect(() => void loadActivity(), [listVersion.value]);
  const { state, events, error } = activity.value;
  const canUndo = undoable(events);

  return (
    <section
      id="activity-panel"
      class="activity card"
      aria-labelledby="activity-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header class="panel-head">
        <h2 id="activity-title">Recent activity</h2>
        <button type="button" class="icon" aria-label="Close activity" onClick={onClose}>
          ×
        </button>
      </header>
      {state === 'loading' && (
        <p class="state" aria-busy="true">
          Loading activity…
        </p>
      )}
      {state === 'error' && (
        <div class="state error" role="alert">
          <p>Could not load activity: {error}</p>
          <button type="button" onClick={() => void loadActivity()}>
            Try again
          </button>
        </div>
      )}
      {state === 'ready' && events.length === 0 && <p class="state">No changes yet.</p>}
      {state === 'ready' && events.length > 0 && (
        <ol class="events">
          {events.map((e) => (
            <li key={e.id} class="event" tabIndex={-1}>
              <div class="event-body">
                <p class="event-task">{e.task.title}</p>
                <p class="event-what">
                  {describeEvent(e)}, <When at={e.at} />
                </p>
              </div>
              {canUndo.has(e.id) && (
                <button
                  type="button"
                  aria-label={`Undo “${e.task.title}”: ${describeEvent(e)}`}
                  onClick={(ev) => {
                    // The button goes once its event is no longer the task's latest: keep focus on the row.
                    ev.currentTarget.closest('li')?.focus();
                    void undoEvent(e);
                  }}
                >
                  Undo
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** One task's history in the editor: "Completed from the chat, 2 minutes ago". */
export function TaskHistory({ taskId, updatedAt }: { taskId: string; updatedAt: string }) {
  useEffect(() => void loadTaskHistory(taskId), [taskId, updatedAt]);
  const h = taskHistory.value;
  const events: TaskEvent[] = h.taskId === taskId ? h.events : [];
  const label = `history-${taskId}`;
  return (
    <section class="history" aria-labelledby={label}>
      <p id={label} class="history-title">
        History
      </p>
      {h.taskId !== taskId || h.state === 'loading' ? (
        <p class="muted" aria-busy="true">
          Loading history…
        </p>
      ) : h.state === 'error' ? (
        <p class="error">Could not load the history: {h.error}</p>
      ) : events.length === 0 ? (
        <p class="muted">No changes recorded.</p>
      ) : (
        <ol class="history-list">
          {events.map((e) => (
            <li key={e.id}>
              {describeEvent(e)}, <When at={e.at} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
