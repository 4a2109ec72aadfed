import type { BoundedReader } from '../bounded-reader.js';
import type { FormatMatch } from '../types.js';
import { maxScanBytes, skipEntropyData } from './jpeg-entropy.js';
import { APP2, DHT, DQT, DRI, EOI, SOI, SOS, hasLength, isFrameHeader, isStandalone, markerName } from './jpeg-markers.js';
import { MPF_IDENTIFIER, parseMpfIndex, type MpfIndex } from './jpeg-mpf.js';
import { extendOverMpf } from './jpeg-mpf-extend.js';

/** Real files have tens of segments (progressive ones ~20); this only stops hostile chains. */
export const MAX_JPEG_SEGMENTS = 4096;
/** Before the frame header real files have a few APPn/DQT/DHT/COM (even split ICC or XMP stay far below). */
export const MAX_SEGMENTS_BEFORE_FRAME = 256;
/** T.81 B.1.1.2 allows 0xFF fill before any marker; real encoders write a handful at most. */
export const MAX_JPEG_FILL = 1024;

interface Frame {
  readonly width: number;
  readonly height: number;
  readonly components: number;
}

type MarkerRead = { kind: 'marker'; code: number; at: number } | { kind: 'out-of-data' } | { kind: 'invalid'; reason: string };

const hex = (n: number): string => `0x${n.toString(16).toUpperCase()}`;

/** Walks a JPEG from its SOI at `start` to its EOI (and over MPF secondary images), by structure only. */
export async function walkJpeg(reader: BoundedReader, start: number): Promise<FormatMatch | null> {
  let frame: Frame | undefined;
  let mpf: MpfIndex | undefined;
  let scans = 0;
  let pos = start + 2;
  const dimensions = (): FormatMatch['dimensions'] => (frame && frame.height > 0 ? { width: frame.width, height: frame.height } : undefined);

  // Cut at the last valid point; without a frame header there is nothing worth reporting.
  const damaged = (cut: number, reason: string): FormatMatch | null =>
    frame ? { length: cut - start, validation: { state: 'corrupt', reasons: [reason] }, dimensions: dimensions() } : null;
  let segments = 0;
  // Out of bytes: a file the source cuts short is truncated, if at least one segment after SOI was whole.
  const outOfData = (): FormatMatch | null => {
    const length = reader.end - start;
    if (!frame && segments === 0) return null;
    if (reader.endIsSourceEnd) {
      return { length, validation: { state: 'truncated', reasons: [`the source ends ${length} bytes into the file, before its EOI`] }, dimensions: dimensions() };
    }
    return damaged(reader.end, `no EOI within the ${length}-byte size limit`);
  };

  for (; ; segments++) {
    if (segments >= MAX_JPEG_SEGMENTS) return damaged(pos, `more than ${MAX_JPEG_SEGMENTS} segments`);
    if (!frame && segments >= MAX_SEGMENTS_BEFORE_FRAME) return null;
    const read = await readMarker(reader, pos);
    if (read.kind === 'out-of-data') return outOfData();
    if (read.kind === 'invalid') return damaged(pos, read.reason);
    const { code, at } = read;
    if (code === EOI) {
      if (scans === 0) return damaged(pos, `EOI at ${pos} before any scan`);
      const first: FormatMatch = { length: at + 1 - start, validation: { state: 'complete', reasons: [] }, dimensions: dimensions() };
      return mpf ? extendOverMpf(reader, start, first, mpf) : first;
    }
    if (isStandalone(code)) {
      pos = at + 1;
      continue;
    }
    if (code === SOI || !hasLength(code)) return damaged(pos, `unexpected marker ${markerName(code)} at ${pos}`);
    const length = await reader.u16be(at + 1);
    if (length === -1) return outOfData();
    if (length < 2) return damaged(pos, `${markerName(code)} at ${pos} has segment length ${length}`);
    const end = at + 1 + length;
    if (end > reader.end) return outOfData();
    const payload = at + 3;
    const problem = await checkSegment(reader, code, payload, length - 2, frame);
    if (typeof problem === 'string') return damaged(pos, `${markerName(code)} at ${pos}: ${problem}`);
    if (problem) frame ??= problem;
    if (code === APP2 && mpf === undefined) mpf = await readMpf(reader, payload, length - 2);
    pos = end;
    if (code !== SOS) continue;
    scans++;
    const bound = frame && frame.height > 0 ? maxScanBytes(frame.width, frame.height, frame.components) : reader.end - pos;
    const data = await skipEntropyData(reader, pos, bound);
    if (data.kind === 'out-of-data') return outOfData();
    if (data.kind === 'too-long') return damaged(data.at, `scan ${scans} runs longer than a ${frame?.width}×${frame?.height} image can need`);
    pos = data.at;
  }
}

async function readMarker(reader: BoundedReader, pos: number): Promise<MarkerRead> {
  const first = await reader.byte(pos);
  if (first === -1) return { kind: 'out-of-data' };
  if (first !== 0xff) return { kind: 'invalid', reason: `expected a marker at ${pos}, found ${hex(first)}` };
  const at = await reader.skipWhile(0xff, pos + 1, MAX_JPEG_FILL);
  if (at >= reader.end) return { kind: 'out-of-data' };
  if (at >= pos + 1 + MAX_JPEG_FILL) return { kind: 'invalid', reason: `more than ${MAX_JPEG_FILL} 0xFF fill bytes at ${pos}` };
  const code = await reader.byte(at);
  if (code === 0x00) return { kind: 'invalid', reason: `stuffed 0xFF00 outside entropy-coded data at ${pos}` };
  return { kind: 'marker', code, at };
}

/** Size checks from T.81 B.2; returns a problem, the frame (for an SOF), or nothing. */
async function checkSegment(reader: BoundedReader, code: number, payload: number, size: number, frame: Frame | undefined): Promise<string | Frame | undefined> {
  if (code === DRI && size !== 2) return `length ${size + 2}, expected 4`;
  if (code === DQT && size < 65) return `length ${size + 2} is too short for a table`;
  if (code === DHT && size < 17) return `length ${size + 2} is too short for a table`;
  if (isFrameHeader(code)) {
    const head = await reader.bytes(payload, Math.min(size, 6));
    if (head === null || size < 6) return `length ${size + 2} is too short`;
    const components = head[5];
    if (components === 0 || size !== 6 + 3 * components) return `length ${size + 2} does not fit ${components} components`;
    const height = head.readUInt16BE(1);
    const width = head.readUInt16BE(3);
    if (width === 0) return 'width 0';
    return { width, height, components };
  }
  if (code === SOS) {
    if (!frame) return 'scan before any frame header';
    const count = await reader.byte(payload);
    if (count < 1 || count > 4 || size !== 4 + 2 * count) return `length ${size + 2} does not fit ${count} components`;
  }
  return undefined;
}

async function readMpf(reader: BoundedReader, payload: number, size: number): Promise<MpfIndex | undefined> {
  const body = await reader.bytes(payload, size);
  if (body === null || size < MPF_IDENTIFIER.length || !body.subarray(0, MPF_IDENTIFIER.length).equals(MPF_IDENTIFIER)) return undefined;
  return parseMpfIndex(Buffer.from(body.subarray(MPF_IDENTIFIER.length)), payload + MPF_IDENTIFIER.length);
}
