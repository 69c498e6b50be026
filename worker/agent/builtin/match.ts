import type { Task } from '../../tasks/types';
import { fold } from '../../lib/text';

/**
 * Finds the tasks a few words refer to, forgiving case, punctuation, word
 * order, prefixes ("groc" for "groceries") and small typos ("by milk").
 */
const STOP = new Set(['the', 'a', 'an', 'my', 'task', 'todo', 'to', 'for', 'of', 'on', 'in', 'and', 'item', 'one']);

export const words = (s: string) =>
  fold(s)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w && !STOP.has(w));

function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

function wordScore(q: string, titleWords: string[]): number {
  let best = 0;
  for (const w of titleWords) {
    if (w === q) return 1;
    if (q.length >= 3 && (w.startsWith(q) || q.startsWith(w))) best = Math.max(best, 0.9);
    else if (q.length >= 4 && distance(q, w, 1) <= 1) best = Math.max(best, 0.8);
    else if (q.length >= 7 && distance(q, w, 2) <= 2) best = Math.max(best, 0.6);
  }
  return best;
}

/** 2 for the exact title, else the mean word score over the query's words (0..1). */
export function score(task: Task, query: string): number {
  const q = words(query);
  if (!q.length) return 0;
  const t = words(task.title);
  if (q.join(' ') === t.join(' ')) return 2;
  const inDescription = task.description ? words(task.description) : [];
  const total = q.reduce((sum, w) => sum + Math.max(wordScore(w, t), 0.7 * wordScore(w, inDescription)), 0);
  return total / q.length;
}

const THRESHOLD = 0.75;

/**
 * The tasks that best match `query`: one when the reference is clear, several
 * when it is ambiguous, none when nothing is close. `prefer` breaks ties by
 * state, so "complete milk" picks the pending "Buy milk" over a done one.
 */
export function findTasks(tasks: Task[], query: string, prefer?: (t: Task) => boolean): Task[] {
  const scored = tasks.map((task) => ({ task, s: score(task, query) })).filter((x) => x.s >= THRESHOLD);
  if (!scored.length) return [];
  const top = Math.max(...scored.map((x) => x.s));
  let best = scored.filter((x) => x.s >= top - 1e-9).map((x) => x.task);
  if (prefer && best.length > 1) {
    const preferred = best.filter(prefer);
    if (preferred.length) best = preferred;
  }
  return best;
}
