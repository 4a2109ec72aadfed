import { copyFile, mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, ImagingState, ScanState } from '@afterimage/contracts';
import { openFileSource } from '@afterimage/fs-parsers';
import { faultySource, type SectorRange } from '../testing/faulty-source.js';
import { scratchFolder } from '../testing/imaging-fixtures.js';
import { LocalAgentServices } from './agent-services.js';
import { readMapfile } from './imaging/mapfile-store.js';
import { scanMedia, thumbnailForFinding } from './scan-pipeline.js';
import { ScanThread, threadedScanPipeline } from './scan-thread/index.js';
import { prepareDemoCard } from './sources.js';
import { openStore } from './store/open-store.js';

// The most important case of rule 2: a failing card is imaged (the bad sectors become zeros in the
// image, listed in its ddrescue map), then the image is scanned. The scan must say how many sectors
// the card could not give, from its start, and every photo that holds some of them must say so.
let folder: Awaited<ReturnType<typeof scratchFolder>>;
let demoPath: string;
let clean: Finding[];
// The images are scanned on the agent's scanning thread, as the running agent scans them.
const thread = new ScanThread();

async function lastState<S>(events: AsyncIterable<{ event: { type: string; state?: S } }>): Promise<S> {
  for await (const { event } of events) if (event.type === 'done') return event.state as S;
  throw new Error('no done event');
}

/** An agent whose imaging reads each source through `bad` sectors that never read, as a dying card's. */
async function agent(name: string, bad: readonly SectorRange[] = []) {
  const demoCard = await prepareDemoCard(folder.file(`home-${name}`));
  demoPath = demoCard!.path;
  const imaging = { saveIntervalMs: 30, open: async (path: string) => faultySource(await openFileSource(path), { bad }) };
  return new LocalAgentServices({ version: 'test', demoCard, pipeline: threadedScanPipeline(thread, scanMedia), thumbnail: thumbnailForFinding, store: openStore(folder.file(`${name}.db`)), imaging });
}

async function scanned(services: LocalAgentServices, sourceId: string): Promise<{ started: ScanState; state: ScanState; found: Finding[] }> {
  const started = await services.startScan({ sourceId });
  const state = await lastState<ScanState>(services.scanEvents({ scanId: started.id }, undefined));
  return { started, state, found: await services.listFindings(started.id) };
}

const startOf = (f: Finding) => f.byteRuns[0]!.offset;

beforeAll(async () => {
  folder = await scratchFolder('scan-bad-sectors');
  const services = await agent('clean');
  clean = (await scanned(services, 'demo-card')).found;
});
afterAll(async () => {
  await thread.close();
  await folder.cleanup();
});

describe('bad sectors in a scan of an imaged device', () => {
  it("counts the imaging map's bad sectors from the start and marks the photo that holds some", async () => {
    expect(clean.length).toBe(7);
    expect(clean.every((f) => f.validation.state === 'complete')).toBe(true);
    // Two bad sectors inside one deleted photo (whole sectors inside its single run), five in free space at the card's end.
    const victim = clean.find((f) => f.byteRuns.length === 1 && f.size > 8192)!;
    const inside = { first: Math.ceil(startOf(victim) / 512) + 4, count: 2 };
    const cardSectors = (await readFile(demoPath)).length / 512;
    const bad = [inside, { first: cardSectors - 64, count: 5 }];
    const services = await agent('imaged', bad);

    // The map goes to its own folder: only the imaging job's row in the store knows where it is.
    const imagePath = folder.file('images/card.img');
    const mapPath = folder.file('maps/card.ddrescue');
    const imaging = await services.startImaging({ sourceId: 'demo-card', imagePath, mapPath });
    const imaged = await lastState<ImagingState>(services.imagingEvents({ imagingId: imaging.id }, undefined));
    expect(imaged).toMatchObject({ status: 'done', mapPath });
    const map = (await readMapfile(mapPath))!.map;
    const unread = map.blocks.filter((b) => b.status !== '+');
    const mapSectors = unread.reduce((sum, b) => sum + b.size / 512, 0);
    expect(mapSectors).toBe(7);

    const sent = thread.scansSent;
    const { started, state, found } = await scanned(services, imaged.imageSourceId!);
    expect(thread.scansSent).toBe(sent + 1);
    // Known before the scan reads anything: the map says so.
    expect(started.progress).toMatchObject({ badSectors: 7, badSectorsFromMap: 7, unreadableBytes: 7 * 512 });
    expect(state.status).toBe('done');
    expect(state.progress).toMatchObject({ badSectors: mapSectors, badSectorsFromMap: mapSectors, unreadableBytes: mapSectors * 512 });
    expect(state.progress.readErrors).toBeUndefined();

    expect(found.map(startOf).sort()).toEqual(clean.map(startOf).sort());
    const marked = found.find((f) => startOf(f) === startOf(victim))!;
    expect(marked.validation.state).not.toBe('complete');
    expect(marked.confidence).toBe('low');
    const from = inside.first * 512 - startOf(victim);
    const fmt = (n: number) => `${(n / 1000).toFixed(1)} KB`;
    expect(marked.validation.reasons).toContain(`bytes ${fmt(from)}–${fmt(from + 1024)} of this file (1.0 KB) could not be read from the device when it was imaged; they are zeros in the image`);
    for (const other of found.filter((f) => f !== marked)) {
      expect(other.validation.state, other.name).toBe('complete');
      expect(other.validation.reasons.join(' ')).not.toMatch(/could not be read from the device/);
    }
  });

  it('finds a GNU ddrescue map beside an image, and tells sectors never copied apart from bad ones', async () => {
    const victim = clean.find((f) => f.byteRuns.length === 1 && f.size > 8192)!;
    const image = folder.file('beside/card.img');
    await mkdir(folder.file('beside'), { recursive: true });
    await copyFile(demoPath, image);
    const size = (await readFile(image)).length;
    // ddrescue's layout: a bad sector, a non-trimmed and a non-scraped block in free space, and a
    // non-tried KiB inside a photo (zeros in the image, as ddrescue leaves them).
    const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(8, '0')}`;
    const free = size - 64 * 512;
    const photo = startOf(victim);
    const blocks: [number, number, string][] = [
      [0, photo + 4096, '+'],
      [photo + 4096, 1024, '?'],
      [photo + 5120, free - photo - 5120, '+'],
      [free, 512, '-'],
      [free + 512, 2048, '*'],
      [free + 2560, 1024, '/'],
      [free + 3584, size - free - 3584, '+'],
    ];
    const text = ['# Mapfile. Created by GNU ddrescue version 1.27', '# current_pos  current_status  current_pass', `${hex(free)}     +               1`, '#      pos        size  status']
      .concat(blocks.map(([pos, len, status]) => `${hex(pos)}  ${hex(len)}  ${status}`))
      .join('\n');
    await writeFile(`${image}.map`, `${text}\n`);
    const zeros = await open(image, 'r+');
    for (const [pos, len, status] of blocks) if (status !== '+') await zeros.write(Buffer.alloc(len), 0, len, pos);
    await zeros.close();

    const services = await agent('beside');
    const source = await services.addImageSource({ path: image });
    const { state, found } = await scanned(services, source.id);
    // 1 + 4 + 2 sectors the device could not give; the KiB never tried counts as unreadable, not as bad.
    expect(state.progress).toMatchObject({ badSectors: 7, badSectorsFromMap: 7, unreadableBytes: 7 * 512 + 1024 });
    const marked = found.find((f) => startOf(f) === photo)!;
    expect(marked.validation.state).not.toBe('complete');
    expect(marked.validation.reasons).toContain('bytes 4.1 KB–5.1 KB of this file (1.0 KB) were never copied from the device (its imaging did not get to them); they are zeros in the image');
    expect(found.filter((f) => startOf(f) !== photo).every((f) => f.validation.state === 'complete')).toBe(true);
  });
});
