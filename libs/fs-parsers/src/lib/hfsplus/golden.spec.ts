import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratch } from '../../testing/fat-fixtures.js';
import { HFS_JOURNALED, type HfsFixtureName, hfsFixtureImage } from '../../testing/hfsplus-fixtures.js';
import { openFileSource } from '../source/file-source.js';
import { hfsplus } from './hfsplus-descriptor.js';
import type { HfsPlusFileSystem } from './hfsplus-filesystem.js';

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
  const journal = fs.header.journaled ? await fs.journal() : undefined;
  const lists = journal?.lists.map(({ offset, sequence, numBlocks, bytesUsed, pending }) => ({ offset, sequence, numBlocks, bytesUsed, pending }));
  return [
    '{',
    `"filesystem": ${JSON.stringify({ id: fs.id, label: fs.label, clusterSize: fs.clusterSize, notes: fs.notes })},`,
    ...(journal ? [`"journal": ${JSON.stringify({ header: journal.header, lists, records: journal.records.length, notes: journal.notes })},`] : []),
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
  it.each(['hfsplus', HFS_JOURNALED] as HfsFixtureName[])('the %s fixture parses to its committed golden JSON (UPDATE_GOLDEN=1 rewrites it)', async (name) => {
    const golden = join(import.meta.dirname, '__golden__', `${name}.json`);
    const temp = scratch();
    const source = await openFileSource(temp.write(`${name}.img`, hfsFixtureImage(name)));
    try {
      const actual = await dump((await hfsplus.open(source)) as HfsPlusFileSystem);
      expect(() => JSON.parse(actual)).not.toThrow();
      if (process.env['UPDATE_GOLDEN'] === '1') {
        mkdirSync(dirname(golden), { recursive: true });
        writeFileSync(golden, actual);
      }
      expect(existsSync(golden), `no golden at ${golden}: run the test with UPDATE_GOLDEN=1`).toBe(true);
      expect(actual).toBe(readFileSync(golden, 'utf8'));
    } finally {
      await source.close();
      temp.cleanup();
    }
  });
});
