import type { z } from 'zod';
import { addTask } from './add-task';
import { completeTask } from './complete-task';
import { deleteTask } from './delete-task';
import { getTask } from './get-task';
import { listTasks } from './list-tasks';
import type { Tool } from './tool';
import { undoChange } from './undo-change';
import { updateTask } from './update-task';

/** Every agent tool, in the order models and MCP clients see them. */
export const TOOLS = [addTask, listTasks, getTask, updateTask, completeTask, deleteTask, undoChange] as const;

export type AnyTool = (typeof TOOLS)[number];
export type ToolName = AnyTool['name'];
type Named<N extends ToolName> = Extract<AnyTool, { name: N }>;
/** What a caller may pass to the tool `N`, before validation. */
export type ToolInput<N extends ToolName> = z.input<Named<N>['input']>;
/** The tool `N`'s input once validated: what it ran with. */
export type ToolParsedInput<N extends ToolName> = z.output<Named<N>['input']>;
/** What the tool `N` answers with on success. */
export type ToolOutput<N extends ToolName> = z.output<Named<N>['output']>;

/**
 * The tools by name, typed as a map so that a lookup with a name of type `N`
 * yields a schema of `ToolOutput<N>` rather than a union of every tool's
 * (TypeScript keeps the name and the output correlated through mapped types).
 */
type ByName = { [N in ToolName]: Tool<Named<N>['input'], z.ZodType<ToolOutput<N>>, N> };
const BY_NAME: ByName = {
  add_task: addTask,
  list_tasks: listTasks,
  get_task: getTask,
  update_task: updateTask,
  complete_task: completeTask,
  delete_task: deleteTask,
  undo_change: undoChange,
};

export const isToolName = (name: string): name is ToolName => Object.hasOwn(BY_NAME, name);

export const toolNamed = <N extends ToolName>(name: N) => BY_NAME[name];
