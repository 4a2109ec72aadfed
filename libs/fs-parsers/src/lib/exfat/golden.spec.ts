import { describe, it } from 'vitest';
import { exfatFormattedImage } from '../../testing/exfat-formatted-fixture.js';
import { exfatImage } from '../../testing/exfat-fixtures.js';
import { withImageFile } from '../../testing/fixture-files.js';
import { dumpFileSystem, expectGolden } from '../../testing/golden.js';
import { detectFilesystem } from '../filesystems.js';
import type { ExfatFileSystem } from './exfat-filesystem.js';

/** Each fixture and its golden file: the exFAT card, and the card after a quick format (its orphan folders). */
const FIXTURES = [
  ['exfat', exfatImage],
  ['exfat-formatted', exfatFormattedImage],
] as const;

/** The volume and its layout, then the ranges and one line per entry. */
function dump(fs: ExfatFileSystem): Promise<string> {
  const g = fs.geometry;
  const layout = { fatOffset: g.fatOffset, fatBytes: g.fatBytes, heapOffset: g.dataOffset, clusters: g.clusterCount, root: g.rootCluster };
  return dumpFileSystem(fs, () => [
    ['filesystem', { id: fs.id, label: fs.label, clusterSize: fs.clusterSize, serial: g.volumeSerial.toString(16), notes: fs.notes }],
    ['layout', layout],
  ]);
}

describe('golden dump', () => {
  it.each(FIXTURES)('the %s fixture parses to the committed golden JSON (UPDATE_GOLDEN=1 rewrites it)', async (name, image) => {
    const actual = await withImageFile(name, image(), async (source) => dump((await (await detectFilesystem(source))?.open(source)) as ExfatFileSystem));
    expectGolden(import.meta.dirname, name, actual);
  });
});
