import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { createAgent } from '../agent';
import { createRouter, envelopeOf, type AppEnv } from '../app';
import { createChatService } from '../chat/service';
import { ChatSchema, type ChatInput } from '../chat/schema';
import { parseEnv } from '../env';
import { localeOf } from '../lib/locale';
import { eventQueue, streamQueue } from '../lib/sse';
import { validate } from '../lib/validate';
import { requireAuth } from '../middleware/auth';

// Built per request, not with the other services: only a chat reads the model's settings.
const chatFor = (c: Context<AppEnv>) =>
  createChatService({ conversations: c.var.conversations, tasks: c.var.tasks, agent: createAgent(parseEnv(c.env)) });

/** The body, and the locale dates in the reply are written for. */
const requestOf = (c: Context<AppEnv>, input: ChatInput) => ({
  ...input,
  locale: localeOf(c.req.header('Accept-Language')),
});

/**
 * With `Accept: text/event-stream`: each tool call as it finishes, the reply
 * as it is written, then `done` with the usual answer or `error` with the
 * envelope. The turn runs to the end and is stored even if the client goes
 * away. (A middleware, so the route's typed answer stays the JSON one.)
 */
const streamWhenAsked = () =>
  createMiddleware<AppEnv, '/', { in: { json: unknown }; out: { json: ChatInput } }>(async (c, next) => {
    if (!/\btext\/event-stream\b/i.test(c.req.header('Accept') ?? '')) return next();
    const events = eventQueue();
    const turn = chatFor(c)
      .send(c.var.userId, requestOf(c, c.req.valid('json')), c.var.clock(), {
        action: (data) => events.push({ event: 'action', data }),
        text: (text) => events.push({ event: 'delta', data: { text } }),
      })
      .then(
        (answer) => events.push({ event: 'done', data: answer }),
        async (err: unknown) => events.push({ event: 'error', data: (await envelopeOf(err, c)).body }),
      )
      .finally(events.close);
    c.var.keepAlive(turn);
    return streamQueue(c, events, async (err) => ({ event: 'error', data: (await envelopeOf(err, c)).body }));
  });

export const chatRoutes = createRouter()
  .use(requireAuth())
  .post(
    '/',
    validate('json', ChatSchema),
    async (c, next) => {
      await c.var.limiter.check([['chatUser', c.var.userId]]);
      await next();
    },
    streamWhenAsked(),
    async (c) => c.json(await chatFor(c).send(c.var.userId, requestOf(c, c.req.valid('json')), c.var.clock()), 200),
  );
