import { describe, expect, it } from 'vitest';
import { parseAgentLock } from './agent-lock.js';

describe('HOME/agent.lock as the agent writes it and the CLI reads it', () => {
  it('reads a starting agent (no address yet) and one that listens', () => {
    expect(parseAgentLock('{"pid":42,"startedAt":"2026-01-01T00:00:00.000Z","id":"a1"}\n')).toEqual({ pid: 42, startedAt: '2026-01-01T00:00:00.000Z', id: 'a1' });
    expect(parseAgentLock('{"pid":42,"startedAt":"t","url":"http://127.0.0.1:4318","extra":1}')).toEqual({ pid: 42, startedAt: 't', url: 'http://127.0.0.1:4318' });
  });

  it('calls anything else damaged, but leaves out an id that is not a string', () => {
    for (const text of ['', 'not json', 'null', '[]', '{"pid":0,"startedAt":"t"}', '{"pid":9007199254740992,"startedAt":"t"}', '{"pid":"42","startedAt":"t"}', '{"pid":42}', '{"pid":42,"startedAt":"t","url":"http://example.com:80"}', '{"pid":42,"startedAt":"t","url":null}']) {
      expect(parseAgentLock(text), text).toBeUndefined();
    }
    expect(parseAgentLock('{"pid":42,"startedAt":"t","id":7}')).toEqual({ pid: 42, startedAt: 't' });
  });
});
