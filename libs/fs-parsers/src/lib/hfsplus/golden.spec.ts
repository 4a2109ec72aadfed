import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratch } from '../../testing/fat-fixtures.js';
import { hfsFixtureImage } from '../../testing/hfsplus-fixtures.js';
import { openFileSource } from '../source/file-source.js';
import { hfsplus } from './hfsplus-descriptor.js';
import type { HfsPlusFileSystem } from './hfsplus-filesystem.js';

const GOLDEN = join(import.meta.dirname, '__golden__', 'hfsplus.json');

/** One line per entry and per range list: small diffs when the parser's output changes. */
async function dump(fs: HfsPlusFileSystem): Promise<string> {
  const entries = (await fs.entries()).map((e) =>
    JSON.stringify({
      path: e.path,
      dir: e.isDirectory,
      deleted: e.deleted,
      size: e.size,
      block: e.firstCluster,
      created: e.createdAt,
      modified: e.modifiedAt,
      accessed: e.accessedAt,
      confidence: e.confidence,
      runs: e.byteRuns.map((r) => [r.offset, r.length]),
      notes: e.notes,
    }),
  );
  const ranges = (runs: { offset: number; length: number }[]) => JSON.stringify(runs.map((r) => [r.offset, r.length]));
  const { forks, ...header } = fs.header;
  return [
    '{',
    `"filesystem": ${JSON.stringify({ id: fs.id, label: fs.label, clusterSize: fs.clusterSize, notes: fs.notes })},`,
    `"header": ${JSON.stringify(header)},`,
    `"specialFiles": ${JSON.stringify(forks)},`,
    `"freeRanges": ${ranges(await fs.freeRanges())},`,
    `"allocatedRanges": ${ranges(await fs.allocatedRanges())},`,
    '"entries": [',
    entries.join(',\n'),
    ']',
    '}',
    '',
  ].join('\n');
}

describe('golden dump', () => {
  it('the HFS+ fixture parses to the committed golden JSON (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const temp = scratch();
    const source = await openFileSource(temp.write('hfsplus.img', hfsFixtureImage('hfsplus')));
    try {
      const actual = await dump((await hfsplus.open(source)) as HfsPlusFileSystem);
      expect(() => JSON.parse(actual)).not.toThrow();
      if (process.env['UPDATE_GOLDEN'] === '1') {
        mkdirSync(dirname(GOLDEN), { recursive: true });
        writeFileSync(GOLDEN, actual);
      }
      expect(existsSync(GOLDEN), `no golden at ${GOLDEN}: run the test with UPDATE_GOLDEN=1`).toBe(true);
      expect(actual).toBe(readFileSync(GOLDEN, 'utf8'));
    } finally {
      await source.close();
      temp.cleanup();
    }
  });
});
