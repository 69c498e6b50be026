import { z } from 'zod';
import { isTimeZone } from '../lib/time-zone';
import { text } from '../lib/text';

/**
 * One chat request: a message, or the user's answer to actions an agent
 * proposed (`confirm` or `cancel` with the pending set's id, in its conversation).
 */
export const ChatSchema = z
  .object({
    message: text(1, 2000).optional(),
    conversation_id: z.string().max(100).optional(),
    confirm: z.string().max(100).optional(),
    cancel: z.string().max(100).optional(),
    timezone: z.string().max(64).refine(isTimeZone, 'Must be an IANA time zone such as Europe/Berlin').optional(),
  })
  .superRefine((input, ctx) => {
    const given = (['message', 'confirm', 'cancel'] as const).filter((k) => input[k] !== undefined);
    if (given.length === 0) ctx.addIssue({ code: 'custom', path: ['message'], message: 'Required' });
    if (given.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [given[1]!],
        message: `Give one of message, confirm or cancel, not ${given.join(' and ')}`,
      });
    }
    for (const k of ['confirm', 'cancel'] as const) {
      if (input[k] !== undefined && input.conversation_id === undefined) {
        ctx.addIssue({ code: 'custom', path: ['conversation_id'], message: `Required with ${k}` });
      }
    }
  });
export type ChatInput = z.output<typeof ChatSchema>;
