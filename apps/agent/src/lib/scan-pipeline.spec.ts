import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '@afterimage/contracts';
import { carve } from '@afterimage/carve-engine';
import { bufferSource } from '@afterimage/fs-parsers';
import { LocalAgentServices } from './agent-services.js';
import { scanMedia, thumbnailForFinding } from './scan-pipeline.js';
import { prepareDemoCard } from './sources.js';
import { openStore } from './store/open-store.js';

const repo = resolve(import.meta.dirname, '../../../..');
const manifest = JSON.parse(await readFile(join(repo, 'fixtures/demo-card/demo-card.json'), 'utf8')) as {
  files: { path: string; name: string; sha256: string; deleted: boolean; takenAt?: string; make?: string; model?: string }[];
};

let home: string;
let services: LocalAgentServices;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'pipeline-'));
  const demoCard = await prepareDemoCard(home);
  services = new LocalAgentServices({ version: 'test', demoCard, pipeline: scanMedia, thumbnail: thumbnailForFinding, store: openStore(join(home, 'afterimage.db')) });
});
afterAll(async () => rm(home, { recursive: true, force: true }));

async function scanDemo(includeLive: boolean): Promise<{ scanId: string; findings: Finding[] }> {
  const [demo] = await services.listSources();
  const state = await services.startScan({ sourceId: demo!.id, includeLive });
  const findings: Finding[] = [];
  for await (const { event } of services.scanEvents({ scanId: state.id }, undefined)) {
    if (event.type === 'finding') findings.push(event.finding);
    if (event.type === 'done') expect(event.state.status).toBe('done');
  }
  return { scanId: state.id, findings };
}

describe('scan pipeline on the demo card (FAT32 + carving merged)', () => {
  it('finds each deleted photo once, with the name, folder and dates the card knew', async () => {
    const { findings } = await scanDemo(false);
    const deleted = manifest.files.filter((f) => f.deleted);
    expect(findings).toHaveLength(deleted.length);
    for (const expected of deleted) {
      const found = findings.find((f) => f.sha256 === expected.sha256);
      expect(found, expected.path).toBeDefined();
      expect(found).toMatchObject({ origin: 'deleted', foundBy: 'both', validation: { state: 'complete' } });
      // FAT keeps a deleted long name whole; an 8.3 name loses its first character to the 0xE5 mark,
      // which comes back from the live IMG_xxxx.JPG names beside it, and the finding says so.
      expect(found!.originalPath).toBe(expected.path);
      expect(found!.name).toBe(expected.name);
      if (!expected.name.includes(' ')) expect(found!.validation.reasons.join(' ')).toContain('inferred');
      expect(found!.metadata).toMatchObject({ make: expected.make, model: expected.model });
      expect(found!.metadata.takenAt?.slice(0, 19)).toBe(expected.takenAt?.slice(0, 19));
    }
  });

  it('reports live photos as live only when asked', async () => {
    const { findings } = await scanDemo(true);
    expect(findings).toHaveLength(manifest.files.length);
    const live = findings.filter((f) => f.origin === 'live').map((f) => f.originalPath);
    expect(live.sort()).toEqual(manifest.files.filter((f) => !f.deleted).map((f) => f.path).sort());
  });

  it('makes a JPEG preview of a finding', async () => {
    const { scanId, findings } = await scanDemo(false);
    const thumb = await services.thumbnail({ scanId, findingId: findings[0]!.id });
    expect(thumb.mimeType).toBe('image/jpeg');
    const bytes = Buffer.from(thumb.dataBase64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(bytes.length).toBeLessThan(findings[0]!.size * 2);
  });
});

describe('scan pipeline where no filesystem describes the space', () => {
  it('carves at every byte, so photos at unaligned offsets in a raw dump come back', async () => {
    // Two photos taken off the demo card, laid into a dump of zeros at odd offsets.
    const [demo] = await services.listSources();
    const card = await readFile(demo!.path);
    const photos: Buffer[] = [];
    for await (const file of carve(bufferSource(card), { workers: 1 })) {
      if (photos.length < 2) photos.push(card.subarray(file.byteRuns[0]!.offset, file.byteRuns[0]!.offset + file.size));
    }
    const dump = Buffer.alloc(photos[0]!.length + photos[1]!.length + 10_000);
    photos[0]!.copy(dump, 1001);
    photos[1]!.copy(dump, 1001 + photos[0]!.length + 3333);
    const findings: Finding[] = [];
    const sink = { progress: () => undefined, finding: (f: Finding) => findings.push(f) };
    await scanMedia(bufferSource(dump), { includeLive: false, keepCorrupt: false, signal: new AbortController().signal, sink });
    expect(findings.map((f) => [f.byteRuns[0]!.offset, f.origin, f.foundBy])).toEqual([
      [1001, 'lost', 'carving'],
      [1001 + photos[0]!.length + 3333, 'lost', 'carving'],
    ]);
  });
});
