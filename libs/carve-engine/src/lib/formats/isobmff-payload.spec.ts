import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { renderCr3 } from '../../testing/cr3-builder.js';
import { buildHeif } from '../../testing/heif-builder.js';
import { boxesIn, dropLeadingBoxes, findBox, isobmffFixture, shiftChunkOffsets } from '../../testing/isobmff-fixtures.js';
import { CAMERA_EXIF, renderJpeg } from '../../testing/jpeg-fixtures.js';
import { buildMjpegMovie } from '../../testing/mjpeg-builder.js';
import { carveDisk, cutShort, foundAt, overwritten, sha256, type PayloadScenario } from '../../testing/payload-scenario.js';
import { randomBytes } from '../../testing/random.js';
import type { CarvedFile, CarveFormat } from '../types.js';
import { cr3Format } from './cr3.js';
import { heicFormat } from './heic.js';
import { movFormat } from './mov.js';
import { mp4Format } from './mp4.js';

const EXTRA = 64 * 1024;

/** A copy whose last top-level box (its mdat) claims `extra` more bytes than it holds. */
function mdatClaimsMore(file: Buffer, extra = EXTRA): Buffer {
  const last = boxesIn(file).at(-1);
  if (last?.type !== 'mdat') throw new Error('the mdat must be the last box');
  const out = Buffer.from(file);
  out.writeUInt32BE(last.end - last.start + extra, last.start);
  return out;
}

/** A copy with `extra` random bytes at the end of its mdat's content (the moov after it keeps its offsets). */
function mdatWithTail(file: Buffer, extra = EXTRA): Buffer {
  const mdat = findBox(file, ['mdat']);
  const head = Buffer.from(file.subarray(0, mdat.end));
  head.writeUInt32BE(mdat.end - mdat.start + extra, mdat.start);
  return Buffer.concat([head, randomBytes(extra, 5), file.subarray(mdat.end)]);
}

function expectCutAtThePhotos(found: readonly CarvedFile[], format: string, { base, jpeg, png }: PayloadScenario): void {
  const outer = foundAt(found, base);
  expect(outer).toMatchObject({ format, size: jpeg.at - base, validation: { state: 'corrupt' } });
  expect(outer?.validation.reasons.join(' ')).toContain(`a complete jpeg file starts at byte ${jpeg.at - base}, inside the data this file claims: cut there`);
  expect(foundAt(found, jpeg.at)).toMatchObject({ format: 'jpeg', sha256: sha256(jpeg.data), validation: { state: 'complete' } });
  expect(foundAt(found, png.at)).toMatchObject({ format: 'png', sha256: sha256(png.data), validation: { state: 'complete' } });
}

const matchOf = (format: CarveFormat, data: Buffer) => format.match(bufferSource(data), 0, { maxSize: data.length });

let samples: { name: string; format: string; descriptor: CarveFormat; data: Buffer }[];
let frames: Buffer[];
beforeAll(async () => {
  samples = [
    { name: 'faststart.mp4', format: 'mp4', descriptor: mp4Format, data: isobmffFixture('faststart.mp4') },
    { name: 'an ftyp-less QuickTime movie', format: 'mov', descriptor: movFormat, data: dropLeadingBoxes(isobmffFixture('faststart.mp4'), 1) },
    { name: 'photo.heic', format: 'heic', descriptor: heicFormat, data: isobmffFixture('photo.heic') },
    { name: 'a CR3', format: 'cr3', descriptor: cr3Format, data: await renderCr3() },
  ];
  frames = await Promise.all([1, 2, 3, 4].map((seed) => renderJpeg({ width: 64, height: 48, seed, exif: CAMERA_EXIF })));
});

describe('ISO base media: the mdat past the last byte the index references', () => {
  it('is reported as payload from the last referenced byte, and a whole file reports none', async () => {
    for (const { descriptor, data } of samples) {
      expect((await matchOf(descriptor, data))?.payload).toBeUndefined();
      const longer = Buffer.concat([mdatClaimsMore(data, 4096), randomBytes(4096, 3)]);
      expect(await matchOf(descriptor, longer)).toMatchObject({ length: longer.length, validation: { state: 'complete' }, payload: [{ offset: data.length - 1, length: 4097 }] });
    }
  });

  for (const blockSize of [512, 1]) {
    it(`cuts a file whose mdat claims more than its samples where the photos stored behind it start (block size ${blockSize})`, async () => {
      for (const { data, format } of samples) {
        const scenario = await cutShort(mdatClaimsMore(data), data.length, data.length + EXTRA);
        expectCutAtThePhotos(await carveDisk(scenario.disk, blockSize), format, scenario);
      }
    });
  }

  it('reads the sample tables of a moov after the mdat: photos in the mdat past the last sample cut the movie there', async () => {
    const camera = isobmffFixture('camera.mp4');
    const mdatEnd = findBox(camera, ['mdat']).end;
    const scenario = await overwritten(mdatWithTail(camera), mdatEnd + 100, mdatEnd + EXTRA);
    for (const blockSize of [512, 1]) expectCutAtThePhotos(await carveDisk(scenario.disk, blockSize), 'mp4', scenario);
  });

  for (const [brand, format] of [['qt  ', 'mov'], ['isom', 'mp4']] as const) {
    it(`leaves a Motion-JPEG ${format} whole: its samples are JPEGs, not foreign files`, async () => {
      for (const moovFirst of [true, false]) {
        for (const samplesPerChunk of [1, 2]) {
          const movie = buildMjpegMovie({ frames, width: 64, height: 48, moovFirst, samplesPerChunk, brand });
          const disk = Buffer.concat([randomBytes(4096, 8), movie, randomBytes(8192, 9)]);
          for (const blockSize of [512, 1]) {
            const found = await carveDisk(disk, blockSize);
            expect(found.map((f) => [f.format, f.byteRuns[0].offset, f.sha256, f.validation.state])).toEqual([[format, 4096, sha256(movie), 'complete']]);
          }
        }
      }
    });
  }

  it('reports none where the index cannot say where its data ends: movie fragments, extents "to the end"', async () => {
    const fragmented = isobmffFixture('fragmented.mp4');
    expect(await matchOf(mp4Format, fragmented)).toMatchObject({ length: fragmented.length, validation: { state: 'complete' } });
    expect((await matchOf(mp4Format, fragmented))?.payload).toBeUndefined();
    const heif = mdatClaimsMore(buildHeif({ primary: { type: 'hvc1', data: randomBytes(900, 4), size: { width: 64, height: 48 } } }), 2048);
    heif.writeUInt32BE(0, findBox(heif, ['meta', 'iloc']).start + 26); // item 1's extent length: "to the end"
    expect((await matchOf(heicFormat, Buffer.concat([heif, randomBytes(2048, 6)])))?.payload).toBeUndefined();
  });

  it('reports none for hostile sample tables, and answers them reading no more than the disk', async () => {
    const file = mdatClaimsMore(isobmffFixture('faststart.mp4'));
    const table = (type: string) => findBox(file, ['moov', 'trak', 'mdia', 'minf', 'stbl', type]).start;
    const variants: [string, Buffer][] = [
      ['a chunk table claiming billions of entries', Buffer.from(file)],
      ['chunk offsets a gigabyte past the end', shiftChunkOffsets(file, 1 << 30)],
      ['a sample table claiming billions of samples', Buffer.from(file)],
      ['a sample-to-chunk table that does not start at chunk 1', Buffer.from(file)],
    ];
    variants[0][1].writeUInt32BE(0xfffffff0, table('stco') + 12);
    variants[2][1].writeUInt32BE(0xfffffff0, table('stsz') + 16);
    variants[3][1].writeUInt32BE(7, table('stsc') + 16);
    for (const [, data] of variants) {
      const disk = Buffer.concat([data, randomBytes(EXTRA + 4096, 12)]);
      const source = bufferSource(disk);
      const m = await mp4Format.match(source, 0, { maxSize: disk.length });
      expect(m?.payload).toBeUndefined();
      expect(source.stats.bytesRead).toBeLessThanOrEqual(disk.length);
    }
  });

  it('probes an mdat claiming 4 GiB only as far as the disk goes', async () => {
    const movie = isobmffFixture('faststart.mp4');
    const huge = Buffer.from(movie);
    huge.writeUInt32BE(0xffffffff, findBox(movie, ['mdat']).start);
    const scenario = await cutShort(huge, movie.length, movie.length + EXTRA);
    const m = await mp4Format.match(bufferSource(scenario.disk), scenario.base, { maxSize: scenario.disk.length - scenario.base });
    expect(m).toMatchObject({ validation: { state: 'truncated' }, payload: [{ offset: scenario.base + movie.length - 1 }] });
    expectCutAtThePhotos(await carveDisk(scenario.disk, 512), 'mp4', scenario);
  });
});
