import { beforeAll, describe, expect, it } from 'vitest';
import { readAvFixture } from '../../testing/av-fixtures.js';
import { bufferSource } from '../../testing/buffer-source.js';
import { carveAll, sha256 } from '../../testing/carve-all.js';
import { buildDisk, layOut } from '../../testing/disk.js';
import { randomBytes } from '../../testing/random.js';
import type { FormatMatch } from '../types.js';
import { ALIGNED_UNIT, mtsFormat, PAT_WITHIN } from './mts.js';

const match = (data: Buffer, offset = 0, maxSize = mtsFormat.maxSize): Promise<FormatMatch | null> =>
  mtsFormat.match(bufferSource(data), offset, { maxSize: Math.min(maxSize, data.length - offset) });
const tail = randomBytes(4000, 31);
const MTS = { id: 'mts', extension: 'mts', mimeType: 'video/mp2t' };
const TS = { id: 'ts', extension: 'ts', mimeType: 'video/mp2t' };

/** A TS packet: sync, PID (payload_unit_start when asked), payload only, a filler payload. */
function packet(pid: number, start = false, fill = 0xff): Buffer {
  const p = Buffer.alloc(188, fill);
  p[0] = 0x47;
  p[1] = (start ? 0x40 : 0) | (pid >> 8);
  p[2] = pid & 0xff;
  p[3] = 0x10;
  return p;
}
const bdav = (packets: Buffer[]): Buffer => Buffer.concat(packets.flatMap((p, i) => [Buffer.from([0, 0, i >> 8, i & 0xff]), p]));

let mts: Buffer;
let ts: Buffer;
beforeAll(async () => {
  mts = await readAvFixture('clip.mts');
  ts = await readAvFixture('clip.m2t');
});

describe('mts format: complete streams', () => {
  it('ends a BDAV (.mts) stream and a plain .ts stream where their packets stop', async () => {
    expect(mts.length % (192 * ALIGNED_UNIT)).toBe(0);
    expect(mts.length / 192).toBeGreaterThan(ALIGNED_UNIT);
    expect(await match(Buffer.concat([mts, tail]))).toEqual({ length: mts.length, validation: { state: 'complete', reasons: [] }, kind: MTS });
    expect(await match(Buffer.concat([ts, tail]))).toEqual({ length: ts.length, validation: { state: 'complete', reasons: [] }, kind: TS });
    expect(await match(Buffer.concat([mts, Buffer.alloc(70_000)]))).toMatchObject({ length: mts.length, validation: { state: 'complete' } });
    expect(await match(mts)).toMatchObject({ length: mts.length, validation: { state: 'complete' } });
  });

  it('carves both kinds out of a disk of random filler byte-exact, aligned and not', async () => {
    for (const [blockSize, skew] of [[512, 0], [1, 3]]) {
      const disk = buildDisk(100_000, layOut([mts, ts, mts], 1536, 512, 2000, skew), 6);
      const found = await carveAll(disk, [mtsFormat], blockSize);
      expect(found.map((f) => f.sha256)).toEqual([mts, ts, mts].map(sha256));
      expect(found.map((f) => [f.format, f.extension, f.mimeType, f.validation.state])).toEqual([
        ['mts', 'mts', 'video/mp2t', 'complete'],
        ['ts', 'ts', 'video/mp2t', 'complete'],
        ['mts', 'mts', 'video/mp2t', 'complete'],
      ]);
      expect(found.map((f) => f.validation.reasons)).toEqual([[], [], []]);
    }
  });
});

describe('mts format: damage', () => {
  it('calls a stream the source cuts short truncated, mid-packet or mid aligned unit', async () => {
    const midPacket = mts.subarray(0, 40 * 192 + 77);
    expect(await match(midPacket)).toMatchObject({ length: midPacket.length, validation: { state: 'truncated' }, kind: MTS });
    const midUnit = mts.subarray(0, 40 * 192);
    const m = await match(midUnit);
    expect(m).toMatchObject({ length: midUnit.length, validation: { state: 'truncated' } });
    expect(m?.validation.reasons[0]).toMatch(/aligned unit/);
    expect(await match(ts.subarray(0, 10 * 188 + 5))).toMatchObject({ length: 10 * 188 + 5, validation: { state: 'truncated' }, kind: TS });
  });

  it('cuts a BDAV stream whose packets stop inside an aligned unit (corrupt), keeping the whole packets', async () => {
    const bad = Buffer.concat([mts.subarray(0, 40 * 192), randomBytes(3000, 2), mts.subarray(40 * 192)]);
    const m = await match(bad);
    expect(m).toMatchObject({ length: 40 * 192, validation: { state: 'corrupt' }, kind: MTS });
    expect(m?.validation.reasons[0]).toMatch(/stop 8 packets into a 32-packet aligned unit/);
  });

  it('ends a plain stream at the first packet without its sync byte: no unit to check, so complete', async () => {
    const bad = Buffer.from(ts);
    bad[12 * 188] = 0x00;
    expect(await match(bad)).toMatchObject({ length: 12 * 188, validation: { state: 'complete' } });
  });

  it('ends where packets on a PID the stream\'s PAT and PMT never declared follow (another stream, or chance)', async () => {
    const strangers = Array.from({ length: 64 }, () => packet(0x0999));
    expect(await match(Buffer.concat([ts, ...strangers]))).toMatchObject({ length: ts.length, validation: { state: 'complete' } });
    expect(await match(Buffer.concat([mts, bdav(strangers)]))).toMatchObject({ length: mts.length, validation: { state: 'complete' } });
    // Declared PIDs and the null PID go on.
    const more = bdav([packet(0x1011), packet(0x1100), ...Array.from({ length: 30 }, () => packet(0x1fff))]);
    expect(await match(Buffer.concat([mts, more, tail]))).toMatchObject({ length: mts.length + more.length, validation: { state: 'complete' } });
  });

  it(`rejects false starts: no PAT within ${PAT_WITHIN} packets, a sync run too short, a reserved packet header`, async () => {
    const noPat = Buffer.concat([packet(0x11, true), ...Array.from({ length: 60 }, () => packet(0x1011))]);
    expect(mtsFormat.checkHeader(noPat.subarray(0, mtsFormat.headerBytes))).toBe(true);
    expect(await match(noPat)).toBeNull();
    expect(await match(bdav([packet(0x11, true), ...Array.from({ length: 60 }, () => packet(0x1011))]))).toBeNull();
    // A stream cut before any PAT (4 packets of SDT and video) is no finding either.
    expect(await match(Buffer.concat([noPat.subarray(0, 188 * 6), tail]))).toBeNull();
    const short = Buffer.concat([mts.subarray(0, 3 * 192), randomBytes(2000, 4)]);
    expect(mtsFormat.checkHeader(short.subarray(0, mtsFormat.headerBytes))).toBe(false);
    const reserved = Buffer.from(ts);
    reserved[3 * 188 + 3] &= 0xcf;
    expect(mtsFormat.checkHeader(reserved.subarray(0, mtsFormat.headerBytes))).toBe(false);
    expect(mtsFormat.checkHeader(randomBytes(mtsFormat.headerBytes, 9))).toBe(false);
  });
});

describe('mts format: hostile input ends quickly', () => {
  it('stops an endless run of valid packets at the size limit (corrupt), on a packet boundary', async () => {
    // The clip's first four packets (SDT, PAT, PMT, video), then null packets: 60000 in all, whole units.
    const stream = Buffer.concat([mts.subarray(0, 4 * 192), bdav(Array.from({ length: 60_000 - 4 }, () => packet(0x1fff)))]);
    const started = Date.now();
    const m = await match(stream, 0, 5_000_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(m).toMatchObject({ length: Math.floor(5_000_000 / 192) * 192, validation: { state: 'corrupt', reasons: [expect.stringMatching(/size limit/)] } });
    expect(await match(stream)).toMatchObject({ length: stream.length, validation: { state: 'complete' } });
  });
});
