/**
 * A small OpenAI-compatible server for tests: POST /v1/chat/completions
 * answers from a script the test sets with POST /__script, and every request
 * it receives can be read back from GET /__requests. Real HTTP, so the real
 * `openai` SDK in the Worker is what gets tested.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

export type Step =
  | { status: number; body?: unknown }
  | { delay_ms: number }
  | {
      message: { content?: string | null; tool_calls?: { name: string; arguments: unknown }[] };
      /** With `stream: true` in the request: the pause between streamed chunks. */
      chunk_delay_ms?: number;
      /** With `stream: true`: close the connection after this many chunks, as a dying upstream would. */
      cut_after_chunks?: number;
    };

declare module 'vitest' {
  interface ProvidedContext {
    fakeOpenAIUrl: string;
  }
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });

const send = (res: ServerResponse, status: number, body: unknown) => {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

type MessageStep = Extract<Step, { message: unknown }>;

/**
 * The same answer as server-sent chunks, the way OpenAI streams: the content a
 * few characters at a time, each tool call's id and name first and its
 * arguments in pieces, then a finish reason and [DONE].
 */
async function streamChunks(res: ServerResponse, step: MessageStep, model: string, n: number) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const base = { id: `chatcmpl-${n}`, object: 'chat.completion.chunk', created: 0, model };
  const chunk = (delta: object, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const pieces = (s: string, size: number) => s.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
  const chunks: object[] = [chunk({ role: 'assistant', content: '' })];
  for (const text of pieces(step.message.content ?? '', 6)) chunks.push(chunk({ content: text }));
  (step.message.tool_calls ?? []).forEach((c, index) => {
    const args = typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments);
    chunks.push(
      chunk({
        tool_calls: [{ index, id: `call_${n}_${index}`, type: 'function', function: { name: c.name, arguments: '' } }],
      }),
    );
    for (const part of pieces(args, 7)) chunks.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
  });
  chunks.push(chunk({}, step.message.tool_calls?.length ? 'tool_calls' : 'stop'));
  for (const [i, c] of chunks.entries()) {
    if (step.cut_after_chunks !== undefined && i >= step.cut_after_chunks) return void res.destroy();
    if (res.destroyed) return;
    res.write(`data: ${JSON.stringify(c)}\n\n`);
    if (step.chunk_delay_ms) await new Promise((r) => setTimeout(r, step.chunk_delay_ms));
  }
  res.end('data: [DONE]\n\n');
}

export function startFakeOpenAI() {
  let script: Step[] = [];
  let requests: unknown[] = [];
  let counter = 0;

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.method === 'POST' && req.url === '/__script') {
      script = JSON.parse(body).steps;
      requests = [];
      return send(res, 200, { ok: true });
    }
    if (req.method === 'GET' && req.url === '/__requests') return send(res, 200, requests);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
      return send(res, 404, { error: { message: 'not found' } });

    requests.push({ headers: { authorization: req.headers.authorization }, body: JSON.parse(body) });
    const step = script.shift();
    if (!step) return send(res, 500, { error: { message: 'fake server: script exhausted' } });
    if ('delay_ms' in step) {
      // Hold the request past the client's timeout; the client gives up first.
      setTimeout(() => send(res, 500, { error: { message: 'too late' } }), step.delay_ms);
      return;
    }
    if ('status' in step) return send(res, step.status, step.body ?? { error: { message: `scripted ${step.status}` } });
    const calls = step.message.tool_calls ?? [];
    if (JSON.parse(body).stream) return streamChunks(res, step, JSON.parse(body).model, ++counter);
    send(res, 200, {
      id: `chatcmpl-${++counter}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: JSON.parse(body).model,
      choices: [
        {
          index: 0,
          finish_reason: calls.length ? 'tool_calls' : 'stop',
          message: {
            role: 'assistant',
            content: step.message.content ?? null,
            ...(calls.length
              ? {
                  tool_calls: calls.map((c, i) => ({
                    id: `call_${counter}_${i}`,
                    type: 'function',
                    function: {
                      name: c.name,
                      arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
                    },
                  })),
                }
              : {}),
          },
        },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
  });

  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

/** vitest globalSetup: one server for the project, its URL provided to the pool. */
export default async function setup(project: TestProject) {
  const fake = await startFakeOpenAI();
  project.provide('fakeOpenAIUrl', fake.url);
  return fake.close;
}
