import { describeAction, linkReply, type Reader } from '../lib/actions';
import { browserTimeZone } from '../lib/dates';
import { cancelPending, chatState, confirmPending, proposalState, type ChatMessage } from '../state/chat';
import { now } from '../state/clock';
import { focusTask } from '../state/focus';

/** Dates in the chat read as on the dashboard: the browser's zone and language. */
const reader = (): Reader => ({ now: now.value, timeZone: browserTimeZone(), locale: navigator.language });

/** What the agent proposed, and (while it waits) Confirm and Cancel; "yes" or "no" typed does the same. */
function Proposal({ m }: { m: ChatMessage }) {
  const p = m.pending!;
  const state = proposalState(m);
  const busy = chatState.value !== 'idle';
  const n = p.actions.length;
  return (
    <div class="proposal">
      <details>
        <summary>
          {n} action{n === 1 ? '' : 's'} {state === 'waiting' ? 'waiting for your confirmation' : 'proposed'}
        </summary>
        <ul>
          {p.actions.map((a, i) => (
            <li key={i}>{a.summary}</li>
          ))}
        </ul>
      </details>
      {state === 'waiting' && (
        <span class="proposal-buttons">
          <button type="button" class="primary" disabled={busy} onClick={() => void confirmPending(p.id)}>
            Confirm
          </button>
          <button type="button" disabled={busy} onClick={() => void cancelPending(p.id)}>
            Cancel
          </button>
        </span>
      )}
      {state === 'expired' && <p class="msg-note">Expired: nothing was changed. Ask again to redo it.</p>}
    </div>
  );
}

/** One message: its text (tasks a listing names link to them), its actions, and any proposal. */
export function Message({ m }: { m: ChatMessage }) {
  const { segments, shown } =
    m.role === 'assistant' ? linkReply(m.content, m.actions) : { segments: [m.content], shown: [] };
  const r = reader();
  // Nothing to show until the first step or word arrives (the panel says "Thinking…").
  if (m.status === 'streaming' && !m.content && !m.actions.length) return null;
  return (
    <li class={`msg msg-${m.role}${m.status ? ` msg-${m.status}` : ''}`}>
      <span class="sr-only">{m.role === 'user' ? 'You:' : 'Assistant:'}</span>
      {m.content && (
        <p class="msg-text">
          {segments.map((s, i) =>
            typeof s === 'string' ? (
              s
            ) : (
              <button key={i} type="button" class="link task-link" onClick={() => focusTask(s.taskId)}>
                {s.text}
              </button>
            ),
          )}
        </p>
      )}
      {m.status === 'failed' && <p class="msg-note">Not answered</p>}
      {m.actions.length > 0 && (
        <ul class="actions" aria-label="Actions taken">
          {m.actions.map((a, i) => {
            const d = describeAction(a, r, shown[i]);
            return (
              <li key={i}>
                {d.taskId ? (
                  <button type="button" class="action" onClick={() => focusTask(d.taskId!)}>
                    {d.text}
                  </button>
                ) : (
                  <span class="action">{d.text}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {m.pending && <Proposal m={m} />}
    </li>
  );
}
