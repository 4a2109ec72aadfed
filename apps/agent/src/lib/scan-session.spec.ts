import { describe, expect, it } from 'vitest';
import type { Finding } from '@afterimage/contracts';
import { ScanSession } from './scan-session.js';

const finding = (id: string): Finding => ({
  id,
  format: 'jpeg',
  extension: 'jpg',
  mimeType: 'image/jpeg',
  name: `${id}.jpg`,
  origin: 'lost',
  foundBy: 'carving',
  byteRuns: [{ offset: 0, length: 10 }],
  size: 10,
  sha256: '0'.repeat(64),
  validation: { state: 'complete', reasons: [] },
  metadata: {},
  hasThumbnail: false,
});

async function collect(session: ScanSession, after?: string) {
  const seen = [];
  for await (const e of session.events(after)) seen.push(e);
  return seen;
}

describe('scan session', () => {
  it('replays every event to a late subscriber and ends with the final state', async () => {
    const session = new ScanSession('s1', 'src', 100);
    session.finding(finding('a'));
    session.progress({ bytesDone: 100, bytesTotal: 100 });
    session.finish('done');
    const events = await collect(session);
    expect(events.map((e) => e.event.type)).toEqual(['finding', 'progress', 'progress', 'done']);
    const last = events.at(-1)!.event;
    expect(last.type === 'done' && last.state.findingCount).toBe(1);
    expect(last.type === 'done' && last.state.status).toBe('done');
  });

  it('resumes after the last event id a client saw', async () => {
    const session = new ScanSession('s2', 'src', 100);
    session.finding(finding('a'));
    session.finding(finding('b'));
    session.finish('done');
    const events = await collect(session, '0');
    expect(events[0]!.id).toBe('1');
    expect(events[0]!.event).toMatchObject({ type: 'finding', finding: { id: 'b' } });
  });

  it('wakes a waiting subscriber when something happens and stops when the client leaves', async () => {
    const session = new ScanSession('s3', 'src', 100);
    const leave = new AbortController();
    const stream = session.events(null, leave.signal);
    const first = stream.next();
    session.finding(finding('a'));
    expect((await first).value?.event.type).toBe('finding');
    const second = stream.next();
    leave.abort();
    expect((await second).done).toBe(true);
  });

  it('counts findings by format for progress', () => {
    const session = new ScanSession('s4', 'src', 100);
    session.finding(finding('a'));
    session.finding(finding('b'));
    expect(session.snapshot.progress.findingsByFormat).toEqual({ jpeg: 2 });
    expect(session.snapshot.findingCount).toBe(2);
  });
});
