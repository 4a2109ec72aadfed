import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { exfatImage } from '../../testing/exfat-fixtures.js';
import { scratch } from '../../testing/fixture-files.js';
import { detectFilesystem } from '../filesystems.js';
import { openFileSource } from '../source/file-source.js';

const FLS = '/usr/bin/fls';
const hasFls = existsSync(FLS);
const temp = scratch();
afterAll(() => temp.cleanup());

/**
 * "r/r * 9869:\tFrag/R.jpg" -> "* /Frag/R.jpg". Left out: TSK's virtual files (v/v $MBR, $FAT1,
 * V/V $OrphanFiles), the label line, the $ALLOC_BITMAP and $UPCASE_TABLE it lists as files, and
 * what it finds under $OrphanFiles (entries it reads out of free clusters: on this card, one nameless
 * guess from file data; orphans.spec.ts compares orphan folders on the quick-formatted card).
 */
function flsNames(imagePath: string): string[] {
  const out = execFileSync(FLS, ['-r', '-p', '-f', 'exfat', imagePath], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => /^([a-zA-Z-])\/([a-zA-Z-])\s+(\*\s+)?[^:]+:\t(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .filter((m) => m[1] !== 'v' && m[1] !== 'V' && !m[4]?.endsWith('(Volume Label Entry)'))
    .filter((m) => !['$ALLOC_BITMAP', '$UPCASE_TABLE'].includes(m[4] ?? '') && !m[4]?.startsWith('$OrphanFiles/'))
    .map((m) => `${m[3] ? '*' : ' '} /${m[4]}`)
    .sort();
}

describe.skipIf(!hasFls)(`names agree with The Sleuth Kit's fls${hasFls ? '' : ' (skipped: /usr/bin/fls is not installed)'}`, () => {
  it('exfat: live and deleted names from fls -r -p equal ours', async () => {
    const path = temp.write('exfat.img', exfatImage());
    const source = await openFileSource(path);
    try {
      const fs = await (await detectFilesystem(source))?.open(source);
      const ours = (await fs?.entries())?.map((e) => `${e.deleted ? '*' : ' '} ${e.path}`).sort();
      const theirs = flsNames(path);
      expect(theirs.length).toBeGreaterThan(50);
      expect(ours).toEqual(theirs);
    } finally {
      await source.close();
    }
  });
});
