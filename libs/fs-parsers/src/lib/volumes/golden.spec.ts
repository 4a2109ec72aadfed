import { describe, it } from 'vitest';
import { expectGolden } from '../../testing/golden.js';
import { VOLUME_FIXTURES, volumeFixtureImage } from '../../testing/volume-fixtures.js';
import { bufferSource } from '../source/buffer-source.js';
import { openVolumes } from './open-volumes.js';

const list = (lines: string[]): string => (lines.length > 0 ? `[\n${lines.join(',\n')}\n]` : '[]');

/** One line per volume and per other entry: small diffs when the parser's output changes. */
async function dump(): Promise<string> {
  const parts: string[] = [];
  for (const name of VOLUME_FIXTURES) {
    const source = bufferSource(volumeFixtureImage(name), name);
    const layout = await openVolumes(source);
    const head = JSON.stringify({ scheme: layout.scheme, sectorSize: layout.sectorSize, diskId: layout.diskId, notes: layout.notes });
    const volumes = layout.volumes.map((v) =>
      JSON.stringify({ index: v.index, offset: v.offset, length: v.length, label: v.source.label, partition: v.partition }),
    );
    const others = layout.otherEntries.map((p) => JSON.stringify(p));
    parts.push(`${JSON.stringify(name)}: {\n"layout": ${head},\n"volumes": ${list(volumes)},\n"otherEntries": ${list(others)}\n}`);
  }
  return `{\n${parts.join(',\n')}\n}\n`;
}

describe('golden dump', () => {
  it('every volume fixture parses to the committed golden JSON (UPDATE_GOLDEN=1 rewrites it)', async () => {
    expectGolden(import.meta.dirname, 'layouts', await dump());
  });
});
