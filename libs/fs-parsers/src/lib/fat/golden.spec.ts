import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureImage, scratch } from '../../testing/fat-fixtures.js';
import { formattedImage } from '../../testing/formatted-fixture.js';
import type { FileSystem } from '../filesystem.js';
import { detectFilesystem } from '../filesystems.js';
import { openFileSource } from '../source/file-source.js';

/** One line per entry and per range list: small diffs when the parser's output changes. */
async function dump(fs: FileSystem): Promise<string> {
  const entries = (await fs.entries()).map((e) =>
    JSON.stringify({
      path: e.path,
      short: e.shortName,
      inferred: e.inferredName,
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
  const ranges = (runs: { offset: number; length: number }[]) => JSON.stringify(runs.map((r) => [r.offset, r.length]));
  return [
    '{',
    `"filesystem": ${JSON.stringify({ id: fs.id, label: fs.label, clusterSize: fs.clusterSize, notes: fs.notes })},`,
    `"freeRanges": ${ranges(await fs.freeRanges())},`,
    `"allocatedRanges": ${ranges(await fs.allocatedRanges())},`,
    '"entries": [',
    entries.join(',\n'),
    ']',
    '}',
    '',
  ].join('\n');
}

const CASES = [
  { name: 'fat32', image: () => fixtureImage('fat32') },
  { name: 'fat32-formatted', image: formattedImage },
];

describe('golden dump', () => {
  it.each(CASES)('the $name fixture parses to the committed golden JSON (UPDATE_GOLDEN=1 rewrites it)', async ({ name, image }) => {
    const golden = join(import.meta.dirname, '__golden__', `${name}.json`);
    const temp = scratch();
    const source = await openFileSource(temp.write(`${name}.img`, image()));
    try {
      const fs = await (await detectFilesystem(source))?.open(source);
      const actual = await dump(fs as FileSystem);
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
