import type { Intent, IntentType } from '../rules';
import { add } from './add';
import { bulk } from './bulk';
import { complete } from './complete';
import { conversation } from './conversation';
import { remove } from './delete';
import { list } from './list';
import { selected } from './select';
import { show } from './show';
import type { Answer, Handler, Turn } from './turn';
import { undo } from './undo';
import { update } from './update';

/** One handler per intent: the type refuses an intent without one. */
const handlers: { [K in IntentType]: Handler<K> } = {
  ...conversation,
  ...add,
  ...list,
  ...show,
  ...update,
  ...complete,
  ...remove,
  ...bulk,
  ...undo,
  select: (intent, turn) => dispatch(selected(intent, turn.recall.pending()), turn),
};

export async function dispatch(intent: Intent, turn: Turn): Promise<Answer> {
  return run(intent.type, intent, turn);
}

// Typed by the intent's own type, so TypeScript sees that handler and intent belong together.
function run<K extends IntentType>(type: K, intent: Extract<Intent, { type: K }>, turn: Turn) {
  return handlers[type](intent, turn);
}
