import type { RefObject } from 'preact';
import type { LiveState } from '../lib/live';
import { chatOpen } from '../state/chat';
import { activityOpen } from '../state/history';
import { liveState } from '../state/live';
import { user } from '../state/session';
import { helpOpen } from './Shortcuts';

const LIVE_LABEL: Record<LiveState, string> = {
  up: 'Live',
  connecting: 'Connecting…',
  down: 'Reconnecting…',
  off: 'Paused',
};

export interface TopBarRefs {
  chat: RefObject<HTMLButtonElement | null>;
  activity: RefObject<HTMLButtonElement | null>;
  help: RefObject<HTMLButtonElement | null>;
}

/** Who is signed in, the live state, and the buttons for Activity, Chat, the shortcuts, tokens and Log out. */
export function TopBar({ refs, onLogout }: { refs: TopBarRefs; onLogout: () => void }) {
  return (
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
        ref={refs.activity}
        type="button"
        aria-expanded={activityOpen.value}
        aria-controls="activity-panel"
        onClick={() => (activityOpen.value = !activityOpen.value)}
      >
        Activity
      </button>
      <button
        ref={refs.chat}
        type="button"
        class="primary"
        aria-expanded={chatOpen.value}
        aria-controls="chat-panel"
        onClick={() => (chatOpen.value = !chatOpen.value)}
      >
        Chat
      </button>
      <button
        ref={refs.help}
        type="button"
        class="icon-button"
        aria-keyshortcuts="?"
        aria-label="Keyboard shortcuts"
        aria-expanded={helpOpen.value}
        aria-controls="shortcuts"
        onClick={() => (helpOpen.value = !helpOpen.value)}
      >
        ?
      </button>
      {/* The page for API tokens and connected MCP clients lives at #/tokens. */}
      <a class="tokens-link" href="#/tokens">
        Tokens &amp; connected apps
      </a>
      <button type="button" onClick={onLogout}>
        Log out
      </button>
    </header>
  );
}
