import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exfatFormattedImage } from '../../testing/exfat-formatted-fixture.js';
import { exfatImage } from '../../testing/exfat-fixtures.js';
import { scratch } from '../../testing/fat-fixtures.js';
import { detectFilesystem } from '../filesystems.js';
import { openFileSource } from '../source/file-source.js';
import type { ExfatFileSystem } from './exfat-filesystem.js';

/** Each fixture and its golden file: the exFAT card, and the card after a quick format (its orphan folders). */
const FIXTURES = [
  ['exfat', exfatImage],
  ['exfat-formatted', exfatFormattedImage],
] as const;

/** One line per entry and per range list: small diffs when the parser's output changes. */
async function dump(fs: ExfatFileSystem): Promise<string> {
  const entries = (await fs.entries()).map((e) =>
    JSON.stringify({
      path: e.path,
      dir: e.isDirectory,
      deleted: e.deleted,
      size: e.size,
      cluster: e.firstCluster,
      created: e.createdAt,
      modified: e.modifiedAt,
      accessed: e.accessedAt,
      confidence: e.confidence,
      runs: e.byteRuns.map((r) => [r.offset, r.length]),
      notes: e.notes,
    }),
  );
  const g = fs.geometry;
  const volume = { id: fs.id, label: fs.label, clusterSize: fs.clusterSize, serial: g.volumeSerial.toString(16), notes: fs.notes };
  const layout = { fatOffset: g.fatOffset, fatBytes: g.fatBytes, heapOffset: g.dataOffset, clusters: g.clusterCount, root: g.rootCluster };
  const ranges = (runs: { offset: number; length: number }[]) => JSON.stringify(runs.map((r) => [r.offset, r.length]));
  return [
    '{',
    `"filesystem": ${JSON.stringify(volume)},`,
    `"layout": ${JSON.stringify(layout)},`,
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
  it.each(FIXTURES)('the %s fixture parses to the committed golden JSON (UPDATE_GOLDEN=1 rewrites it)', async (name, image) => {
    const GOLDEN = join(import.meta.dirname, '__golden__', `${name}.json`);
    const temp = scratch();
    const source = await openFileSource(temp.write(`${name}.img`, image()));
    try {
      const fs = (await (await detectFilesystem(source))?.open(source)) as ExfatFileSystem;
      const actual = await dump(fs);
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
