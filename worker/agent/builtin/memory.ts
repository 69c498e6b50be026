import { z } from 'zod';
import type { Task } from '../../tasks/types';
import { outputOf, taskOutputOf } from '../../tools';
import type { ToolAction } from '../../tools/tool';
import type { HistoryMessage } from '../types';
import { Intent } from './rules';
import { undoSteps, type UndoStep } from './undo-steps';

const Listed = z.object({ id: z.string(), title: z.string() });
export type Listed = z.infer<typeof Listed>;

/**
 * What the built-in agent stores with each reply: the numbered tasks it
 * showed, a question it asked (the intent waiting for "which one?"), and how
 * to undo the changes it made. Read back through this schema: a part that
 * does not parse (stored by an older version, say) is forgotten, not trusted.
 */
export const Memory = z
  .object({
    listing: z.array(Listed).optional().catch(undefined),
    pending: Intent.optional().catch(undefined),
  })
  .catch({});
export type Memory = z.infer<typeof Memory>;

/** A task a message points at: in full when a tool returned it, else as it was listed, or only its id. */
export type Known = Task | { id: string; title?: string };

/** The latest task a reply's tool calls returned or deleted: what "it" means after that reply. */
function lastTaskOf(actions: readonly ToolAction[]): Task | undefined {
  for (let i = actions.length - 1; i >= 0; i--) {
    const task = taskOutputOf(actions[i]!) ?? outputOf(actions[i]!, 'delete_task')?.task;
    if (task) return task;
  }
  return undefined;
}

/** What earlier turns of the conversation left for this one; each reply's memory is parsed once, when first asked. */
export function recall(history: readonly HistoryMessage[]) {
  const replies = history.filter((m) => m.role === 'assistant').reverse();
  const memories = new Map<HistoryMessage, Memory>();
  const memoryOf = (reply: HistoryMessage): Memory => {
    let memory = memories.get(reply);
    if (!memory) {
      memory = Memory.parse(reply.state);
      memories.set(reply, memory);
    }
    return memory;
  };
  /** The newest reply's value of `pick`, among those that have one. */
  const latest = <T>(pick: (m: Memory) => T | undefined): T | undefined => {
    for (const reply of replies) {
      const value = pick(memoryOf(reply));
      if (value !== undefined) return value;
    }
    return undefined;
  };

  return {
    /** The most recent numbered listing. */
    listing: () => latest((m) => m.listing),

    /** What the latest reply asked the user to choose for. */
    pending: () => (replies[0] ? memoryOf(replies[0]).pending : undefined),

    /** How to undo the latest reply that changed something, so a question asked since does not get in the way. */
    undo(): UndoStep[] {
      for (const reply of replies) {
        const steps = undoSteps(reply.actions ?? []);
        if (steps.length) return steps;
      }
      return [];
    },

    /**
     * The task "it" means: the only task of the latest reply that showed one,
     * or the last task an earlier reply acted on. After a longer list "it" is
     * ambiguous, so nothing is returned and the agent asks.
     */
    touched(): Known | undefined {
      for (const reply of replies) {
        const { listing } = memoryOf(reply);
        if (listing?.length === 1) return listing[0];
        const task = lastTaskOf(reply.actions ?? []);
        if (task) return task;
        if (listing && listing.length > 1) return undefined;
      }
      return undefined;
    },
  };
}
export type Recall = ReturnType<typeof recall>;
