import { describe, it } from 'vitest';
import { withImageFile } from '../../testing/fixture-files.js';
import { dumpFileSystem, expectGolden } from '../../testing/golden.js';
import { HFS_JOURNALED, type HfsFixtureName, hfsFixtureImage } from '../../testing/hfsplus-fixtures.js';
import { hfsplus } from './hfsplus-descriptor.js';
import type { HfsPlusFileSystem } from './hfsplus-filesystem.js';

/** The volume, its journal (when it has one), its header and special files, then the ranges and one line per entry. */
function dump(fs: HfsPlusFileSystem): Promise<string> {
  const sections = async (): Promise<[string, unknown][]> => {
    const { forks, ...header } = fs.header;
    const journal = fs.header.journaled ? await fs.journal() : undefined;
    const lists = journal?.lists.map(({ offset, sequence, numBlocks, bytesUsed, pending }) => ({ offset, sequence, numBlocks, bytesUsed, pending }));
    const journalLine: [string, unknown][] = journal ? [['journal', { header: journal.header, lists, records: journal.records.length, notes: journal.notes }]] : [];
    return [
      ['filesystem', { id: fs.id, label: fs.label, clusterSize: fs.clusterSize, notes: fs.notes }],
      ...journalLine,
      ['header', header],
      ['specialFiles', forks],
    ];
  };
  return dumpFileSystem(fs, sections, 'block');
}

describe('golden dump', () => {
  it.each(['hfsplus', HFS_JOURNALED] as HfsFixtureName[])('the %s fixture parses to its committed golden JSON (UPDATE_GOLDEN=1 rewrites it)', async (name) => {
    const actual = await withImageFile(name, hfsFixtureImage(name), async (source) => dump((await hfsplus.open(source)) as HfsPlusFileSystem));
    expectGolden(import.meta.dirname, name, actual);
  });
});
