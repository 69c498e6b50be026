import type { Task } from '../../tasks/types';
import { fold } from '../../lib/text';
import { baseForm } from './rules/lexicon';

/**
 * Finds the tasks a few words refer to, forgiving case, punctuation, word
 * order, prefixes ("groc" for "groceries") and small typos ("by milk", "dentsit": a swap of two letters is one typo).
 */
const STOP = new Set(['the', 'a', 'an', 'my', 'task', 'todo', 'to', 'for', 'of', 'on', 'in', 'and', 'item', 'one']);

export const words = (s: string) =>
  fold(s)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w && !STOP.has(w));

/**
 * The Damerau-Levenshtein distance (optimal string alignment) between `a` and
 * `b`, or `max + 1` once it is certainly over `max`: a swap of two neighbouring
 * letters ("dentsit", "compelte") costs one edit, as it does for the typist.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
      if (swapped) cur[j] = Math.min(cur[j]!, before[j - 2]! + 1);
    }
    before = prev;
    prev = cur;
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** How many typos a word of this length may carry and still be recognised: none up to 3 letters, one up to 7, two beyond. */
export const typosAllowed = (word: string) => (word.length <= 3 ? 0 : word.length <= 7 ? 1 : 2);

/** "called" finds "Call", "paid" finds "Pay", "groceries" finds "grocery". */
const stem = (w: string) => {
  const base = baseForm(w);
  return base !== w ? base : w.length >= 5 ? w.replace(/(?:ing|ies|es|s)$/, '') : w;
};

function wordScore(q: string, titleWords: string[]): number {
  let best = 0;
  const allowed = typosAllowed(q);
  for (const w of titleWords) {
    if (w === q) return 1;
    if (stem(w) === stem(q)) best = Math.max(best, 0.9);
    if (q.length >= 3 && (w.startsWith(q) || q.startsWith(w))) best = Math.max(best, 0.9);
    else if (allowed) {
      const d = editDistance(q, w, allowed);
      if (d <= allowed) best = Math.max(best, d === 1 ? 0.8 : 0.76);
    }
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
