import type { Task } from '../../../tasks/types';
import { details, numbered, quote } from '../reply';
import { failed, type Handlers } from './turn';

/** One message adds at most this many tasks: a pasted page is not a to-do list. */
const AT_ONCE_AT_MOST = 20;

export const add: Handlers<'add' | 'add_many'> = {
  async add({ type: _, ...input }, { call, clock }) {
    const r = await call('add_task', input);
    if (!r.ok) return { reply: failed(r) };
    const extra = details(r.output, clock);
    return { reply: `Added ${quote(r.output)}${extra ? ` — ${extra}` : ''}.` };
  },

  // New tasks change nothing that exists, so they are added at once (and "undo" removes them all).
  async add_many({ tasks }, { call, clock }) {
    const added: Task[] = [];
    const problems: string[] = [];
    for (const input of tasks.slice(0, AT_ONCE_AT_MOST)) {
      const r = await call('add_task', input);
      if (r.ok) added.push(r.output);
      else problems.push(`Couldn’t add ${quote(input)}: ${r.output.error.message}.`);
    }
    if (tasks.length > AT_ONCE_AT_MOST) {
      problems.push(
        `I add at most ${AT_ONCE_AT_MOST} tasks per message; the other ${tasks.length - AT_ONCE_AT_MOST} were not added.`,
      );
    }
    const head = added.length
      ? `Added ${added.length} ${added.length === 1 ? 'task' : 'tasks'}:\n${numbered(added, clock)}`
      : 'I added nothing.';
    return {
      reply: [head, ...problems].join('\n'),
      memory: { listing: added.map(({ id, title }) => ({ id, title })) },
    };
  },
};
