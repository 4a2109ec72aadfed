import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureFiles, scratch, sha256 } from '../../testing/fixture-files.js';
import { fat32 } from '../fat/fat-descriptors.js';
import { bufferSource } from '../source/buffer-source.js';
import { readByteRuns } from '../source/read-runs.js';
import { parseMediaStoreName } from './media-store-name.js';

interface AndroidTrashManifest {
  files: { path: string; name: string; state: 'live' | 'trashed' | 'pending'; originalName: string; expiresAt?: string; deleted: boolean; size: number; sha256: string }[];
}

const FLS = '/usr/bin/fls';
const hasFls = existsSync(FLS);
const files = fixtureFiles('android-trash');
const manifest = files.manifest<AndroidTrashManifest>('android-trash');
const image = files.image('android-trash');
const temp = scratch();
afterAll(() => temp.cleanup());

describe("an Android phone's SD card (FAT32): MediaStore names read off the filesystem", async () => {
  const source = bufferSource(image, 'android-trash.img');
  const entries = await (await fat32.open(source)).entries();

  it.each(manifest.files.map((f) => [f.path, f] as const))('%s: listed (deleted or not), its name gives state, real name and expiry, its bytes hash', async (path, file) => {
    const entry = entries.find((e) => e.path === path && e.deleted === file.deleted);
    expect(entry, path).toBeDefined();
    expect(entry?.size).toBe(file.size);
    const parsed = parseMediaStoreName(entry?.name ?? '');
    if (file.state === 'live') expect(parsed).toBeUndefined();
    else expect(parsed).toEqual({ state: file.state, originalName: file.originalName, expiresAt: new Date(file.expiresAt ?? '') });
    expect(sha256(await readByteRuns(source, entry?.byteRuns ?? []))).toBe(file.sha256);
  });

  it.skipIf(!hasFls)(`lists the same live and deleted paths as The Sleuth Kit's fls${hasFls ? '' : ' (skipped: /usr/bin/fls is not installed)'}`, () => {
    const theirs = execFileSync(FLS, ['-r', '-p', '-f', 'fat32', temp.write('android-trash.img', image)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => /^([a-zA-Z-])\/[a-zA-Z-]\s+(\*\s+)?[^:]+:\t(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null && m[1] !== 'v' && m[1] !== 'V' && !m[3]?.endsWith('(Volume Label Entry)'))
      .map((m) => `${m[2] ? '*' : ' '} /${m[3]}`)
      .sort();
    expect(entries.map((e) => `${e.deleted ? '*' : ' '} ${e.path}`).sort()).toEqual(theirs);
  });
});
