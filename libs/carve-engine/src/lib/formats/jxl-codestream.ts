import type { BoundedReader } from '../bounded-reader.js';
import { BitReader, InvalidBits, OutOfBits } from './jxl-bits.js';
import { MAX_ICC_BYTES, readPermutationHead, skipIccStream } from './jxl-entropy-streams.js';
import { checkFirstSections, type FrameToc } from './jxl-first-sections.js';
import { readFrameHeader, TOC_SIZE, type JxlFrame } from './jxl-frame.js';
import { LEVEL5, readImageMetadata, readSizeHeader, type JxlImageInfo } from './jxl-headers.js';

/** Animations have thousands of frames at most; this stops hostile input. */
export const MAX_JXL_FRAMES = 100_000;
/** 2^20 sections is a 64-gigapixel frame; more is hostile. */
export const MAX_TOC_ENTRIES = 1 << 20;
const FIRST_WINDOW = 64 * 1024;
/** Headers and TOCs are parsed from one window; none real comes near this. */
const MAX_WINDOW = 16 * 1024 * 1024;
/** The smallest TOC entry is 12 bits (a 2-bit selector and 10 bits). */
const MIN_ENTRY_BITS = 12;

/**
 * Why a codestream walk stopped; offsets are absolute. `framed` says the headers and the first frame's
 * header and TOC were read whole before the walk stopped (so its layout is known, not guessed).
 */
export type CodestreamEnd =
  | { readonly kind: 'complete'; readonly end: number; readonly info: JxlImageInfo }
  | { readonly kind: 'out-of-data'; readonly framed: boolean; readonly info?: JxlImageInfo }
  | { readonly kind: 'invalid'; readonly at: number; readonly reason: string; readonly framed: boolean; readonly info?: JxlImageInfo };

type Parsed<T> = { kind: 'ok'; value: T; bytes: number } | { kind: 'out-of-data' } | { kind: 'invalid'; reason: string };

/**
 * Walks a bare JPEG XL codestream (ISO/IEC 18181-1) from its FF 0A signature at `start`: SizeHeader,
 * ImageMetadata, CustomTransformData and the entropy-coded ICC profile if there is one, then every
 * frame — FrameHeader, TOC (its permutation decoded when it has one), and the sections the TOC sizes —
 * up to the frame marked is_last. A codestream stores no total length: this walk is the only way to its
 * end. Null when the headers are not a JPEG XL image's; `level5` holds them to level 5 (see LEVEL5).
 */
export async function walkCodestream(reader: BoundedReader, start: number, level5 = true): Promise<CodestreamEnd | null> {
  const headers = await parseAt(reader, start + 2, (r) => {
    const info = readImageMetadata(r, readSizeHeader(r), level5);
    if (info.wantIcc) skipIccStream(r, level5 ? LEVEL5.maxIccBytes : MAX_ICC_BYTES);
    r.padToByte();
    return info;
  });
  if (headers.kind === 'invalid') return null;
  if (headers.kind === 'out-of-data') return { kind: 'out-of-data', framed: false };
  const info = headers.value;
  let pos = start + 2 + headers.bytes;
  for (let frames = 0; ; frames++) {
    const framed = frames > 0;
    if (frames >= MAX_JXL_FRAMES) return { kind: 'invalid', at: pos, reason: `more than ${MAX_JXL_FRAMES} frames`, framed, info };
    const preview = frames === 0 && info.preview !== undefined;
    const frame = await parseAt(reader, pos, (r) => readFrame(r, info, preview));
    if (frame.kind === 'out-of-data') return { kind: 'out-of-data', framed, info };
    if (frame.kind === 'invalid') return { kind: 'invalid', at: pos, reason: `frame ${frames + 1} at offset ${pos - start}: ${frame.reason}`, framed, info };
    if (frames === 0) {
      // The first frame's sections are where a random FF 0A whose headers parse gives itself away.
      const broken = await checkFirstSections(reader, pos + frame.bytes, frame.value, info);
      if (broken !== undefined) return { kind: 'invalid', at: pos, reason: `frame 1 at offset ${pos - start}: ${broken}`, framed, info };
    }
    const end = pos + frame.bytes + frame.value.dataBytes;
    if (end > reader.end) return { kind: 'out-of-data', framed: true, info };
    if (frame.value.header.isLast && !preview) return { kind: 'complete', end, info };
    pos = end;
  }
}

/** A frame header and its TOC; the frame's sections follow, `dataBytes` long in all. */
function readFrame(r: BitReader, info: JxlImageInfo, preview: boolean): FrameToc & { dataBytes: number } {
  const header = readFrameHeader(r, info, preview);
  const entries = header.tocEntries;
  if (entries > MAX_TOC_ENTRIES) throw new InvalidBits(`a TOC of ${entries} sections`);
  // Logical sections 0 and 1 (LF global, the first LF group) are stored where the permutation says.
  const wanted = r.bool() ? readPermutationHead(r, entries) : [0, 1].slice(0, entries);
  r.padToByte();
  if (entries * MIN_ENTRY_BITS > r.bitsLeft) throw new OutOfBits(`a TOC of ${entries} sections needs more bits`);
  const most = maxFrameBytes(header, info);
  let dataBytes = 0;
  const firstSections = wanted.map(() => ({ offset: 0, size: 0 }));
  for (let i = 0; i < entries; i++) {
    const size = r.u32(TOC_SIZE);
    for (let k = 0; k < wanted.length; k++) if (wanted[k] === i) firstSections[k] = { offset: dataBytes, size };
    dataBytes += size;
    // The sum only grows: once past what the frame can need, the rest of a long TOC changes nothing
    // (random bytes claim thousands of sections of megabytes: most are rejected after a few).
    if (dataBytes > most) throw new InvalidBits(`its sections add up to more than its ${header.pixels} pixels can need (${most} bytes)`);
  }
  r.padToByte();
  return { header, firstSections, dataBytes };
}

/**
 * What a frame's sections can need at most: twice its samples uncompressed (no JPEG XL mode, lossless
 * noise included, comes near), plus room for entropy-code headers. Random bytes that parse as a frame
 * header and TOC mostly claim far more.
 */
function maxFrameBytes(frame: JxlFrame, info: JxlImageInfo): number {
  return 2 * frame.pixels * (3 + info.extraChannels) * info.bytesPerSample + 65536 + 1024 * frame.tocEntries;
}

/** Parses a structure from a window at `pos`, growing the window while the bits run out. */
async function parseAt<T>(reader: BoundedReader, pos: number, parse: (r: BitReader) => T): Promise<Parsed<T>> {
  let size = Math.min(FIRST_WINDOW, reader.end - pos);
  for (;;) {
    const data = size > 0 ? await reader.bytes(pos, size) : null;
    if (data === null) return { kind: 'out-of-data' };
    const r = new BitReader(data);
    try {
      const value = parse(r);
      return { kind: 'ok', value, bytes: Math.ceil(r.bitPos / 8) };
    } catch (error) {
      if (error instanceof InvalidBits) return { kind: 'invalid', reason: error.message };
      if (!(error instanceof OutOfBits)) throw error;
      if (size >= reader.end - pos) return { kind: 'out-of-data' };
      if (size >= MAX_WINDOW) return { kind: 'invalid', reason: `a header or TOC longer than ${MAX_WINDOW} bytes` };
      size = Math.min(size * 4, MAX_WINDOW, reader.end - pos);
    }
  }
}
