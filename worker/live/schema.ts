import { z } from 'zod';

/** GET /api/v1/live: the single-use ticket from POST /api/v1/live/ticket. */
export const LiveQuerySchema = z.object({
  ticket: z.string().max(600, 'Too long').describe('A ticket from POST /api/v1/live/ticket'),
});
