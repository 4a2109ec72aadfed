import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { bufferSource, openFileSource } from '@afterimage/fs-parsers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDisk, layOut } from './testing/disk.js';
import { formatFixtures } from './testing/format-fixtures.js';
import { diskFile, runCarve } from './testing/scan-run.js';
import { isExternal } from '../scripts/bundle.mjs';
import type { CarveOptions } from './lib/carve.js';
import type { MediaFinding } from './lib/media-scan/scan-media.js';
import { scanMedia } from './lib/media-scan/scan-media.js';
import type { CarvedFile } from './lib/types.js';

/**
 * The engine node loads for users (the package's `import` export: dist/bundle/, made by the build after
 * tsc) must carve exactly what the source does. Each check runs in a plain node process that imports
 * `@afterimage/carve-engine` by name, as the agent and the CLI do.
 */
const root = resolve(import.meta.dirname, '..');
const bundle = join(root, 'dist/bundle');
const historyCard = join(root, '../../fixtures/media-scan/history-card.img.gz');

let image: { path: string; remove(): Promise<void> };

beforeAll(async () => {
  if (!existsSync(join(bundle, 'index.js'))) throw new Error(`${bundle}/index.js is missing: build first (npx nx build @afterimage/carve-engine)`);
  // One sample of every format, on 4 KiB boundaries between random bytes: some larger than a segment.
  const samples = await Promise.all(Object.values(formatFixtures).map((make) => make()));
  image = await diskFile(buildDisk(4 * 1024 * 1024, layOut(samples, 8192, 4096, 20_000), 5));
});

afterAll(async () => {
  await image?.remove();
});

interface NodeRun {
  readonly resolved: string;
  readonly results: unknown[];
  readonly summary?: unknown;
}

/**
 * Runs `body` (an async function body with `engine` and `openFileSource` in scope) in a plain node, from
 * a script in dist/ (bare names resolve from there as from any file of the package; workers do not
 * take `--input-type`, so not `node -e`).
 */
async function inNode(body: string): Promise<NodeRun> {
  const script = join(root, 'dist', `bundle-spec-${process.pid}-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(
    script,
    `
    const engine = await import('@afterimage/carve-engine');
    const { openFileSource } = await import('@afterimage/fs-parsers/source');
    const out = await (async () => { ${body} })();
    console.log(JSON.stringify({ resolved: import.meta.resolve('@afterimage/carve-engine'), ...out }));
  `,
  );
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd: root, maxBuffer: 64 << 20 });
    return JSON.parse(stdout) as NodeRun;
  } finally {
    await rm(script, { force: true });
  }
}

const carveInNode = (path: string, options: CarveOptions) =>
  inNode(`
    const source = await openFileSource(${JSON.stringify(path)});
    const scan = engine.carve(source, ${JSON.stringify(options)});
    const results = [];
    for (;;) {
      const step = await scan.next();
      if (step.done) { await source.close(); return { results, summary: step.value }; }
      results.push(step.value);
    }
  `);

/** What the bundle and the source must agree on for every file (JSON, as it crosses the process). */
const comparable = (files: readonly unknown[]) => JSON.parse(JSON.stringify(files)) as CarvedFile[];

describe('the bundled engine (dist/bundle, what node loads for users)', () => {
  it('is what `@afterimage/carve-engine` resolves to outside the tests', async () => {
    const run = await inNode('return { results: [] };');
    expect(run.resolved).toBe(`file://${join(bundle, 'index.js')}`);
  });

  it('finds every format exactly as the source does, in-process', async () => {
    const source = await openFileSource(image.path);
    const reference = await runCarve(source, { blockSize: 'auto', workers: 1 }).finally(() => source.close());
    expect(new Set(reference.files.map((f) => f.format)).size).toBeGreaterThanOrEqual(Object.keys(formatFixtures).length - 2);
    const run = await carveInNode(image.path, { blockSize: 'auto', workers: 1 });
    expect(run.summary).toEqual(JSON.parse(JSON.stringify(reference.summary)));
    expect(run.results).toEqual(comparable(reference.files));
  });

  it('starts its scan workers from the bundle and merges them to the same files', async () => {
    const source = await openFileSource(image.path);
    const reference = await runCarve(source, { blockSize: 4096, workers: 1 }).finally(() => source.close());
    const run = await carveInNode(image.path, { blockSize: 4096, workers: 3, segmentSize: 512 * 1024 });
    expect(run.summary).toMatchObject({ threads: 3 });
    expect(run.results).toEqual(comparable(reference.files));
  });

  it("loads scanMedia's filesystem half on first use and names a card's files as the source does", async () => {
    const card = gunzipSync(await readFile(historyCard));
    const direct: MediaFinding[] = [];
    for await (const finding of scanMedia(bufferSource(card, 'card.img'), { workers: 1, includeLive: true })) direct.push(finding);
    const run = await inNode(`
      const { bufferSource } = await import('@afterimage/fs-parsers');
      const { gunzipSync } = await import('node:zlib');
      const { readFileSync } = await import('node:fs');
      const card = gunzipSync(readFileSync(${JSON.stringify(historyCard)}));
      const results = [];
      for await (const finding of engine.scanMedia(bufferSource(card, 'card.img'), { workers: 1, includeLive: true })) results.push(finding);
      return { results };
    `);
    expect(direct.length).toBeGreaterThan(0);
    expect(run.results).toEqual(comparable(direct));
  });

  it('carries its own modules and libraries, importing only built-ins, Afterimage packages and sharp', async () => {
    const names = await readdir(bundle);
    const imported = new Set<string>();
    for (const name of names) {
      const code = await readFile(join(bundle, name), 'utf8');
      for (const [, id] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|__require\(\s*)["']([^"']+)["']/g)) imported.add(id);
    }
    const foreign = [...imported].filter((id) => !id.startsWith('./') && !isExternal(id));
    expect(foreign).toEqual([]);
    const local = [...imported].filter((id) => id.startsWith('./')).map((id) => id.slice(2));
    expect(local.every((file) => names.includes(file))).toBe(true);
    expect(names).toContain('scan-worker.js');
  });
});
