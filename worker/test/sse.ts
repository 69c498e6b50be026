/** Server-sent events read off a response, as a client sees them. */
export interface ReadEvent {
  event: string;
  data: unknown;
  /** When it arrived (ms since the request was sent): for reports, never for assertions. */
  at: number;
}

/** Reads every event of a `text/event-stream` response until it ends (or `stop` says so, then cancels it). */
export async function readEvents(res: Response, stop: (e: ReadEvent) => boolean = () => false): Promise<ReadEvent[]> {
  const started = performance.now();
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: ReadEvent[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buffer += value;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        block
          .split('\n')
          .find((l) => l.startsWith(`${name}:`))
          ?.slice(name.length + 1)
          .trim();
      const e = {
        event: field('event') ?? 'message',
        data: JSON.parse(field('data') ?? 'null'),
        at: performance.now() - started,
      };
      events.push(e);
      if (stop(e)) {
        await reader.cancel();
        return events;
      }
    }
  }
}
