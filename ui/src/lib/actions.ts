import { dueWords } from '../../../worker/lib/due-words';

/** What the chat's tool calls did, in words, and the tasks they touched, for the chat's links. */

export interface ToolCall {
  tool: string;
  input: unknown;
  output: unknown;
}

export interface Described {
  text: string;
  /** The task to link to; none for a deletion, a list or a failure. */
  taskId?: string;
}

/** Who reads the dates: the clock, the browser's zone and language (as the dashboard writes them). */
export interface Reader {
  now: Date;
  timeZone: string;
  locale: string;
}

interface TaskOut {
  id?: string;
  title?: string;
  completed?: boolean;
  due_date?: string | null;
  task?: { id?: string; title?: string };
  /** undo_change: what the reversal did to the task. */
  action?: string;
  error?: { message?: string };
}

/** An undo in words, by what reversing the event did. */
const UNDID: Record<string, string> = {
  created: 'added back',
  restored: 'restored',
  deleted: 'removed',
  reopened: 'reopened',
  completed: 'completed',
  updated: 'put back',
};

const VERB: Record<string, string> = {
  add_task: 'Added',
  update_task: 'Updated',
  get_task: 'Looked up',
  delete_task: 'Deleted',
};

/**
 * A listing in words. The tool may return more than the reply shows (the
 * agent narrows "what's overdue?" down itself), so the chip says how many of
 * them the reply names when it names any, and never claims to have listed more.
 */
function listed(input: unknown, count: number, shown: number | undefined): string {
  const q = (input ?? {}) as { completed?: boolean; priority?: string; query?: string };
  const state = q.completed === true ? 'done ' : q.completed === false ? 'open ' : '';
  const noun = `${state}${q.priority ? `${q.priority}-priority ` : ''}task${count === 1 ? '' : 's'}`;
  const matching = q.query ? ` matching “${q.query}”` : '';
  if (!count) return `Found no ${state}tasks${matching}`;
  if (shown === count) return `Listed ${count} ${noun}${matching}`;
  if (shown) return `Listed ${shown} of ${count} ${noun}${matching}`;
  return `Looked through ${count} ${noun}${matching}`;
}

/**
 * What one tool call did, in words, and the task it touched (none once
 * deleted). `shown`: for a listing, how many of its tasks the reply names.
 */
export function describeAction(a: ToolCall, reader: Reader, shown?: number): Described {
  const out = a.output as TaskOut | unknown[] | null;
  if (out && !Array.isArray(out) && out.error)
    return { text: `${a.tool.replace('_', ' ')} failed: ${out.error.message ?? 'error'}` };
  if (Array.isArray(out)) return { text: listed(a.input, out.length, shown) };
  if (!out) return { text: a.tool };
  if (a.tool === 'delete_task') return { text: `Deleted “${out.task?.title ?? 'a task'}”` };
  if (a.tool === 'undo_change') {
    const text = `Undo: ${UNDID[out.action ?? ''] ?? 'undid a change to'} “${out.task?.title ?? ''}”`;
    return out.action === 'deleted' ? { text } : { text, taskId: out.task?.id };
  }
  const verb = a.tool === 'complete_task' ? (out.completed ? 'Completed' : 'Reopened') : (VERB[a.tool] ?? a.tool);
  const due =
    out.due_date && (a.tool === 'add_task' || a.tool === 'update_task')
      ? ` — due ${dueWords(out.due_date, reader.now, { ...reader, inSentence: true })}`
      : '';
  return { text: `${verb} “${out.title ?? ''}”${due}`, taskId: out.id };
}

/** Part of a reply: plain text, or a task's title that links to the task. */
export type Segment = string | { text: string; taskId: string };

interface Listed {
  id: string;
  title: string;
}

const NUMBERED = /^(\s*\d+[.)]\s+(?:✓\s+)?)(.*)$/;

/** How `rest` starts with the task's title: whole, or cut short with "…" (long titles are); null if not. */
function titleAt(rest: string, title: string): string | null {
  if (rest.startsWith(title) && (rest.length === title.length || rest[title.length] === ' ')) return title;
  const cut = rest.indexOf('…');
  const head = rest.slice(0, cut);
  return cut >= 10 && title.length > head.length && title.startsWith(head) ? `${head}…` : null;
}

/**
 * Finds the numbered lines of a reply ("2. Buy milk — due today") that name
 * a task the message's listings returned, so each can link to its task; and
 * counts, per action, how many of its tasks the reply names.
 */
export function linkReply(content: string, actions: ToolCall[]): { segments: Segment[]; shown: number[] } {
  const lists = actions.map((a) =>
    Array.isArray(a.output) ? (a.output as Partial<Listed>[]).filter((t): t is Listed => !!t?.id && !!t.title) : [],
  );
  const named = lists.map(() => new Set<string>());
  const segments: Segment[] = [];
  content.split('\n').forEach((line, n) => {
    if (n) segments.push('\n');
    const m = NUMBERED.exec(line);
    const found: { text: string; id: string; list: number }[] = [];
    lists.forEach((tasks, list) => {
      for (const t of m ? tasks : []) {
        const text = titleAt(m![2]!, t.title);
        if (text) found.push({ text, id: t.id, list });
      }
    });
    // The longest title wins; among equals, a task not named yet (two tasks may share a title).
    const used = (f: (typeof found)[number]) => (named[f.list]!.has(f.id) ? 1 : 0);
    const best = found.sort((a, b) => b.text.length - a.text.length || used(a) - used(b))[0];
    if (!m || !best) {
      segments.push(line);
      return;
    }
    named[best.list]!.add(best.id);
    segments.push(m[1]!, { text: best.text, taskId: best.id }, m[2]!.slice(best.text.length));
  });
  return { segments, shown: named.map((s) => s.size) };
}
