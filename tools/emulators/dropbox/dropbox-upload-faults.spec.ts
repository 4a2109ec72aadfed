import { bufferContent, type RetryOptions } from '@afterimage/cloud-adapters';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { dropboxHarness, TEST_CHUNK } from './dropbox-harness.js';
import { bytesOf, emulatorView, expected, LARGE, Sessions } from './dropbox-spec-support.js';

const harness = dropboxHarness();
const { requestsSince, storedUnder } = emulatorView(harness);
afterAll(() => harness.cleanup?.());

let mark = 0;
beforeEach(async () => {
  mark = await emulatorView(harness).mark();
});

describe('dropbox uploads under faults, through the dropbox SDK', () => {
  it('dropbox: a connection cut on the 2nd append resends that chunk only, in the same session', async () => {
    const target = await harness.target();
    const emulator = await harness.emulator();
    const started = emulator.sessions.started;
    emulator.faults.add({ kind: 'cut-request', path: '/2/files/upload_session/append_v2', skip: 1 });
    const bytes = bytesOf(LARGE, 2);
    await target.put('v/cut.mp4', bufferContent(bytes), expected(bytes), { sessions: new Sessions() });
    const appends = (await requestsSince(mark)).filter((r) => r.path === 'upload_session/append_v2');
    expect(appends.map((r) => r.bytes)).toEqual([TEST_CHUNK, TEST_CHUNK / 2, TEST_CHUNK, TEST_CHUNK, LARGE - 3 * TEST_CHUNK]);
    expect(emulator.sessions.started - started, 'upload sessions started').toBe(1);
    expect(await storedUnder(target)).toEqual([{ lower: expect.stringMatching(/\/v\/cut\.mp4$/), revisions: 1 }]);
  });

  it('dropbox: a lost answer to an append is settled by incorrect_offset, so the chunk is not stored twice', async () => {
    const target = await harness.target();
    (await harness.emulator()).faults.add({ kind: 'drop-response', path: '/2/files/upload_session/append_v2', skip: 1 });
    const bytes = bytesOf(LARGE, 13);
    await target.put('v/lost-append.mp4', bufferContent(bytes), expected(bytes));
    const appends = (await requestsSince(mark)).filter((r) => r.path === 'upload_session/append_v2');
    expect(appends.map((r) => r.status)).toEqual([200, 200, 409, 200, 200]);
    const parts: Buffer[] = [];
    for await (const part of target.open('v/lost-append.mp4')) parts.push(part);
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
  });

  it('dropbox: an aborted upload resumes from the committed offset, learnt with a zero-byte append', async () => {
    const target = await harness.target();
    const bytes = bytesOf(LARGE, 3);
    const sessions = new Sessions();
    const controller = new AbortController();
    const onProgress = (p: { committed: number }) => p.committed >= 2 * TEST_CHUNK && controller.abort();
    await expect(target.put('v/resume.mp4', bufferContent(bytes), expected(bytes), { sessions, signal: controller.signal, onProgress })).rejects.toMatchObject({ name: 'AbortError' });
    expect([...sessions.map.values()]).toEqual([{ sessionId: expect.any(String), offset: 2 * TEST_CHUNK }]);
    const between = (await harness.emulator()).log.length;
    await target.put('v/resume.mp4', bufferContent(bytes), expected(bytes), { sessions });
    const second = (await requestsSince(between)).filter((r) => r.path.startsWith('upload'));
    expect(second.map((r) => [r.path, r.bytes])).toEqual([
      ['upload_session/append_v2', 0],
      ['upload_session/append_v2', TEST_CHUNK],
      ['upload_session/append_v2', LARGE - 3 * TEST_CHUNK],
      ['upload_session/finish', 0],
    ]);
    expect(sessions.map.size).toBe(0);
  });

  it('dropbox: a lost finish response is settled by a lookup, leaving one file with one revision', async () => {
    const target = await harness.target();
    (await harness.emulator()).faults.add({ kind: 'drop-response', path: '/2/files/upload_session/finish' });
    const bytes = bytesOf(LARGE, 4);
    await target.put('v/drop.mp4', bufferContent(bytes), expected(bytes));
    expect(await storedUnder(target)).toEqual([{ lower: expect.stringMatching(/drop\.mp4$/), revisions: 1 }]);
    expect((await requestsSince(mark)).filter((r) => r.path === 'upload_session/finish')).toHaveLength(1);
  });

  it('dropbox: a 429 waits the Retry-After Dropbox gave', async () => {
    const waits: number[] = [];
    const retry: RetryOptions = { sleep: async (ms) => void waits.push(ms) };
    const target = await harness.target(retry);
    (await harness.emulator()).faults.add({ kind: 'rate-limit', path: '/2/files/upload', retryAfterSeconds: 7 });
    const bytes = bytesOf(900, 5);
    await target.put('a.jpg', bufferContent(bytes), expected(bytes));
    expect(waits).toEqual([7000]);
    expect((await requestsSince(mark)).map((r) => r.status)).toEqual([409, 429, 200]);
  });

  it('dropbox: a 429 and two 500s on appends resend exactly the refused chunks, nothing more', async () => {
    const waits: number[] = [];
    const target = await harness.target({ sleep: async (ms) => void waits.push(ms), baseDelayMs: 20 });
    const emulator = await harness.emulator();
    emulator.faults.add({ kind: 'rate-limit', path: '/2/files/upload_session/append_v2', retryAfterSeconds: 1 });
    emulator.faults.add({ kind: 'server-error', path: '/2/files/upload_session/append_v2', skip: 1, times: 2 });
    const bytes = bytesOf(LARGE, 11);
    await target.put('v/faults.mp4', bufferContent(bytes), expected(bytes));
    const appends = (await requestsSince(mark)).filter((r) => r.path === 'upload_session/append_v2');
    expect(appends.map((r) => [r.status, r.bytes])).toEqual([
      [429, TEST_CHUNK],
      [200, TEST_CHUNK],
      [500, TEST_CHUNK],
      [500, TEST_CHUNK],
      [200, TEST_CHUNK],
      [200, TEST_CHUNK],
      [200, LARGE - 3 * TEST_CHUNK],
    ]);
    expect(waits[0], 'the Retry-After of the 429').toBe(1000);
    expect(waits).toHaveLength(3);
    expect(await storedUnder(target)).toEqual([{ lower: expect.stringMatching(/faults\.mp4$/), revisions: 1 }]);
  });
});
