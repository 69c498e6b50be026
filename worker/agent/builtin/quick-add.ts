import type { ZonedClock } from '../../lib/time-zone';
import { readNewTask } from './rules/add-details';

/**
 * The dashboard's new-task field, read by the built-in agent's own parser
 * (`readNewTask`, the one that reads "add … " in the chat): no second grammar.
 * Pure and free of Worker-only imports, so the UI bundles it. What the parser
 * recognised comes back as kinds the user can dismiss; a dismissed kind is not
 * applied and its words go back into the title ("Meet Friday team" with the
 * date dismissed stays "Meet Friday team").
 */

export type QuickKind = 'due_date' | 'priority' | 'description';
export const QUICK_KINDS: readonly QuickKind[] = ['due_date', 'priority', 'description'];

export interface QuickTask {
  title: string;
  due_date?: string;
  priority?: 'low' | 'medium' | 'high';
  description?: string;
  /** What was recognised and is applied, in QUICK_KINDS order. */
  found: QuickKind[];
}

// The chat reads a quoted title as written ("add \"call mom\" tomorrow"); in the new-task field quotes are
// part of the title (Read "Dune"), so they are hidden from the parser as private-use characters and put back.
const QUOTES = '"“”‘’';
const hide = (s: string) => s.replace(/["“”‘’]/g, (c) => String.fromCharCode(0xe000 + QUOTES.indexOf(c)));
const show = (s: string) => s.replace(/[\ue000-\ue004]/g, (c) => QUOTES[c.charCodeAt(0) - 0xe000]!);

const found = (t: Omit<QuickTask, 'found'>) => QUICK_KINDS.filter((k) => t[k] !== undefined);
const norm = (w: string) => w.toLocaleLowerCase().replace(/[.,;:!?]+$/, '');
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** For each word of `text`, whether the parser kept it in `title` (greedy, in order). */
function keptWords(words: string[], title: string): boolean[] {
  const titleWords = title.split(/\s+/).map(norm);
  let j = 0;
  return words.map((w) => {
    if (j < titleWords.length && norm(w) === titleWords[j]) {
      j++;
      return true;
    }
    return false;
  });
}

/** The kinds a word carries: those whose value changes when the text is read without it. */
function kindsOf(words: string[], i: number, whole: Omit<QuickTask, 'found'>, clock: ZonedClock): QuickKind[] {
  const without = readNewTask(words.filter((_, k) => k !== i).join(' '), clock);
  return found(whole).filter((k) => without?.[k] !== whole[k]);
}

/** Reads `text`; null when there is nothing to add. `dismissed` kinds are left in the title, not applied. */
export function quickAdd(
  text: string,
  clock: ZonedClock,
  dismissed: ReadonlySet<QuickKind> = new Set(),
): QuickTask | null {
  const task = readHidden(hide(text.trim()), clock, dismissed);
  if (!task) return null;
  const out: QuickTask = { ...task, title: show(task.title) };
  if (task.description !== undefined) out.description = show(task.description);
  return out;
}

function readHidden(trimmed: string, clock: ZonedClock, dismissed: ReadonlySet<QuickKind>): QuickTask | null {
  if (!trimmed) return null;
  const read = readNewTask(trimmed, clock);
  // Nothing but a date or a priority ("tomorrow"): that is the title, as typed.
  if (!read) return { title: trimmed, found: [] };
  const applied = { ...read };
  if (!found(read).some((k) => dismissed.has(k))) return { ...applied, found: found(read) };

  const words = trimmed.split(/\s+/);
  const kept = keptWords(words, read.title);
  const back = words.map((_, i) => !kept[i] && kindsOf(words, i, read, clock).some((k) => dismissed.has(k)));
  // Filler between two words that go back ("tomorrow at 5pm") goes back with them.
  const restore = (i: number) =>
    back[i] || (!kept[i] && back.slice(0, i).includes(true) && back.slice(i + 1).includes(true));
  for (const k of dismissed) delete applied[k];
  const title = capitalise(words.filter((_, i) => kept[i] || restore(i)).join(' '));
  return { ...applied, title, found: found(applied) };
}
