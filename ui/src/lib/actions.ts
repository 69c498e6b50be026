/** What one chat tool call did, in words, and the task it touched, for the chat's action links. */

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

const VERB: Record<string, string> = {
  add_task: 'Added',
  update_task: 'Updated',
  get_task: 'Looked up',
  delete_task: 'Deleted',
};

/** What one tool call did, in words, and the task it touched (none once deleted). */
export function describeAction(a: ToolCall): Described {
  const out = a.output as
    | { error?: { message?: string }; id?: string; title?: string; completed?: boolean; task?: { title?: string } }
    | unknown[]
    | null;
  if (out && !Array.isArray(out) && out.error)
    return { text: `${a.tool.replace('_', ' ')} failed: ${out.error.message ?? 'error'}` };
  if (Array.isArray(out)) return { text: `Listed ${out.length} task${out.length === 1 ? '' : 's'}` };
  if (!out) return { text: a.tool };
  if (a.tool === 'delete_task') return { text: `Deleted “${out.task?.title ?? 'a task'}”` };
  const verb = a.tool === 'complete_task' ? (out.completed ? 'Completed' : 'Reopened') : (VERB[a.tool] ?? a.tool);
  return { text: `${verb} “${out.title ?? ''}”`, taskId: out.id };
}
