import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, ScanState, Source } from '@afterimage/contracts';
import { bufferSource } from '@afterimage/fs-parsers';
import { faultySource } from '../testing/faulty-source.js';
import { runScan } from './scan-runner.js';
import { scanMedia } from './scan-pipeline.js';
import { ScanSession } from './scan-session.js';
import { prepareDemoCard } from './sources.js';
import { FindingsRepo } from './store/findings-repo.js';
import { openStore } from './store/open-store.js';
import { SessionsRepo } from './store/sessions-repo.js';

let home: string;
let card: Buffer;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'scan-runner-'));
  card = await readFile((await prepareDemoCard(home))!.path);
});
afterAll(async () => rm(home, { recursive: true, force: true }));

const BAD = { first: 2000, count: 16 };

/** Scans the demo card's bytes with a bad zone in its data area, as a device or as an image file. */
let runs = 0;
async function scanWithBadSectors(kind: Source['kind'], bad = [BAD]): Promise<{ state: ScanState; found: Finding[] }> {
  const store = openStore(join(home, `${kind}-${++runs}.db`));
  const sessions = new SessionsRepo(store);
  const findings = new FindingsRepo(store);
  const source: Source = { id: `src-${kind}`, kind, label: 'card', path: `/dev/fake-${kind}`, sizeBytes: card.length };
  sessions.saveSource(source);
  const session = new ScanSession(`scan-${kind}`, source.id, card.length);
  sessions.createScan(session.snapshot, { sourceId: source.id });
  // Sectors 2000–2015 lie in the FAT32 data area, among the photos.
  const bytes = faultySource(bufferSource(card, 'card'), { bad });
  runScan({ session, source, bytes, request: { sourceId: source.id }, pipeline: scanMedia, sessions, findings });
  for await (const { event } of session.events(null)) if (event.type === 'done') return { state: event.state, found: findings.all(session.snapshot.id) };
  throw new Error('no done event');
}

describe('a scan that meets read errors', () => {
  it('on a device, stops and says to image the device first (rule 2 of DESIGN.md)', async () => {
    const { state } = await scanWithBadSectors('device');
    expect(state.status).toBe('failed');
    expect(state.error).toMatch(/read error.*Make an image of it first/s);
    // How many sectors it could not read (at least one: the device is not read again to narrow it down), and where it stopped.
    const { badSectors, readErrors, firstReadErrorAt, unreadableBytes } = state.progress;
    expect(badSectors).toBeGreaterThanOrEqual(1);
    expect(readErrors).toBeGreaterThanOrEqual(1);
    expect(firstReadErrorAt).toBeLessThanOrEqual(BAD.first * 512);
    expect(firstReadErrorAt! + unreadableBytes!).toBeGreaterThan(BAD.first * 512);
    expect(state.error).toContain(`The scan stopped at its first read error`);
    expect(state.error).toContain(`(byte ${firstReadErrorAt})`);
  });

  it('on an image file, goes on past the unreadable area: the image is already the copy', async () => {
    const clean = (await scanWithBadSectors('demo', [])).found;
    const { state, found } = await scanWithBadSectors('image');
    expect(state.status).toBe('done');
    // Every photo that neither holds a bad sector nor starts in the 64 KiB the carve could not read.
    const [from, to] = [BAD.first * 512, (BAD.first + BAD.count) * 512];
    const untouched = clean.filter((f) => {
      const start = f.byteRuns[0]!.offset;
      return (start + f.size <= from || start >= to) && Math.floor(start / 65_536) !== Math.floor(from / 65_536);
    });
    expect(untouched.length).toBeGreaterThan(3);
    expect(found.map((f) => f.sha256)).toEqual(expect.arrayContaining(untouched.map((f) => f.sha256)));
    // The failing area was read again sector by sector: exactly its 16 bad sectors are counted.
    expect(state.progress).toMatchObject({ badSectors: BAD.count, unreadableBytes: BAD.count * 512, readErrors: expect.any(Number) });
    expect(state.progress.badSectorsFromMap).toBeUndefined();
  });

  it('counts nothing when every read succeeds', async () => {
    const { state } = await scanWithBadSectors('image', []);
    for (const key of ['badSectors', 'unreadableBytes', 'readErrors', 'firstReadErrorAt'] as const) expect(state.progress[key]).toBeUndefined();
  });
});
