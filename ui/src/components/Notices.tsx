import { dismiss, notices } from '../state/notices';

/** One polite live region for every message: errors, rollbacks, undo. */
export function Notices() {
  return (
    <div class="notices" role="status" aria-live="polite">
      {notices.value.map((n) => (
        <div key={n.id} class={`notice notice-${n.tone}`}>
          <span>{n.text}</span>
          {n.action && (
            <button
              type="button"
              class="link"
              onClick={() => {
                dismiss(n.id);
                n.action!.run();
              }}
            >
              {n.action.label}
            </button>
          )}
          <button type="button" class="icon" aria-label="Dismiss message" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
