import { useEffect, useRef } from 'preact/hooks';
import { documentVisibility } from '../lib/poll';
import { onChangeElsewhere } from '../state/broadcast';
import { chatOpen, loadConversations, resetChat } from '../state/chat';
import { startClock } from '../state/clock';
import { activityOpen, resetHistory } from '../state/history';
import { startSync } from '../state/live';
import { logout, user } from '../state/session';
import { menuFor } from '../state/editing';
import { resetSections } from '../state/sections';
import { counts, loadState, refresh, resetTasks } from '../state/tasks';
import { ActivityPanel } from './Activity';
import { ChatPanel } from './ChatPanel';
import { Counts } from './Counts';
import { Filters } from './Filters';
import { NewTaskForm } from './NewTaskForm';
import { helpOpen, Shortcuts } from './Shortcuts';
import { TaskList } from './TaskList';
import { TopBar } from './TopBar';
import './dashboard.css';

let shownFor: string | null = null;

const resetAll = () => {
  resetTasks();
  resetChat();
  resetHistory();
  resetSections();
};

/** Escape closes an open row menu (focus back on its button) or the shortcuts (focus back on "?"). */
function closeOverlays() {
  const menu = menuFor.value;
  if (menu) {
    menuFor.value = null;
    document.querySelector<HTMLElement>(`#task-${CSS.escape(menu)} .more`)?.focus();
  } else if (helpOpen.value) {
    helpOpen.value = false;
    document.querySelector<HTMLElement>('[aria-keyshortcuts="?"]')?.focus();
  }
}

function useShortcuts() {
  // "/" jumps to search, "n" to the new-task field and "?" opens the shortcuts, as in most list apps;
  // never while typing somewhere. Each is declared on its control with aria-keyshortcuts.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) return closeOverlays();
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || chatOpen.value) return;
      if ((e.target as Element).closest('input:not([type="checkbox"]), textarea, select, [contenteditable]')) return;
      const control = document.querySelector<HTMLElement>(`[aria-keyshortcuts="${CSS.escape(e.key)}"]`);
      if (!control) return;
      e.preventDefault();
      if (control instanceof HTMLButtonElement) control.click();
      else control.focus();
    };
    // A click anywhere but the open row menu closes it.
    const onClick = (e: MouseEvent) => {
      if (menuFor.value && !(e.target as Element).closest?.('.task-actions')) menuFor.value = null;
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, []);
}

function useAttentionTitle() {
  // The tab says what needs attention: "(3) Tasks" with 3 overdue or due today.
  const attention = loadState.value === 'ready' ? counts.value.overdue + counts.value.today : 0;
  useEffect(() => {
    document.title = attention ? `(${attention}) Tasks` : 'Tasks';
    return () => {
      document.title = 'Tasks';
    };
  }, [attention]);
}

/**
 * The list, kept in sync: pushed over the live socket while the tab is
 * visible (polled every 3 s while the socket is down), and at once on every
 * other tab's change.
 */
export function Dashboard() {
  const chatButton = useRef<HTMLButtonElement>(null);
  const activityButton = useRef<HTMLButtonElement>(null);
  const helpButton = useRef<HTMLButtonElement>(null);

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

  useShortcuts();
  useAttentionTitle();

  useEffect(() => {
    if (chatOpen.value) void loadConversations();
    else if (document.activeElement === document.body) chatButton.current?.focus();
  }, [chatOpen.value]);

  return (
    <div class={chatOpen.value ? 'shell with-chat' : 'shell'}>
      <a class="skip" href="#task-list">
        Skip to the list
      </a>
      <div class="board">
        <TopBar
          refs={{ chat: chatButton, activity: activityButton, help: helpButton }}
          onLogout={() => {
            logout();
            resetAll();
            shownFor = null;
          }}
        />
        <main class="content">
          {activityOpen.value && (
            <ActivityPanel
              onClose={() => {
                activityButton.current?.focus();
                activityOpen.value = false;
              }}
            />
          )}
          {helpOpen.value && (
            <Shortcuts
              onClose={() => {
                helpButton.current?.focus();
                helpOpen.value = false;
              }}
            />
          )}
          <NewTaskForm />
          <Counts />
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
