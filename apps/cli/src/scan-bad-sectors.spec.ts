import { mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanStateSchema } from '@afterimage/contracts';
import { afterimage, unpackDemoCard } from './testing/cli-harness.js';

// An image of a failing card as GNU ddrescue leaves it: zeros where sectors could not be read, and
// its map beside it (card.img.map). The scan must count those sectors and say so.
let work: string;
let card: string;
const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(8, '0')}`;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-bad-sectors-'));
  card = await unpackDemoCard(join(work, 'card.img'));
  const size = (await stat(card)).size;
  const bad = size - 64 * 512;
  const blocks: [number, number, string][] = [
    [0, bad, '+'],
    [bad, 3 * 512, '-'],
    [bad + 3 * 512, size - bad - 3 * 512, '+'],
  ];
  const map = ['# Mapfile. Created by GNU ddrescue version 1.27', `${hex(bad)}     +               1`, ...blocks.map(([pos, len, status]) => `${hex(pos)}  ${hex(len)}  ${status}`)];
  await writeFile(`${card}.map`, `${map.join('\n')}\n`);
  const image = await open(card, 'r+');
  await image.write(Buffer.alloc(3 * 512), 0, 3 * 512, bad);
  await image.close();
});
afterAll(async () => rm(work, { recursive: true, force: true }));

describe('afterimage scan of an imaged card with bad sectors', () => {
  it('gives the bad sectors of the map in the final state (--json) and in its summary', async () => {
    const json = await afterimage(['scan', card, '--json'], join(work, 'home-json'));
    expect(json.code).toBe(0);
    const state = ScanStateSchema.parse(JSON.parse(json.stdout));
    expect(state.progress).toMatchObject({ badSectors: 3, badSectorsFromMap: 3, unreadableBytes: 1536 });

    const plain = await afterimage(['scan', card], join(work, 'home-plain'));
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/read; 3 bad sectors, per the imaging map \(2 KB could not be read\)\./);
  });
});
