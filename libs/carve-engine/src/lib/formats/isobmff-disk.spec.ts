import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { renderCr3 } from '../../testing/cr3-builder.js';
import { buildDisk, layOut } from '../../testing/disk.js';
import { dropLeadingBoxes, isobmffFixture } from '../../testing/isobmff-fixtures.js';
import { carve } from '../carve.js';
import type { CarvedFile } from '../types.js';
import { cr3Format } from './cr3.js';
import { heicFormat } from './heic.js';
import { jpegFormat } from './jpeg.js';
import { movFormat } from './mov.js';
import { mp4Format } from './mp4.js';

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const formats = [jpegFormat, mp4Format, heicFormat, cr3Format, movFormat];

let samples: { name: string; data: Buffer; format: string }[];
beforeAll(async () => {
  const fixture = (name: string, format: string) => ({ name, data: isobmffFixture(name), format });
  samples = [
    fixture('camera.mp4', 'mp4'),
    fixture('faststart.mp4', 'mp4'),
    fixture('fragmented.mp4', 'mp4'),
    fixture('camera.mov', 'mov'),
    fixture('clip.m4v', 'm4v'),
    fixture('phone.3gp', '3gp'),
    fixture('phone.3g2', '3g2'),
    fixture('photo.heic', 'heic'),
    fixture('thumb.heic', 'heic'),
    { name: 'sharp.avif', data: await sharp({ create: { width: 48, height: 32, channels: 3, background: '#2a6' } }).avif().toBuffer(), format: 'avif' },
    { name: 'canon.cr3', data: await renderCr3(), format: 'cr3' },
    { name: 'old.mov', data: dropLeadingBoxes(isobmffFixture('faststart.mp4'), 1), format: 'mov' },
  ];
});

const carveAll = async (disk: Buffer, blockSize: number): Promise<CarvedFile[]> => {
  const out: CarvedFile[] = [];
  for await (const file of carve(bufferSource(disk), { blockSize, formats })) out.push(file);
  return out;
};

describe('ISO base media files on a disk', () => {
  it('carves every kind back byte for byte from block boundaries, and nothing inside them', async () => {
    const placements = layOut(samples.map((s) => s.data), 4096, 512, 1500);
    const disk = buildDisk(placements.at(-1)!.offset + 60_000, placements, 7);
    const found = await carveAll(disk, 512);
    expect(found.map((f) => [f.format, f.byteRuns[0].offset, f.sha256])).toEqual(samples.map((s, i) => [s.format, placements[i].offset, sha(s.data)]));
    expect(found.every((f) => f.validation.state === 'complete')).toBe(true);
  });

  it('finds them at odd offsets byte by byte, and the last one cut by the end of the disk truncated', async () => {
    const placements = layOut(samples.map((s) => s.data), 333, 1, 777, 0);
    const last = samples[0].data;
    const size = placements.at(-1)!.offset + samples.at(-1)!.data.length + 900 + 600;
    const disk = buildDisk(size, [...placements, { offset: size - 600, data: last.subarray(0, 600) }], 9);
    const found = await carveAll(disk, 1);
    expect(found.map((f) => f.sha256)).toEqual([...samples.map((s) => sha(s.data)), sha(last.subarray(0, 600))]);
    expect(found.at(-1)).toMatchObject({ format: 'mp4', validation: { state: 'truncated' } });
  });
});
