import { z } from 'zod';
import { text } from '../lib/text';

/** `POST /api/v1/tokens`: a name to recognise the token by, and optionally how long it lives. */
export const CreateTokenSchema = z.object({
  name: text(1, 100).describe('What the token is for, e.g. "Claude Code on my laptop"'),
  expires_in_days: z
    .number()
    .int('Must be a whole number of days')
    .min(1, 'Must be at least 1')
    .max(3650, 'Must be at most 3650')
    .nullable()
    .optional()
    .describe('Days until the token stops working; omit or null for a token that never expires'),
});

export type CreateToken = z.infer<typeof CreateTokenSchema>;
