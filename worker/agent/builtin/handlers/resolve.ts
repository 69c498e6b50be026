import type { Task } from '../../../tasks/types';
import { findTasks } from '../match';
import type { Known } from '../memory';
import { numbered } from '../reply';
import type { TaskIntent } from '../rules';
import { failed, type Answer, type Turn } from './turn';

export type Resolved = { ok: true; task: Known } | { ok: false; answer: Answer };

const refused = (reply: string): Resolved => ({ ok: false, answer: { reply } });

/**
 * The one task `intent` points at, or the answer to give instead: a question
 * when several tasks match, remembering the intent so a bare number answers
 * it. `prefer` breaks ties by state ("complete milk" picks the open one).
 */
export async function resolve(turn: Turn, intent: TaskIntent, prefer?: (t: Task) => boolean): Promise<Resolved> {
  const { ref } = intent;
  switch (ref.kind) {
    case 'id':
      return { ok: true, task: { id: ref.id } };
    case 'it': {
      const task = turn.recall.touched();
      return task ? { ok: true, task } : refused('Which task do you mean? Say its name or its number from a list.');
    }
    case 'number': {
      const listing = turn.recall.listing();
      if (!listing) return refused('I haven’t shown you a numbered list yet — say “list” first.');
      const item = ref.n === -1 ? listing.at(-1) : listing[ref.n - 1];
      if (!item) return refused(`There’s no task ${ref.n} in my last list (it had ${listing.length}).`);
      return { ok: true, task: item };
    }
    case 'text':
      return byTitle(turn, intent, ref.text, prefer);
  }
}

async function byTitle(turn: Turn, intent: TaskIntent, text: string, prefer?: (t: Task) => boolean): Promise<Resolved> {
  const all = await turn.call('list_tasks', { limit: 500 });
  if (!all.ok) return refused(failed(all));
  const found = findTasks(all.output, text, prefer);
  if (found.length === 1) return { ok: true, task: found[0]! };
  if (found.length === 0) return refused(`I couldn’t find a task matching “${text}”. Say “list” to see your tasks.`);
  const listing = found.slice(0, 10);
  return {
    ok: false,
    answer: {
      reply: `Which one do you mean?\n${numbered(listing, turn.clock)}\nSay the number.`,
      memory: { listing: listing.map(({ id, title }) => ({ id, title })), pending: intent },
    },
  };
}
