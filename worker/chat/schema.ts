import { z } from 'zod';
import { isTimeZone } from '../lib/time-zone';
import { text } from '../lib/text';

export const ChatSchema = z.object({
  message: text(1, 2000),
  conversation_id: z.string().max(100).optional(),
  timezone: z
    .string()
    .max(64)
    .refine(isTimeZone, 'Must be an IANA time zone such as Europe/Berlin')
    .optional(),
});
export type ChatInput = z.output<typeof ChatSchema>;
