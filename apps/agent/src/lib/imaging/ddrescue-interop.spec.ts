import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SectorRange } from '../../testing/faulty-source.js';
import { expectedBlocks, expectedImage, failingDevice, imageHash, readsOfFinished, savedBlocks, scratchFolder, sha256 } from '../../testing/imaging-fixtures.js';
import { imageSource } from './imager.js';
import { formatMapfile } from './mapfile.js';
import { readMapfile } from './mapfile-store.js';
import type { ImagingPhase } from './progress.js';
import { RescueMap } from './rescue-map.js';

// GNU ddrescue (Debian package gddrescue). Its test mode (-H MAP) fails every read outside MAP's
// finished blocks, so it meets the same bad sectors as our faulty source.
const version = spawnSync('ddrescue', ['--version'], { encoding: 'utf8' });
const ddrescue = version.status === 0 ? version.stdout.split('\n')[0] : undefined;
const reason = ddrescue ? `with ${ddrescue}` : 'skipped: GNU ddrescue is not installed (apt-get install gddrescue)';

const SIZE = 1024 * 1024;
const BAD: SectorRange[] = [
  { first: 7, count: 1 },
  { first: 300, count: 90 },
  { first: 1200, count: 3 },
  { first: 1800, count: 200 },
];
const device = failingDevice(SIZE, { bad: BAD });
const settings = { chunkSize: 16 * 1024, skipSize: { initial: 16 * 1024, max: 64 * 1024 }, progressIntervalMs: 0 };

function run(args: string[]): string {
  const result = spawnSync('ddrescue', ['-q', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ddrescue ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

let folder: Awaited<ReturnType<typeof scratchFolder>>;
let source: string;
let testMap: string;
beforeAll(async () => {
  folder = await scratchFolder('ddrescue');
  source = folder.file('device.bin');
  testMap = folder.file('bad-sectors.map');
  await writeFile(source, device.bytes);
  const truth = new RescueMap(SIZE, expectedBlocks(SIZE, BAD));
  await writeFile(testMap, formatMapfile({ currentPos: 0, currentStatus: '+', currentPass: 1, map: truth }));
});
afterAll(() => folder.cleanup());

async function stopAt(name: string, phase: ImagingPhase, nth: number) {
  const paths = { imagePath: folder.file(`${name}.img`), mapPath: folder.file(`${name}.map`) };
  const controller = new AbortController();
  let seen = 0;
  const onProgress = (p: { phase: ImagingPhase }) => {
    if (p.phase === phase && ++seen === nth) controller.abort();
  };
  await expect(imageSource(device.source(), { ...paths, ...settings, onProgress, signal: controller.signal })).rejects.toThrow();
  return paths;
}

describe.skipIf(!ddrescue)(`GNU ddrescue interoperability (${reason})`, () => {
  it('ddrescue -n -N resumes our map and copies only what it leaves non-tried', async () => {
    const paths = await stopAt('ours-partial', 'copying', 6);
    const before = await savedBlocks(paths.mapPath, SIZE);
    expect(new Set(before.map((b) => b.status))).toEqual(new Set(['+', '*', '?']));
    // A changed device: if ddrescue read a finished area again, the image would show 0xEE there.
    const changed = Buffer.from(device.bytes);
    for (const block of before) if (block.status === '+') changed.fill(0xee, block.pos, block.pos + block.size);
    await writeFile(folder.file('changed.bin'), changed);
    run(['-n', '-N', folder.file('changed.bin'), paths.imagePath, paths.mapPath]);
    const image = await readFile(paths.imagePath);
    for (const block of before) {
      const got = image.subarray(block.pos, block.pos + block.size);
      const want = block.status === '*' ? Buffer.alloc(block.size) : device.bytes.subarray(block.pos, block.pos + block.size);
      expect(sha256(got), `${block.status} block at ${block.pos}`).toBe(sha256(want));
    }
    const after = await savedBlocks(paths.mapPath, SIZE);
    expect(after.filter((b) => b.status === '*')).toEqual(before.filter((b) => b.status === '*'));
    expect(after.every((b) => b.status === '*' || b.status === '+')).toBe(true);
  });

  it.each(['copying', 'trimming', 'scraping'] as const)('ddrescue finishes a rescue we stopped while %s, to the map we would have made', async (phase) => {
    const paths = await stopAt(`handover-${phase}`, phase, 3);
    run(['-H', testMap, source, paths.imagePath, paths.mapPath]);
    expect(await savedBlocks(paths.mapPath, SIZE)).toEqual(expectedBlocks(SIZE, BAD));
    expect(await imageHash(paths.imagePath)).toBe(sha256(expectedImage(device.bytes, BAD)));
  });

  it("ddrescuelog lists exactly our map's bad sectors", async () => {
    const paths = { imagePath: folder.file('full.img'), mapPath: folder.file('full.map') };
    await imageSource(device.source(), { ...paths, ...settings });
    const listed = spawnSync('ddrescuelog', ['-b512', '-l-', paths.mapPath], { encoding: 'utf8' });
    expect(listed.status).toBe(0);
    const sectors = BAD.flatMap((range) => Array.from({ length: range.count }, (_, i) => String(range.first + i)));
    expect(listed.stdout.trim().split('\n')).toEqual(sectors);
  });

  it("reads ddrescue's finished map: the same blocks as our own rescue of the same device", async () => {
    const mapPath = folder.file('theirs.map');
    run(['-H', testMap, source, folder.file('theirs.img'), mapPath]);
    expect((await readFile(mapPath, 'utf8')).startsWith('# Mapfile. Created by GNU ddrescue')).toBe(true);
    const theirs = await readMapfile(mapPath, SIZE);
    expect(theirs?.currentStatus).toBe('+');
    expect(theirs?.map.blocks).toEqual(expectedBlocks(SIZE, BAD));
    expect(await imageHash(folder.file('theirs.img'))).toBe(sha256(expectedImage(device.bytes, BAD)));
  });

  it("resumes ddrescue's unfinished map (-n -N left non-trimmed blocks) without reading its finished areas", async () => {
    const paths = { imagePath: folder.file('theirs-partial.img'), mapPath: folder.file('theirs-partial.map') };
    run(['-H', testMap, '-n', '-N', source, paths.imagePath, paths.mapPath]);
    const theirs = await savedBlocks(paths.mapPath, SIZE);
    expect(theirs.some((b) => b.status === '*')).toBe(true);
    const ours = device.source();
    await expect(imageSource(ours, { ...paths, ...settings })).resolves.toMatchObject({ complete: true });
    expect(readsOfFinished(ours.reads, theirs)).toEqual([]);
    expect(await savedBlocks(paths.mapPath, SIZE)).toEqual(expectedBlocks(SIZE, BAD));
    expect(await imageHash(paths.imagePath)).toBe(sha256(expectedImage(device.bytes, BAD)));
  });

  it("reads a map from ddrescue's generate mode (zeros in the image are non-tried) and completes the rescue from it", async () => {
    const paths = { imagePath: folder.file('generated.img'), mapPath: folder.file('generated.map') };
    const partial = expectedImage(device.bytes, BAD);
    partial.fill(0, 600 * 512, 900 * 512); // as if never copied
    await writeFile(paths.imagePath, partial);
    run(['--generate-mode', source, paths.imagePath, paths.mapPath]);
    const generated = await readMapfile(paths.mapPath, SIZE);
    expect(generated?.currentStatus).toBe('+'); // generate mode says 'G' only while it runs
    expect(generated?.map.blocks.some((b) => b.status === '?')).toBe(true);
    await imageSource(device.source(), { ...paths, ...settings });
    expect(await savedBlocks(paths.mapPath, SIZE)).toEqual(expectedBlocks(SIZE, BAD));
    expect(await imageHash(paths.imagePath)).toBe(sha256(expectedImage(device.bytes, BAD)));
  });
});
