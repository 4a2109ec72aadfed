import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The committed samples tools/fixtures/build-av-fixtures.sh makes with ffmpeg (see the script for each). */
export type AvFixture = 'clip.avi' | 'clip.mts' | 'clip.m2t' | 'clip.mkv' | 'clip.webm' | 'live.webm';

const DIR = join(import.meta.dirname, 'fixtures', 'av');

export function readAvFixture(name: AvFixture): Promise<Buffer> {
  return readFile(join(DIR, name));
}
