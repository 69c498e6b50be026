/** The change log in words: what happened to a task, from where, and when. */

export type Action = 'created' | 'updated' | 'completed' | 'reopened' | 'deleted' | 'restored';
export type Source = 'dashboard' | 'chat' | 'mcp' | 'api';
type Field = 'title' | 'description' | 'priority' | 'due_date' | 'completed';

export interface ActivityEvent {
  action: Action;
  source: Source;
  changes: Partial<Record<Field, { from: unknown; to: unknown }>>;
  task: { title: string };
  at: string;
}

/** Where a change came from, as the end of a sentence. */
export const SOURCE_PHRASE: Record<Source, string> = {
  dashboard: 'on the dashboard',
  chat: 'from the chat',
  mcp: 'via MCP',
  api: 'via the API',
};

const VERB: Record<Action, string> = {
  created: 'Created',
  updated: 'Changed',
  completed: 'Completed',
  reopened: 'Reopened',
  deleted: 'Deleted',
  restored: 'Restored',
};

const FIELD: Record<Exclude<Field, 'completed'>, string> = {
  title: 'title',
  description: 'description',
  priority: 'priority',
  due_date: 'due date',
};

const joinWords = (words: string[]) =>
  words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * What an event did, without where or when: "Completed", "Title changed",
 * "Priority changed to high", "Title and due date changed", "Due date removed".
 */
export function describeChange(e: Pick<ActivityEvent, 'action' | 'changes'>): string {
  // A creation lists every field it set, a delete or restore none: the verb says it all.
  if (e.action === 'created' || e.action === 'deleted' || e.action === 'restored') return VERB[e.action];
  const fields = (Object.keys(e.changes) as Field[]).filter(
    (f) => f !== 'completed' && f in FIELD,
  ) as (keyof typeof FIELD)[];
  if (e.action !== 'updated') {
    // A completion that changed other fields too (one PATCH) says both.
    return fields.length ? `${VERB[e.action]}, ${joinWords(fields.map((f) => FIELD[f]))} changed` : VERB[e.action];
  }
  if (fields.length === 1) {
    const [f] = fields as [keyof typeof FIELD];
    const to = e.changes[f]?.to;
    if (f === 'priority' && typeof to === 'string') return `Priority changed to ${to}`;
    if (f === 'due_date')
      return to === null ? 'Due date removed' : e.changes[f]?.from === null ? 'Due date set' : 'Due date changed';
    if (f === 'description' && to === null) return 'Description removed';
  }
  return fields.length ? `${capital(joinWords(fields.map((f) => FIELD[f])))} changed` : VERB.updated;
}

/** "Completed from the chat", "Title changed via MCP", "Created on the dashboard". */
export const describeEvent = (e: Pick<ActivityEvent, 'action' | 'changes' | 'source'>) =>
  `${describeChange(e)} ${SOURCE_PHRASE[e.source]}`;

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/**
 * How long ago `at` was, seen from `now`, in the reader's language: "now",
 * "2 minutes ago", "yesterday", "3 weeks ago". Under a minute is "now" (the
 * clock that feeds `now` ticks once a minute), and so is a moment after `now`:
 * the server stamps events, and its clock may run a little ahead of this one.
 */
export function relativeTime(at: string | Date, now: Date, locale?: string | string[]): string {
  const seconds = Math.min(0, (new Date(at).getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** The moment in full, for a tooltip: "Nov 29, 2026, 12:47 PM" in the reader's language and zone. */
export const fullTime = (at: string | Date, locale?: string | string[]) =>
  new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
