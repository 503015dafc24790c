import { describe, expect, it } from 'vitest';
import { createSseParser } from '../../../renderer/sync/sse-parser.js';

describe('SSE parser', () => {
  it('handles split chunks, comments and multiple events', () => {
    const p = createSseParser();
    const stream =
      ': heartbeat\n\nevent: hello\ndata: {"head": 1, "epoch": "e"}\n\n: ping\nevent: changes\r\ndata: {"head":2}\r\n\r\nevent: changes\ndata: {"head":3}\n\n';
    const events = [];
    for (let i = 0; i < stream.length; i += 3) events.push(...p.push(stream.slice(i, i + 3)));
    expect(events).toEqual([
      { event: 'hello', data: '{"head": 1, "epoch": "e"}' },
      { event: 'changes', data: '{"head":2}' },
      { event: 'changes', data: '{"head":3}' },
    ]);
    expect(p.push('data: a\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});
