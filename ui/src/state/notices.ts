import { signal } from '@preact/signals';

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void };
}

export const notices = signal<Notice[]>([]);
let next = 1;

/** Shows a message in the live region for a while (errors longer); returns its id. */
export function notify(
  text: string,
  tone: Notice['tone'] = 'info',
  action?: Notice['action'],
  ms = tone === 'error' ? 8000 : 5000,
) {
  const id = next++;
  notices.value = [...notices.value.slice(-2), { id, text, tone, action }];
  setTimeout(() => dismiss(id), ms);
  return id;
}

export function dismiss(id: number) {
  notices.value = notices.value.filter((n) => n.id !== id);
}
