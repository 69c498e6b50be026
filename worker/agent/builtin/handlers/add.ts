import { details, quote } from '../reply';
import { failed, type Handlers } from './turn';

export const add: Handlers<'add'> = {
  async add({ type: _, ...input }, { call, clock }) {
    const r = await call('add_task', input);
    if (!r.ok) return { reply: failed(r) };
    const extra = details(r.output, clock);
    return { reply: `Added ${quote(r.output)}${extra ? ` — ${extra}` : ''}.` };
  },
};
