/** Byte builders for ISO base media boxes (ISO/IEC 14496-12), for tests that need a structure no encoder writes. */

export const u8 = (...values: number[]): Buffer => Buffer.from(values);
export const u16 = (...values: number[]): Buffer => Buffer.concat(values.map((v) => Buffer.from([v >> 8, v & 255])));
export const u32 = (...values: number[]): Buffer => {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, 4 * i));
  return b;
};
export const u64 = (...values: number[]): Buffer => {
  const b = Buffer.alloc(8 * values.length);
  values.forEach((v, i) => b.writeBigUInt64BE(BigInt(v), 8 * i));
  return b;
};
export const text = (s: string): Buffer => Buffer.from(s, 'latin1');

/** A box: 32-bit size, type, payload. */
export function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([u32(8 + body.length), text(type), body]);
}

/** A box with a 64-bit size (size field 1). */
export function largeBox(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([u32(1), text(type), u64(16 + body.length), body]);
}

/** A full box: version and 24-bit flags before the payload. */
export function fullBox(type: string, version: number, flags: number, ...payload: Buffer[]): Buffer {
  return box(type, u32(((version & 255) << 24) | (flags & 0xffffff)), ...payload);
}

export function uuidBox(uuid: string, ...payload: Buffer[]): Buffer {
  return box('uuid', Buffer.from(uuid, 'hex'), ...payload);
}

export function ftyp(major: string, minor: number, ...compatible: string[]): Buffer {
  return box('ftyp', text(major), u32(minor), ...compatible.map(text));
}

/** mvhd version 0: times, timescale 1000, duration, rate, volume, matrix, next track id. */
export function mvhd(duration = 1000): Buffer {
  return fullBox('mvhd', 0, 0, u32(0, 0, 1000, duration, 0x10000), u16(0x100), Buffer.alloc(10), unityMatrix(), Buffer.alloc(24), u32(2));
}

const unityMatrix = (): Buffer => u32(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);

export interface TrackSpec {
  readonly width: number;
  readonly height: number;
  /** Offsets (from the file's start) of one-sample chunks, and their sizes. */
  readonly chunkOffsets: readonly number[];
  readonly sampleSizes: readonly number[];
  /** 64-bit chunk offsets (co64) instead of stco. */
  readonly co64?: boolean;
  /** The sample entry's format (avc1, CRAW…). */
  readonly codec?: string;
  /** Samples in each chunk (1 by default): `sampleSizes` then lists this many per chunk offset. */
  readonly samplesPerChunk?: number;
}

/** A video track whose chunks hold one sample each (or `samplesPerChunk`). */
export function trak(spec: TrackSpec, id = 1): Buffer {
  const n = spec.chunkOffsets.length;
  const samples = spec.sampleSizes.length;
  const tkhd = fullBox('tkhd', 0, 3, u32(0, 0, id, 0, 1000), Buffer.alloc(8), u16(0, 0, 0, 0), unityMatrix(), u32(spec.width * 0x10000, spec.height * 0x10000));
  const entry = box(spec.codec ?? 'avc1', Buffer.alloc(6), u16(1), Buffer.alloc(16), u16(spec.width, spec.height), Buffer.alloc(50));
  const stbl = box(
    'stbl',
    fullBox('stsd', 0, 0, u32(1), entry),
    fullBox('stts', 0, 0, u32(1, samples, 1)),
    fullBox('stsc', 0, 0, u32(1, 1, spec.samplesPerChunk ?? 1, 1)),
    fullBox('stsz', 0, 0, u32(0, samples, ...spec.sampleSizes)),
    spec.co64 ? fullBox('co64', 0, 0, u32(n), u64(...spec.chunkOffsets)) : fullBox('stco', 0, 0, u32(n, ...spec.chunkOffsets)),
  );
  const minf = box('minf', fullBox('vmhd', 0, 1, Buffer.alloc(8)), box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))), stbl);
  const mdia = box('mdia', fullBox('mdhd', 0, 0, u32(0, 0, 1000, 1000), u16(0x55c4, 0)), fullBox('hdlr', 0, 0, u32(0), text('vide'), Buffer.alloc(13)), minf);
  return box('trak', tkhd, mdia);
}

/** A moov with a movie header, `extra` boxes first (a maker's uuid), then the tracks. */
export function moov(tracks: readonly TrackSpec[], ...extra: Buffer[]): Buffer {
  return box('moov', ...extra, mvhd(), ...tracks.map((t, i) => trak(t, i + 1)));
}
