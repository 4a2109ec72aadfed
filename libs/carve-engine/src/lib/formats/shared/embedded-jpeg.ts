import type { BoundedReader } from '../../bounded-reader.js';
import { hasLength, isFrameHeader, SOI } from '../jpeg-markers.js';

/** A JPEG stream stored inside another file: absolute position and byte length. */
export interface EmbeddedJpeg {
  readonly pos: number;
  readonly length: number;
}

/** A preview larger than this is not read into memory (the biggest camera previews are ~10 MB). */
export const MAX_PREVIEW_BYTES = 64 * 1024 * 1024;
/** How far into a stream its frame header is looked for (EXIF and ICC segments come first). */
const FRAME_SEARCH = 256 * 1024;
/** Baseline, extended sequential and progressive Huffman: what an ordinary decoder shows. */
const VIEWABLE_FRAMES = new Set([0xc0, 0xc1, 0xc2]);

/**
 * The frame header marker (SOF0…SOF15) of the JPEG stream starting `head`, found by walking its
 * segments; undefined when `head` is no JPEG or ends first. RAW files keep lossless (SOF3) raw data in
 * JPEG wrappers too; this tells a viewable preview from them.
 */
export function jpegFrameMarker(head: Buffer): number | undefined {
  if (head.length < 4 || head[0] !== 0xff || head[1] !== SOI) return undefined;
  let pos = 2;
  while (pos + 4 <= head.length) {
    if (head[pos] !== 0xff) return undefined;
    const marker = head[pos + 1];
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (isFrameHeader(marker)) return marker;
    if (!hasLength(marker)) return undefined;
    pos += 2 + head.readUInt16BE(pos + 2);
  }
  return undefined;
}

/** The largest of `candidates` that is a viewable JPEG, read whole; undefined when none is. */
export async function largestViewableJpeg(reader: BoundedReader, candidates: readonly EmbeddedJpeg[]): Promise<Buffer | undefined> {
  const sorted = [...candidates].sort((a, b) => b.length - a.length);
  const tried = new Set<number>();
  for (const { pos, length } of sorted) {
    if (tried.has(pos) || length < 4 || length > MAX_PREVIEW_BYTES) continue;
    tried.add(pos);
    const head = await reader.bytes(pos, Math.min(length, FRAME_SEARCH));
    const marker = head ? jpegFrameMarker(head) : undefined;
    if (marker === undefined || !VIEWABLE_FRAMES.has(marker)) continue;
    const data = await reader.bytes(pos, length);
    if (data) return Buffer.from(data);
  }
  return undefined;
}
