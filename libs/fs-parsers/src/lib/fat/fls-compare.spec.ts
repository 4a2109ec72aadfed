import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FAT_FIXTURES, fixtureImage } from '../../testing/fat-fixtures.js';
import { scratch } from '../../testing/fixture-files.js';
import { detectFilesystem } from '../filesystems.js';
import { openFileSource } from '../source/file-source.js';

const FLS = '/usr/bin/fls';
const hasFls = existsSync(FLS);
const temp = scratch();
afterAll(() => temp.cleanup());

/** "r/r * 1050518:\tFrag/_.BIN" -> "* /Frag/_.BIN"; virtual files ($FAT1, $MBR...) and the label left out. */
function flsNames(imagePath: string, fatType: string): string[] {
  const out = execFileSync(FLS, ['-r', '-p', '-f', fatType, imagePath], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => /^([a-zA-Z-])\/([a-zA-Z-])\s+(\*\s+)?[^:]+:\t(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .filter((m) => m[1] !== 'v' && m[1] !== 'V' && !m[4]?.endsWith('(Volume Label Entry)'))
    .map((m) => `${m[3] ? '*' : ' '} /${m[4]}`)
    .sort();
}

describe.skipIf(!hasFls)(`names agree with The Sleuth Kit's fls${hasFls ? '' : ' (skipped: /usr/bin/fls is not installed)'}`, () => {
  it.each(FAT_FIXTURES)('%s: live and deleted names from fls -r -p equal ours', async (name) => {
    const path = temp.write(`${name}.img`, fixtureImage(name));
    const source = await openFileSource(path);
    try {
      const fs = await (await detectFilesystem(source))?.open(source);
      const ours = (await fs?.entries())?.map((e) => `${e.deleted ? '*' : ' '} ${e.path}`).sort();
      const theirs = flsNames(path, name);
      expect(theirs.length).toBeGreaterThan(10);
      expect(ours).toEqual(theirs);
    } finally {
      await source.close();
    }
  });
});
