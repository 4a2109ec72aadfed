import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultPlan } from '../../testing/faulty-source.js';
import type { ChildJob } from '../../testing/imaging-child.js';
import { expectedBlocks, expectedImage, failingDevice, imageHash, readsOfFinished, savedBlocks, scratchFolder, sha256 } from '../../testing/imaging-fixtures.js';
import { imageSource } from './imager.js';
import type { ImagingPhase, ImagingProgress } from './progress.js';

// A real kill: the imager runs in its own process and gets SIGKILL, with no chance to save.
const SIZE = 2 * 1024 * 1024;
const SEED = 5;
const BAD = [
  { first: 100, count: 60 },
  { first: 2000, count: 300 },
  { first: 3500, count: 2 },
];
// 1 ms per read everywhere, so the child is still at work when it is killed.
const PLAN: FaultPlan = { bad: BAD, slow: [{ first: 0, count: SIZE / 512, delayMs: 1 }] };
const settings = { chunkSize: 16 * 1024, saveIntervalMs: 30 };

let folder: Awaited<ReturnType<typeof scratchFolder>>;
beforeAll(async () => {
  folder = await scratchFolder('imager-kill');
});
// The child runs the TypeScript sources as vitest does, through the module hooks the carve engine's
// tests use for their worker threads (workspace libs by their source condition, .ts transpiled).
const hooks = new URL('../../../../../libs/carve-engine/src/testing/typescript-hooks.mjs', import.meta.url).href;
const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(hooks)});`;
const child = fileURLToPath(new URL('../../testing/imaging-child.ts', import.meta.url));
afterAll(() => folder.cleanup());

/** Runs the child until its `nth` report of `phase`, kills it, and says what it saw last. */
function killAt(job: ChildJob, phase: ImagingPhase, nth: number): Promise<ImagingProgress> {
  return new Promise((resolve, reject) => {
    const running = spawn(process.execPath, ['--import', register, child, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = 0;
    let stderr = '';
    running.stderr.on('data', (chunk) => (stderr += String(chunk)));
    createInterface({ input: running.stdout }).on('line', (line) => {
      const report = JSON.parse(line) as ImagingProgress & { done?: boolean };
      if (report.phase === phase && ++seen === nth && running.kill('SIGKILL')) resolve(report);
    });
    running.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the child ended before ${phase} #${nth}: ${stderr}`));
    });
  });
}

describe('killed with SIGKILL mid-way', () => {
  it.each([
    ['copying', 60],
    ['trimming', 3],
    ['scraping', 100],
  ] as const)('a rescue killed while %s resumes from the saved map to the same image and map', async (phase, nth) => {
    const paths = { imagePath: folder.file(`${phase}.img`), mapPath: folder.file(`${phase}.map`) };
    await killAt({ size: SIZE, seed: SEED, plan: PLAN, ...paths, ...settings }, phase, nth);
    const atKill = await savedBlocks(paths.mapPath, SIZE);
    expect(atKill.some((block) => block.status === '+')).toBe(true);
    const device = failingDevice(SIZE, { bad: BAD }, SEED);
    const resumed = device.source();
    await imageSource(resumed, { ...paths, ...settings });
    expect(await savedBlocks(paths.mapPath, SIZE)).toEqual(expectedBlocks(SIZE, BAD));
    expect(await imageHash(paths.imagePath)).toBe(sha256(expectedImage(device.bytes, BAD)));
    expect(readsOfFinished(resumed.reads, atKill)).toEqual([]);
  });
});
