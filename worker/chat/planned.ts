import type { Progress } from '../agent/types';
import type { Toolbox } from '../tools';
import type { ToolAction } from '../tools/tool';
import type { PlannedAction } from './types';

/**
 * Runs confirmed actions exactly as they were proposed, in order, each
 * through the toolbox like any other tool call (so each is checked, recorded
 * in the change log as the chat's, and can be undone), and says what each did.
 */
export async function runPlanned(toolbox: Toolbox, planned: PlannedAction[], progress?: Progress) {
  const actions: ToolAction[] = [];
  const lines: string[] = [];
  for (const p of planned) {
    const r = await toolbox.call(p.tool, p.input);
    const action: ToolAction = {
      tool: r.tool,
      input: r.input,
      output: r.output,
      ...(r.events ? { events: r.events } : {}),
    };
    actions.push(action);
    progress?.action(action);
    lines.push(r.ok ? `✓ ${p.summary}` : `✗ ${p.summary}: ${r.output.error.message}`);
  }
  const failed = actions.length - lines.filter((l) => l.startsWith('✓')).length;
  const head = failed ? `Done, except ${failed} that could not be:` : 'Done:';
  return { reply: `${head}\n${lines.join('\n')}`, actions };
}
