import { describe, it } from 'vitest';
import { fixtureImage } from '../../testing/fat-fixtures.js';
import { withImageFile } from '../../testing/fixture-files.js';
import { formattedImage } from '../../testing/formatted-fixture.js';
import { dumpFileSystem, expectGolden } from '../../testing/golden.js';
import type { FileSystem } from '../filesystem.js';
import { detectFilesystem } from '../filesystems.js';

const CASES = [
  { name: 'fat32', image: () => fixtureImage('fat32') },
  { name: 'fat32-formatted', image: formattedImage },
];

describe('golden dump', () => {
  it.each(CASES)('the $name fixture parses to the committed golden JSON (UPDATE_GOLDEN=1 rewrites it)', async ({ name, image }) => {
    const actual = await withImageFile(name, image(), async (source) => {
      const fs = (await (await detectFilesystem(source))?.open(source)) as FileSystem;
      return dumpFileSystem(fs, () => [['filesystem', { id: fs.id, label: fs.label, clusterSize: fs.clusterSize, notes: fs.notes }]]);
    });
    expectGolden(import.meta.dirname, name, actual);
  });
});
