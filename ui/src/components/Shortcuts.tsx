import { signal } from '@preact/signals';

export const helpOpen = signal(false);

const KEYS: [string, string][] = [
  ['n', 'New task'],
  ['/', 'Search'],
  ['↑ ↓', 'Previous or next task'],
  ['Enter', 'Open the task (in its title), save (in the editor)'],
  ['Esc', 'Cancel the edit, close a menu, the chat or this list'],
  ['?', 'Show or hide these shortcuts'],
];

/** The keyboard shortcuts, opened by its button or "?". */
export function Shortcuts({ onClose }: { onClose: () => void }) {
  return (
    <section
      id="shortcuts"
      class="shortcuts card"
      aria-labelledby="shortcuts-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header class="panel-head">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" class="icon" aria-label="Close shortcuts" onClick={onClose}>
          ×
        </button>
      </header>
      <dl>
        {KEYS.map(([k, what]) => (
          <div key={k}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
