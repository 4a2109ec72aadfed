import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { scratch } from '../../testing/fixture-files.js';
import { volumeFixtureImage, type VolumeFixtureName } from '../../testing/volume-fixtures.js';
import { bufferSource } from '../source/buffer-source.js';
import { openVolumes } from './open-volumes.js';
import type { VolumeLayout } from './volume-types.js';

const MMLS = '/usr/bin/mmls';
const hasMmls = existsSync(MMLS);
const temp = scratch();
afterAll(() => temp.cleanup());

/** mmls arguments per fixture: the APM map counts in 2048-byte blocks, the 4K disk in 4096-byte sectors. */
const MMLS_ARGS: Record<Exclude<VolumeFixtureName, 'gpt-backup'>, string[]> = {
  'mbr-extended': [],
  gpt: [],
  'gpt-4k': ['-b', '4096'],
  'apm-hybrid': ['-t', 'mac', '-b', '2048'],
};

/** mmls's partition rows (not "Meta" tables nor "-------" unallocated space) as [start, length, description]. */
function mmlsRows(name: VolumeFixtureName, args: string[]): [number, number, string][] {
  const path = temp.write(`${name}.img`, volumeFixtureImage(name));
  const out = execFileSync(MMLS, [...args, path], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => /^\d+:\s+(\S+)\s+(\d+)\s+\d+\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[1] !== 'Meta' && m[1] !== '-------')
    .map((m) => [Number(m[2]), Number(m[3]), m[4] ?? '']);
}

/** Our entries as mmls lists them: all but MBR extended containers (our only MBR other entries; mmls calls them Meta). */
function ours(layout: VolumeLayout): [number, number][] {
  const others = layout.scheme === 'mbr' ? [] : layout.otherEntries;
  return [...layout.volumes.flatMap((v) => (v.partition ? [v.partition] : [])), ...others]
    .map((p): [number, number] => [p.startSector, p.sectorCount])
    .sort((a, b) => a[0] - b[0]);
}

describe.skipIf(!hasMmls)(`partitions agree with The Sleuth Kit's mmls${hasMmls ? '' : ' (skipped: /usr/bin/mmls is not installed)'}`, () => {
  it.each(Object.entries(MMLS_ARGS))('%s: the partitions\' starts and lengths equal mmls\'s', async (name, args) => {
    const fixture = name as VolumeFixtureName;
    const theirs = mmlsRows(fixture, args).map(([start, length]) => [start, length]);
    expect(theirs.length).toBeGreaterThanOrEqual(2);
    expect(ours(await openVolumes(bufferSource(volumeFixtureImage(fixture))))).toEqual(theirs);
  });

  it('gpt-backup: mmls reads only the primary GPT header, so it sees just the protective entry; we see both partitions', async () => {
    const theirs = mmlsRows('gpt-backup', []);
    expect(theirs).toEqual([[1, 8191, 'GPT Safety Partition (0xee)']]);
    const layout = await openVolumes(bufferSource(volumeFixtureImage('gpt-backup')));
    expect(ours(layout)).toEqual([
      [2048, 2048],
      [4096, 2048],
    ]);
  });
});
