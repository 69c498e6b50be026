import { describe, expect, it } from 'vitest';
import { readSse } from './sse';

/** A body that delivers exactly these chunks. */
const body = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk));
      c.close();
    },
  });

const all = async (b: ReadableStream<Uint8Array>) => {
  const out = [];
  for await (const e of readSse(b)) out.push(e);
  return out;
};

describe('readSse', () => {
  it('reads named events whatever the chunking, joins data lines and skips comments', async () => {
    const text =
      'event: action\ndata: {"a":1}\n\n: keep-alive\n\nevent: delta\ndata: line one\ndata: line two\n\ndata: x\n\n';
    const expected = [
      { event: 'action', data: '{"a":1}' },
      { event: 'delta', data: 'line one\nline two' },
      { event: 'message', data: 'x' },
    ];
    expect(await all(body(text))).toEqual(expected);
    expect(await all(body(...text.split('')))).toEqual(expected);
    expect(await all(body(text.replaceAll('\n', '\r\n')))).toEqual(expected);
    expect(await all(body(...text.replaceAll('\n', '\r\n').split('')))).toEqual(expected);
  });

  it('keeps a multi-byte character split across chunks, and reads a last event without its blank line', async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: “ok”\n\nevent: done\ndata: {}');
    const b = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 21));
        c.enqueue(bytes.slice(21));
        c.close();
      },
    });
    expect(await all(b)).toEqual([
      { event: 'delta', data: '“ok”' },
      { event: 'done', data: '{}' },
    ]);
  });
});
