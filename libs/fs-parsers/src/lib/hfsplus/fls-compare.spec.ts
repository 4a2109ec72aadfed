import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { scratch } from '../../testing/fat-fixtures.js';
import { HFS_FIXTURES, hfsFixtureImage } from '../../testing/hfsplus-fixtures.js';
import { openFileSource } from '../source/file-source.js';
import { hfsplus } from './hfsplus-descriptor.js';

const FLS = '/usr/bin/fls';
const hasFls = existsSync(FLS);
const temp = scratch();
afterAll(() => temp.cleanup());

/**
 * "r/r 49:\tDCIM/100APPLE/Café crème.jpg" -> "  /DCIM/100APPLE/Café crème.jpg" (deleted ones with '*').
 * TSK prints names as stored (decomposed): normalised to NFC here as ours are. Its virtual files
 * ($ExtentsFile, $CatalogFile, $BadBlockFile, $AllocationFile...) are left out.
 */
function flsNames(imagePath: string, deletedOnly = false): string[] {
  const out = execFileSync(FLS, ['-f', 'hfs', '-r', '-p', ...(deletedOnly ? ['-d'] : []), imagePath], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => /^([a-zA-Z-])\/([a-zA-Z-])\s+(\*\s+)?[^:]+:\t(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !m[4]?.startsWith('$'))
    .map((m) => `${m[3] ? '*' : ' '} /${m[4]?.normalize('NFC')}`)
    .sort();
}

describe.skipIf(!hasFls)(`names agree with The Sleuth Kit's fls${hasFls ? '' : ' (skipped: /usr/bin/fls is not installed)'}`, () => {
  it.each(HFS_FIXTURES)('%s: live names from fls -r -p equal ours; fls lists none of the deleted ones', async (name) => {
    const path = temp.write(`${name}.img`, hfsFixtureImage(name));
    const source = await openFileSource(path);
    try {
      const entries = await (await hfsplus.open(source)).entries();
      const live = entries.filter((e) => !e.deleted).map((e) => `  ${e.path}`).sort();
      expect(live.length).toBeGreaterThan(30);
      expect(flsNames(path)).toEqual(live);
      // TSK reads only the live catalog: records left in node slack are ours alone.
      expect(flsNames(path, true)).toEqual([]);
      expect(entries.filter((e) => e.deleted).length).toBe(3);
    } finally {
      await source.close();
    }
  });
});
