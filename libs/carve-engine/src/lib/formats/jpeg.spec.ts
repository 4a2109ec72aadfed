import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { buildMpf, CAMERA_EXIF, findSegment, insertAfterSoi, renderJpeg, segment, withExifThumbnail } from '../../testing/jpeg-fixtures.js';
import { randomBytes } from '../../testing/random.js';
import type { FormatMatch } from '../types.js';
import { jpegFormat } from './jpeg.js';
import { MAX_JPEG_SEGMENTS, MAX_SEGMENTS_BEFORE_FRAME } from './jpeg-walk.js';

const match = (data: Buffer, offset = 0, maxSize = jpegFormat.maxSize): Promise<FormatMatch | null> =>
  jpegFormat.match(bufferSource(data), offset, { maxSize: Math.min(maxSize, data.length - offset) });
const tail = randomBytes(5000, 99);

let photo: Buffer;
let progressive: Buffer;
beforeAll(async () => {
  photo = await renderJpeg({ exif: CAMERA_EXIF });
  progressive = await renderJpeg({ progressive: true, seed: 3 });
});

describe('jpeg format: complete files', () => {
  it('ends a baseline JPEG at its EOI, ignoring what follows', async () => {
    const m = await match(Buffer.concat([photo, tail]));
    expect(m).toEqual({ length: photo.length, validation: { state: 'complete', reasons: [] }, dimensions: { width: 320, height: 240 } });
  });

  it('walks a progressive JPEG through all its scans', async () => {
    expect((await sharp(progressive).metadata()).isProgressive).toBe(true);
    const scans = progressive.toString('latin1').split('\xff\xda').length - 1;
    expect(scans).toBeGreaterThan(2);
    const m = await match(Buffer.concat([progressive, tail]));
    expect(m?.length).toBe(progressive.length);
    expect(m?.validation.state).toBe('complete');
  });

  it('does not end at the EOI of an embedded EXIF thumbnail', async () => {
    const thumb = await renderJpeg({ width: 64, height: 48, seed: 5 });
    const withThumb = withExifThumbnail(photo, thumb);
    expect(withThumb.indexOf(thumb)).toBeGreaterThan(0);
    const m = await match(Buffer.concat([withThumb, tail]));
    expect(m?.length).toBe(withThumb.length);
    expect(m?.validation.state).toBe('complete');
  });

  it('keeps every image of an MPF file, ending at the last one', async () => {
    const second = await renderJpeg({ width: 160, height: 120, seed: 21 });
    const third = await renderJpeg({ width: 80, height: 60, seed: 22 });
    const mpo = buildMpf(photo, [second, third]);
    const m = await match(Buffer.concat([mpo, tail]));
    expect(m?.length).toBe(mpo.length);
    expect(m?.validation).toEqual({ state: 'complete', reasons: [] });
  });

  it('finds a JPEG at a non-zero offset', async () => {
    const m = await match(Buffer.concat([tail.subarray(0, 777), photo, tail]), 777);
    expect(m?.length).toBe(photo.length);
  });
});

describe('jpeg format: damage', () => {
  it('calls a file the source cuts short truncated, keeping the bytes there are', async () => {
    const cut = photo.subarray(0, Math.floor(photo.length * 0.6));
    const m = await match(cut);
    expect(m?.length).toBe(cut.length);
    expect(m?.validation.state).toBe('truncated');
    expect(m?.validation.reasons.join()).toMatch(/source ends/);
  });

  it('calls a file truncated inside its headers truncated', async () => {
    const sof = findSegment(photo, 0xc0);
    const m = await match(photo.subarray(0, sof.offset + sof.size + 10));
    expect(m?.validation.state).toBe('truncated');
  });

  it('cuts at an invalid marker in the middle of the scan data (corrupt)', async () => {
    const sos = findSegment(photo, 0xda);
    const bad = Buffer.from(photo);
    const at = sos.offset + sos.size + Math.floor((photo.length - sos.offset - sos.size) / 2);
    bad[at] = 0xff;
    bad[at + 1] = 0x02; // reserved marker code
    const m = await match(Buffer.concat([bad, tail]));
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.length).toBeLessThanOrEqual(at);
    expect(m?.length).toBeGreaterThan(sos.offset);
    expect(m?.validation.reasons.join()).toMatch(/0xFF02/);
  });

  it('cuts where random garbage overwrote the scan data, with a reason', async () => {
    const sos = findSegment(photo, 0xda);
    const at = sos.offset + sos.size + 2000;
    const bad = Buffer.concat([photo.subarray(0, at), randomBytes(20_000, 4), photo.subarray(at)]);
    const m = await match(bad);
    expect(['corrupt', 'truncated']).toContain(m?.validation.state);
    expect(m?.validation.reasons.length).toBeGreaterThan(0);
    expect(m?.length).toBeGreaterThan(at);
    expect(m?.length).toBeLessThan(bad.length);
  });

  it('cuts before a segment with a nonsense length after the frame header (corrupt)', async () => {
    const dht = findSegment(photo, 0xc4);
    const bad = Buffer.from(photo);
    bad.writeUInt16BE(1, dht.offset + 2);
    const m = await match(Buffer.concat([bad, tail]));
    expect(m).toMatchObject({ length: dht.offset, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toMatch(/DHT .* segment length 1/);
  });

  it('cuts when a segment length points into the middle of nowhere (corrupt)', async () => {
    const dht = findSegment(photo, 0xc4);
    const bad = Buffer.from(photo);
    bad.writeUInt16BE(dht.size - 2 + 7, dht.offset + 2);
    const m = await match(Buffer.concat([bad, tail]));
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.length).toBe(dht.offset + dht.size + 7);
  });

  it('rejects a false start (broken before any frame header) as no finding', async () => {
    const dqt = findSegment(photo, 0xdb);
    const bad = Buffer.from(photo);
    bad.writeUInt16BE(0, dqt.offset + 2);
    expect(await match(bad)).toBeNull();
    expect(await match(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), randomBytes(4000, 8)]))).toBeNull();
    expect(await match(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x01]))).toBeNull();
  });

  it('marks an MPF file whose second image was overwritten corrupt, keeping the first image', async () => {
    const second = await renderJpeg({ width: 160, height: 120, seed: 21 });
    const mpo = buildMpf(photo, [second]);
    const firstLength = mpo.length - second.length;
    const bad = Buffer.from(mpo);
    randomBytes(second.length, 3).copy(bad, firstLength);
    const m = await match(bad);
    expect(m).toMatchObject({ length: firstLength, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toMatch(/MPF image 2 .* SOI/);
  });

  it('calls an MPF file whose last image is cut off by the source truncated', async () => {
    const second = await renderJpeg({ width: 160, height: 120, seed: 21 });
    const mpo = buildMpf(photo, [second]);
    const m = await match(mpo.subarray(0, mpo.length - 100));
    expect(m).toMatchObject({ length: mpo.length - 100, validation: { state: 'truncated' } });
  });

  it('keeps the first image when the MP index is garbage', async () => {
    const mpf = segment(0xe2, Buffer.concat([Buffer.from('MPF\0', 'latin1'), Buffer.from('IIxx'), randomBytes(40, 2)]));
    const file = insertAfterSoi(photo, mpf);
    const m = await match(Buffer.concat([file, tail]));
    expect(m).toMatchObject({ length: file.length, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toMatch(/MPF index unusable/);
  });
});

describe('jpeg format: hostile input ends quickly', () => {
  const frameStart = (): Buffer => {
    const sof = findSegment(photo, 0xc0);
    return photo.subarray(0, sof.offset + sof.size);
  };

  it('stops a chain of maximal (0xFFFF) segment lengths at the source end', async () => {
    const seg = segment(0xe1, Buffer.alloc(0xfffd));
    const data = Buffer.concat([Buffer.from([0xff, 0xd8]), ...Array.from({ length: 130 }, () => seg)]);
    const started = Date.now();
    const m = await match(data);
    expect(m?.validation.state).toBe('truncated');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it(`stops after ${MAX_SEGMENTS_BEFORE_FRAME} segments without a frame, ${MAX_JPEG_SEGMENTS} in all`, async () => {
    const tiny = segment(0xfe, Buffer.alloc(0));
    const chain = Buffer.concat(Array.from({ length: MAX_JPEG_SEGMENTS + 10 }, () => tiny));
    expect(await match(Buffer.concat([Buffer.from([0xff, 0xd8]), chain]))).toBeNull();
    const m = await match(Buffer.concat([frameStart(), chain]));
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.validation.reasons[0]).toMatch(/more than 4096 segments/);
  });

  it('stops on endless 0xFF fill, in the headers and in the scan data', async () => {
    const ff = Buffer.alloc(4 * 1024 * 1024, 0xff);
    expect(await match(Buffer.concat([Buffer.from([0xff, 0xd8]), ff]))).toBeNull();
    const sos = findSegment(photo, 0xda);
    const cut = sos.offset + sos.size + 3000;
    const started = Date.now();
    const m = await match(Buffer.concat([photo.subarray(0, cut), ff]));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.validation.reasons[0]).toMatch(/fill/);
    expect(m?.length).toBeLessThanOrEqual(cut + 1);
  });

  it('gives up at the size limit when no EOI comes (corrupt)', async () => {
    const m = await match(Buffer.concat([photo.subarray(0, photo.length - 2), Buffer.alloc(300_000)]), 0, 100_000);
    expect(m).toMatchObject({ length: 100_000, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toMatch(/size limit/);
  });

  it('does not let a small image run on over megabytes of zeroed space', async () => {
    const small = await renderJpeg({ width: 32, height: 32, seed: 2 });
    const m = await match(Buffer.concat([small.subarray(0, small.length - 2), Buffer.alloc(2_000_000)]));
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.length).toBeLessThan(small.length + 200_000);
  });

  it('walks a frame that claims a huge image without reading more than the file', async () => {
    const huge = Buffer.from(photo);
    const sof = findSegment(huge, 0xc0);
    huge.writeUInt16BE(65535, sof.offset + 5);
    huge.writeUInt16BE(65535, sof.offset + 7);
    const m = await match(Buffer.concat([huge, tail]));
    expect(m).toMatchObject({ length: huge.length, dimensions: { width: 65535, height: 65535 } });
  });
});

describe('jpeg header check', () => {
  it('accepts real starts and rejects bytes no JPEG starts with', () => {
    expect(jpegFormat.checkHeader(photo.subarray(0, 6))).toBe(true);
    expect(jpegFormat.checkHeader(Buffer.from([0xff, 0xd8, 0xff, 0xff, 0xff, 0xff]))).toBe(false);
    expect(jpegFormat.checkHeader(Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x00, 0x10]))).toBe(false);
    expect(jpegFormat.checkHeader(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x01]))).toBe(false);
    expect(jpegFormat.checkHeader(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
  });
});
