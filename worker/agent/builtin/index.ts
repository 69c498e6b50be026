import type { Task } from '../../tasks/types';
import type { ToolAction } from '../../tools/tool';
import type { ToolResult } from '../../tools';
import type { Agent, AgentInput, AgentResult, HistoryMessage } from '../types';
import { addDays, describeDue, fromLocal, toLocal, today, type ZonedClock } from '../../lib/time-zone';
import { findTasks } from './match';
import { parse, type DueFilter, type Intent, type Ref, type TaskIntent } from './parse';
import { details, HELP, numbered, quote } from './reply';
import { deletedTask, isTask, undoSteps, type UndoStep } from './undo';

/**
 * What the built-in agent remembers with each reply: the numbered tasks it
 * showed, a question it asked, and how to undo the changes it made.
 */
interface Memory {
  listing?: { id: string; title: string }[];
  pending?: TaskIntent;
  undo?: UndoStep[];
}

type Known = { id: string; title?: string; completed?: boolean };
type Resolved = { ok: true; task: Known } | { ok: false; reply: string; state?: Memory };

const memoryOf = (m: HistoryMessage): Memory => (m.state && typeof m.state === 'object' ? (m.state as Memory) : {});

/** The most recent numbered listing in the conversation. */
function lastListing(history: HistoryMessage[]) {
  for (let i = history.length - 1; i >= 0; i--) {
    const listing = history[i]!.role === 'assistant' ? memoryOf(history[i]!).listing : undefined;
    if (listing) return listing;
  }
  return undefined;
}

/**
 * The task "it" means: the only task of the latest reply that showed one,
 * or the last task an earlier reply acted on. After a longer list "it" is
 * ambiguous, so nothing is returned and the agent asks.
 */
function lastTouched(history: HistoryMessage[]): Known | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const message = history[i]!;
    if (message.role !== 'assistant') continue;
    const listing = memoryOf(message).listing;
    if (listing?.length === 1) return listing[0];
    const actions: ToolAction[] = message.actions ?? [];
    for (let j = actions.length - 1; j >= 0; j--) {
      const out = actions[j]!.output as unknown;
      const task = isTask(out) ? out : deletedTask(out);
      if (task) return task;
    }
    if (listing && listing.length > 1) return undefined;
  }
  return undefined;
}

const errorOf = (result: ToolResult) => (result.output as { error?: { code?: string; message?: string } }).error;

function errorText(result: ToolResult): string {
  const err = errorOf(result);
  if (err?.code === 'not_found') return 'That task no longer exists.';
  return `I couldn’t do that: ${err?.message ?? 'something went wrong'}.`;
}

function dueRange(filter: DueFilter, clock: ZonedClock): [number, number] {
  const start = (d: ReturnType<typeof today>) => fromLocal({ ...d, hour: 0, minute: 0 }, clock.timeZone).getTime();
  const t = today(clock);
  if (typeof filter === 'object') {
    const day = toLocal(new Date(filter.on), clock.timeZone);
    return [start(day), start(addDays(day, 1))];
  }
  switch (filter) {
    case 'overdue':
      return [-Infinity, clock.now.getTime()];
    case 'today':
      return [start(t), start(addDays(t, 1))];
    case 'tomorrow':
      return [start(addDays(t, 1)), start(addDays(t, 2))];
    case 'week':
      return [start(t), start(addDays(t, 7))];
  }
}

function listLabel(intent: Extract<Intent, { type: 'list' }>, clock: ZonedClock): { some: string; none: string } {
  const state = intent.completed === true ? 'completed ' : intent.completed === false ? 'pending ' : '';
  const prio = intent.priority ? `${intent.priority}-priority ` : '';
  const matching = intent.query ? ` matching “${intent.query}”` : '';
  const due = { overdue: ' that are overdue', today: ' due today', tomorrow: ' due tomorrow', week: ' due in the next 7 days' };
  const when = !intent.due ? '' : typeof intent.due === 'object' ? ` due ${describeDue(intent.due.on, clock).replace(/ at .*/, '')}` : due[intent.due];
  const noun = `${state}${prio}tasks${matching}${when}`;
  return {
    some: `Your ${noun}`,
    none: noun === 'tasks' ? 'You have no tasks yet. Try “add buy milk tomorrow”.' : `You have no ${noun}.`,
  };
}

/** One message clears or completes at most this many tasks, so a turn stays short. */
const AT_ONCE_AT_MOST = 100;

export function createBuiltinAgent(): Agent {
  return {
    kind: 'builtin',
    async run({ message, history, toolbox, clock }: AgentInput): Promise<AgentResult> {
      const actions: ToolResult[] = [];
      const call = async (tool: string, input: Record<string, unknown>) => {
        const result = await toolbox.call(tool, input);
        actions.push(result);
        return result;
      };
      const done = (reply: string, state?: Memory): AgentResult => {
        const taken = actions.map(({ tool, input, output }) => ({ tool, input, output }));
        const undo = undoSteps(taken);
        const memory = undo.length ? { ...state, undo } : state;
        return { reply, actions: taken, ...(memory ? { state: memory } : {}) };
      };

      const previous = [...history].reverse().find((m) => m.role === 'assistant');
      let intent = parse(message, clock);
      if (intent.type === 'select') {
        // A bare number answers the question asked last, or else opens that task from the last list.
        const pending = previous ? memoryOf(previous).pending : undefined;
        intent = pending ? { ...pending, ref: { kind: 'number', n: intent.n } } : { type: 'show', ref: { kind: 'number', n: intent.n } };
      }

      async function resolve(ref: Ref, intent: TaskIntent, prefer?: (t: Task) => boolean): Promise<Resolved> {
        switch (ref.kind) {
          case 'id':
            return { ok: true, task: { id: ref.id } };
          case 'it': {
            const task = lastTouched(history);
            return task ? { ok: true, task } : { ok: false, reply: 'Which task do you mean? Say its name or its number from a list.' };
          }
          case 'number': {
            const listing = lastListing(history);
            if (!listing) return { ok: false, reply: 'I haven’t shown you a numbered list yet — say “list” first.' };
            const item = ref.n === -1 ? listing.at(-1) : listing[ref.n - 1];
            if (!item) return { ok: false, reply: `There’s no task ${ref.n} in my last list (it had ${listing.length}).` };
            return { ok: true, task: item };
          }
          case 'text': {
            const all = await call('list_tasks', { limit: 500 });
            if (!all.ok) return { ok: false, reply: errorText(all) };
            const found = findTasks(all.output as Task[], ref.text, prefer);
            if (found.length === 1) return { ok: true, task: found[0]! };
            if (found.length === 0) return { ok: false, reply: `I couldn’t find a task matching “${ref.text}”. Say “list” to see your tasks.` };
            const listing = found.slice(0, 10);
            return {
              ok: false,
              reply: `Which one do you mean?\n${numbered(listing, clock)}\nSay the number.`,
              state: { listing: listing.map(({ id, title }) => ({ id, title })), pending: intent },
            };
          }
        }
      }

      /**
       * Runs `tool` on each task of one list (completed or open, at most
       * AT_ONCE_AT_MOST); the tasks it succeeded on, and whether more may remain.
       */
      async function forEachListed(
        completed: boolean,
        tool: string,
        input: (t: Task) => Record<string, unknown>,
      ): Promise<{ error: string } | { tasks: Task[]; changed: Task[]; more: boolean }> {
        const listed = await call('list_tasks', { completed, limit: AT_ONCE_AT_MOST });
        if (!listed.ok) return { error: errorText(listed) };
        const tasks = listed.output as Task[];
        const changed: Task[] = [];
        for (const task of tasks) if ((await call(tool, input(task))).ok) changed.push(task);
        return { tasks, changed, more: tasks.length === AT_ONCE_AT_MOST };
      }

      /** Takes one change back, unless the task has changed since; says what happened. */
      async function undo(step: UndoStep): Promise<string> {
        const { task } = step;
        if (step.kind === 'restore') {
          const { title, description, priority, due_date } = task;
          const added = await call('add_task', { title, description, priority, due_date });
          if (!added.ok) return `couldn’t restore ${quote(task)}`;
          if (task.completed) await call('complete_task', { task_id: (added.output as Task).id, completed: true });
          return `restored ${quote(task)}`;
        }
        // Every write is conditional on the task being as the change left it, so nothing made since is overwritten.
        const unchanged = { task_id: task.id, if_updated_at: task.updated_at };
        const missed = (r: ToolResult, failed: string) => {
          const code = errorOf(r)?.code;
          if (code === 'precondition_failed') return `left ${quote(task)} alone: it has changed since`;
          if (code === 'not_found') return `${quote(task)} is already gone`;
          return failed;
        };
        switch (step.kind) {
          case 'remove': {
            const r = await call('delete_task', unchanged);
            return r.ok ? `removed ${quote(task)}` : missed(r, `couldn’t remove ${quote(task)}`);
          }
          case 'complete': {
            const r = await call('complete_task', { ...unchanged, completed: step.completed });
            if (!r.ok) return missed(r, `couldn’t change ${quote(task)}`);
            return step.completed ? `marked ${quote(task)} as done again` : `reopened ${quote(task)}`;
          }
          case 'revert': {
            const r = await call('update_task', { ...unchanged, ...step.before });
            if (!r.ok) return missed(r, `couldn’t change ${quote(task)} back`);
            const fields = Object.keys(step.before).map((f) => f.replace('_', ' ')).join(' and ');
            return `put back the ${fields} of ${quote(r.output as Task)}`;
          }
        }
      }

      switch (intent.type) {
        case 'help':
          return done(HELP);
        case 'greet':
          return done(`Hi! ${HELP}`);
        case 'thanks':
          return done('You’re welcome!');
        case 'unknown':
          return done(
            intent.reason === 'no_title'
              ? 'What should the task be called? For example: “add buy milk tomorrow”.'
              : intent.reason === 'delete_all'
                ? 'I don’t delete everything at once, so nothing was deleted. I can delete tasks one by one (“delete buy milk”), or every completed one (“clear completed”).'
                : `Sorry, I didn’t understand that. ${HELP}`,
          );

        case 'add': {
          const { type: _, ...input } = intent;
          const r = await call('add_task', input);
          if (!r.ok) return done(errorText(r));
          const task = r.output as Task;
          const extra = details(task, clock);
          return done(`Added ${quote(task)}${extra ? ` — ${extra}` : ''}.`);
        }

        case 'list': {
          const dueFilter = intent.due;
          const r = await call('list_tasks', {
            ...(intent.completed !== undefined ? { completed: intent.completed } : dueFilter ? { completed: false } : {}),
            ...(intent.priority ? { priority: intent.priority } : {}),
            ...(intent.query ? { query: intent.query } : {}),
            ...(dueFilter ? { sort: 'due_date' } : {}),
            limit: 500,
          });
          if (!r.ok) return done(errorText(r));
          let tasks = r.output as Task[];
          if (dueFilter) {
            const [from, to] = dueRange(dueFilter, clock);
            tasks = tasks.filter((t) => t.due_date && Date.parse(t.due_date) >= from && Date.parse(t.due_date) < to);
          }
          const label = listLabel(intent, clock);
          if (!tasks.length) return done(label.none, { listing: [] });
          const doneCount = tasks.filter((t) => t.completed).length;
          const summary = intent.completed === undefined && doneCount ? `, ${doneCount} done` : '';
          return done(`${label.some} (${tasks.length}${summary}):\n${numbered(tasks, clock)}`, {
            listing: tasks.slice(0, 30).map(({ id, title }) => ({ id, title })),
          });
        }

        case 'show': {
          const target = await resolve(intent.ref, intent);
          if (!target.ok) return done(target.reply, target.state);
          const r = await call('get_task', { task_id: target.task.id });
          if (!r.ok) return done(errorText(r));
          const task = r.output as Task;
          const extra = details(task, clock);
          const notes = task.description ? `\nNotes: ${task.description}` : '';
          return done(`${quote(task)} — ${task.completed ? 'done' : 'not done yet'}${extra ? `, ${extra}` : ''}.${notes}`);
        }

        case 'complete': {
          const target = await resolve(intent.ref, intent, (t) => t.completed !== intent.completed);
          if (!target.ok) return done(target.reply, target.state);
          const known = target.task;
          if (known.completed === intent.completed && known.title) {
            return done(`${quote({ title: known.title })} is already ${intent.completed ? 'done' : 'open'} — nothing changed.`);
          }
          const r = await call('complete_task', { task_id: known.id, completed: intent.completed });
          if (!r.ok) return done(errorText(r));
          const task = r.output as Task;
          return done(intent.completed ? `Marked ${quote(task)} as done.` : `Reopened ${quote(task)}.`);
        }

        case 'delete': {
          const target = await resolve(intent.ref, intent);
          if (!target.ok) return done(target.reply, target.state);
          const r = await call('delete_task', { task_id: target.task.id });
          if (!r.ok) return done(errorText(r));
          return done(`Deleted ${quote((r.output as { task: Task }).task)}.`);
        }

        case 'undo': {
          // The latest reply that changed something, so a question asked in between does not get in the way.
          const changed = [...history].reverse().find((m) => m.role === 'assistant' && memoryOf(m).undo?.length);
          const steps = changed ? memoryOf(changed).undo! : [];
          if (!steps.length) return done('There’s nothing for me to undo: I can take back my own last change in this conversation.');
          const said: string[] = [];
          for (const step of [...steps].reverse()) said.push(await undo(step));
          const text = said.join('; ');
          return done(`${text.charAt(0).toUpperCase()}${text.slice(1)}.`);
        }

        case 'complete_all': {
          const r = await forEachListed(false, 'complete_task', (t) => ({ task_id: t.id, completed: true }));
          if ('error' in r) return done(r.error);
          if (!r.tasks.length) return done('Everything is already done — nothing changed.', { listing: [] });
          const n = r.changed.length;
          const rest = r.more ? ' There may be more: say it again for the rest.' : '';
          return done(`Marked ${n} ${n === 1 ? 'task' : 'tasks'} as done. Say “undo” to take that back.${rest}`, { listing: [] });
        }

        case 'clear_completed': {
          const r = await forEachListed(true, 'delete_task', (t) => ({ task_id: t.id }));
          if ('error' in r) return done(r.error);
          if (!r.tasks.length) return done('You have no completed tasks — nothing to clear.', { listing: [] });
          const deleted = r.changed;
          const names = deleted.slice(0, 5).map((t) => quote(t)).join(', ');
          const more = deleted.length > 5 ? ` and ${deleted.length - 5} more` : '';
          const rest = r.more ? ' There may be more: say it again to clear the rest.' : '';
          return done(`Deleted ${deleted.length} completed ${deleted.length === 1 ? 'task' : 'tasks'}: ${names}${more}.${rest}`, { listing: [] });
        }

        case 'update': {
          const target = await resolve(intent.ref, intent);
          if (!target.ok) return done(target.reply, target.state);
          if (!isTask(target.task)) {
            // Read it first, so the reply records what the change replaced and "undo" can put it back.
            const before = await call('get_task', { task_id: target.task.id });
            if (!before.ok) return done(errorText(before));
          }
          const r = await call('update_task', { task_id: target.task.id, ...intent.changes });
          if (!r.ok) return done(errorText(r));
          const task = r.output as Task;
          const c = intent.changes;
          const said: string[] = [];
          if (c.title !== undefined) {
            said.push(target.task.title ? `Renamed ${quote({ title: target.task.title })} to ${quote(task)}.` : `Renamed it to ${quote(task)}.`);
          }
          if (c.priority) said.push(`${quote(task)} is now ${task.priority} priority.`);
          if (c.due_date === null) said.push(`Cleared the due date of ${quote(task)}.`);
          else if (c.due_date) said.push(`${quote(task)} is now ${details({ ...task, priority: 'medium' }, clock)}.`);
          if (c.description === null) said.push(`Cleared the notes on ${quote(task)}.`);
          else if (c.description) said.push(`Updated the notes on ${quote(task)}.`);
          return done(said.join(' '));
        }
      }
    },
  };
}
