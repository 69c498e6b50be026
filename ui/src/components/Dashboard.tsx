import { useEffect, useRef } from 'preact/hooks';
import type { LiveState } from '../lib/live';
import { documentVisibility } from '../lib/poll';
import { onChangeElsewhere } from '../state/broadcast';
import { chatOpen, loadConversations, resetChat } from '../state/chat';
import { startClock } from '../state/clock';
import { activityOpen, resetHistory } from '../state/history';
import { liveState, startSync } from '../state/live';
import { logout, user } from '../state/session';
import { counts, refresh, resetTasks } from '../state/tasks';
import { ActivityPanel } from './Activity';
import { ChatPanel } from './ChatPanel';
import { Filters } from './Filters';
import { NewTaskForm } from './NewTaskForm';
import { TaskList } from './TaskList';
import './dashboard.css';

let shownFor: string | null = null;

const resetAll = () => {
  resetTasks();
  resetChat();
  resetHistory();
};

const LIVE_LABEL: Record<LiveState, string> = {
  up: 'Live',
  connecting: 'Connecting…',
  down: 'Reconnecting…',
  off: 'Paused',
};

/**
 * The list, kept in sync: pushed over the live socket while the tab is
 * visible (polled every 3 s while the socket is down), and at once on every
 * other tab's change.
 */
export function Dashboard() {
  const chatButton = useRef<HTMLButtonElement>(null);
  const activityButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const me = user.value?.id ?? null;
    if (shownFor !== me) {
      resetAll();
      shownFor = me;
    }
    void refresh();
    const visibility = documentVisibility();
    const stopSync = startSync({ visibility });
    const stopClock = startClock(visibility);
    const stopListening = onChangeElsewhere(() => void refresh());
    return () => {
      stopSync();
      stopClock();
      stopListening();
    };
  }, []);

  // "/" jumps to search and "n" to the new-task field, as in most list apps; never while typing somewhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || chatOpen.value) return;
      if ((e.target as Element).closest('input, textarea, select, [contenteditable]')) return;
      const field = document.querySelector<HTMLElement>(`[aria-keyshortcuts="${CSS.escape(e.key)}"]`);
      if (!field) return;
      e.preventDefault();
      field.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (chatOpen.value) void loadConversations();
    else if (document.activeElement === document.body) chatButton.current?.focus();
  }, [chatOpen.value]);

  const c = counts.value;
  return (
    <div class={chatOpen.value ? 'shell with-chat' : 'shell'}>
      <div class="board">
        <header class="topbar">
          <h1>Tasks</h1>
          <span class="who" title={user.value?.email}>
            {user.value?.name || user.value?.email}
          </span>
          <span
            class="live"
            data-state={liveState.value}
            title="Changes from the chat, MCP and other devices show up here as they happen"
          >
            {LIVE_LABEL[liveState.value]}
          </span>
          <button
            ref={activityButton}
            type="button"
            aria-expanded={activityOpen.value}
            aria-controls="activity-panel"
            onClick={() => (activityOpen.value = !activityOpen.value)}
          >
            Activity
          </button>
          <button
            ref={chatButton}
            type="button"
            class="primary"
            aria-expanded={chatOpen.value}
            aria-controls="chat-panel"
            onClick={() => (chatOpen.value = !chatOpen.value)}
          >
            Chat
          </button>
          <button
            type="button"
            onClick={() => {
              logout();
              resetAll();
              shownFor = null;
            }}
          >
            Log out
          </button>
        </header>
        <main class="content">
          {activityOpen.value && (
            <ActivityPanel
              onClose={() => {
                activityButton.current?.focus();
                activityOpen.value = false;
              }}
            />
          )}
          <NewTaskForm />
          <p class="counts">
            <span>{c.open} open</span>
            <span class={c.overdue ? 'count-overdue' : undefined}>{c.overdue} overdue</span>
            <span class={c.today ? 'count-today' : undefined}>{c.today} due today</span>
            <span>{c.done} done</span>
          </p>
          <Filters />
          <TaskList />
        </main>
      </div>
      {chatOpen.value && (
        <ChatPanel
          onClose={() => {
            // Focus moves back before the panel (and the field that had it) goes away, never to <body>.
            chatButton.current?.focus();
            chatOpen.value = false;
          }}
        />
      )}
    </div>
  );
}
