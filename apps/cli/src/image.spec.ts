import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImagingStateSchema } from '@afterimage/contracts';
import { afterimage, unpackDemoCard } from './testing/cli-harness.js';

let work: string;
let home: string;
let card: string;
const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-image-'));
  home = join(work, 'home');
  card = await unpackDemoCard(join(work, 'demo-card.img'));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

describe('afterimage image', () => {
  it('copies the demo card byte for byte with a finished ddrescue map (exit 0)', async () => {
    const image = join(work, 'copy.img');
    const run = await afterimage(['image', card, '--out', image], home);
    expect(run.stderr).not.toContain('afterimage:');
    expect(run.code).toBe(0);
    expect(await sha256(image)).toBe(await sha256(card));
    expect(await readFile(`${image}.map`, 'latin1')).toMatch(/^0x00000000\s+0x0*2200000\s+\+$/m);
    expect(run.stdout).toContain('every sector was read');
    expect(run.stdout).toContain(`afterimage scan ${image}`);
  });

  it('prints the final state as JSON with --json, the map where --map says', async () => {
    const image = join(work, 'json.img');
    const map = join(work, 'json.map');
    const run = await afterimage(['image', card, '--out', image, '--map', map, '--sector-size', '512', '--retries', '0', '--json'], home);
    expect(run.code).toBe(0);
    const state = ImagingStateSchema.parse(JSON.parse(run.stdout));
    expect(state).toMatchObject({ status: 'done', complete: true, imagePath: image, mapPath: map, progress: { bytesBad: 0, bytesRescued: (await stat(card)).size } });
  });

  it('refuses to write the image over its source (exit 4) and leaves it unchanged', async () => {
    const before = await sha256(card);
    const run = await afterimage(['image', card, '--out', card], home);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('source');
    expect(await sha256(card)).toBe(before);
  });

  it('refuses a folder that does not exist (exit 4) rather than create it', async () => {
    const run = await afterimage(['image', card, '--out', join(work, 'missing', 'copy.img')], home);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(join(work, 'missing'));
    await expect(stat(join(work, 'missing'))).rejects.toThrow();
  });

  it('says a missing source is missing (exit 3) and bad values are bad usage (exit 2)', async () => {
    expect((await afterimage(['image', join(work, 'nope.img'), '--out', join(work, 'n.img')], home)).code).toBe(3);
    expect((await afterimage(['image', card, '--out', join(work, 'x.img'), '--sector-size', '1000'], home)).code).toBe(2);
    expect((await afterimage(['image', card, '--out', join(work, 'x.img'), '--retries', '-1'], home)).code).toBe(2);
    expect((await afterimage(['image', card], home)).code).toBe(2);
  });
});
