import { createAgent } from '../agent';
import { createRouter, envelopeOf } from '../app';
import { createChatService } from '../chat/service';
import { ChatSchema } from '../chat/schema';
import { parseEnv } from '../env';
import { eventQueue, streamQueue } from '../lib/sse';
import { validate } from '../lib/validate';
import { requireAuth } from '../middleware/auth';

const wantsStream = (accept: string | undefined) => /\btext\/event-stream\b/i.test(accept ?? '');

export const chatRoutes = createRouter()
  .use(requireAuth())
  .post('/', validate('json', ChatSchema), async (c) => {
    await c.var.limiter.check([['chatUser', c.var.userId]]);
    // Built here, not with the other services: only a chat reads the model's settings.
    const chat = createChatService({
      conversations: c.var.conversations,
      tasks: c.var.tasks,
      agent: createAgent(parseEnv(c.env)),
    });
    const [userId, input, now] = [c.var.userId, c.req.valid('json'), c.var.clock()];
    if (!wantsStream(c.req.header('Accept'))) return c.json(await chat.send(userId, input, now), 200);

    // Streamed: each tool call as it finishes, the reply as it is written, then
    // `done` with the usual answer or `error` with the envelope. The turn runs
    // to the end and is stored even if the client goes away.
    const events = eventQueue();
    const turn = chat
      .send(userId, input, now, {
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
