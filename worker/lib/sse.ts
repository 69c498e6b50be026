import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';

export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * Events produced before or while a stream is read, written in order. Work
 * can start (and be kept alive) before the response exists, and a client
 * that goes away only stops the writing, never the work.
 */
export function eventQueue() {
  const queue: SseEvent[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  return {
    push(event: SseEvent) {
      queue.push(event);
      wake?.();
    },
    close() {
      closed = true;
      wake?.();
    },
    async *drain(): AsyncGenerator<SseEvent> {
      for (;;) {
        while (queue.length) yield queue.shift()!;
        if (closed) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    },
  };
}
export type EventQueue = ReturnType<typeof eventQueue>;

/**
 * Streams a queue as `text/event-stream`, each event's data as JSON. Writes
 * after the client left are dropped; `onFailure` names the event to send if
 * writing itself throws (the response has started, so onError cannot answer).
 */
export function streamQueue(c: Context, queue: EventQueue, onFailure: (err: unknown) => Promise<SseEvent>) {
  return streamSSE(
    c,
    async (stream) => {
      for await (const { event, data } of queue.drain()) {
        if (stream.aborted) continue;
        await stream.writeSSE({ event, data: JSON.stringify(data) });
      }
    },
    async (err, stream) => {
      const { event, data } = await onFailure(err);
      await stream.writeSSE({ event, data: JSON.stringify(data) });
    },
  );
}
