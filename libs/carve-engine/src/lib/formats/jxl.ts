import { BoundedReader } from '../bounded-reader.js';
import type { CarveFormat, FormatMatch } from '../types.js';
import { BitReader, InvalidBits } from './jxl-bits.js';
import { walkCodestream } from './jxl-codestream.js';
import { JXL_CONTAINER_HEAD, walkContainer } from './jxl-container.js';
import { readImageMetadata, readSizeHeader } from './jxl-headers.js';
import { completeMatch, corruptMatch, outOfBytes } from './shared/match-result.js';

const CODESTREAM = [0xff, 0x0a];
const CONTAINER = [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a];
/** Enough for the size header and the usual image metadata. */
const HEAD_BYTES = 64;

/**
 * JPEG XL, as a bare codestream (FF 0A) or in its box container. The codestream keeps no total length,
 * so its end is found by walking its headers and every frame's TOC (see walkCodestream); the
 * container's end is where its boxes end once the codestream in them is whole.
 */
export const jxlFormat: CarveFormat = {
  id: 'jxl',
  extensions: ['jxl'],
  mimeType: 'image/jxl',
  signatures: [
    { offset: 0, bytes: CONTAINER },
    { offset: 0, bytes: CODESTREAM },
  ],
  maxSize: 512 * 1024 * 1024,
  headerBytes: HEAD_BYTES,
  checkHeader(head) {
    if (CONTAINER.every((b, i) => head[i] === b)) return head.length >= JXL_CONTAINER_HEAD && head.toString('latin1', 16, 24) === 'ftypjxl ';
    return head[0] === 0xff && head[1] === 0x0a && plausibleHeaders(head);
  },
  async match(source, offset, limits): Promise<FormatMatch | null> {
    const reader = new BoundedReader(source, offset, limits.maxSize, limits.signal);
    const head = await reader.bytes(offset, 2);
    if (head === null) return null;
    if (head[0] === 0x00) return walkContainer(source, reader, offset);
    const walk = await walkCodestream(reader, offset);
    if (walk === null) return null;
    const extras = walk.info ? { dimensions: { width: walk.info.width, height: walk.info.height } } : {};
    if (walk.kind === 'complete') return completeMatch(walk.end - offset, extras);
    // Broken (or cut) before its first frame's header and TOC are whole: the two-byte signature makes
    // that as likely random bytes after FF 0A as an image, so it is no finding.
    if (!walk.framed) return null;
    if (walk.kind === 'invalid') return corruptMatch(walk.at - offset, walk.reason, extras);
    return outOfBytes(reader, offset, 'the end of its last frame', extras);
  },
};

/** The size header and image metadata parse (or run past the head); false when they break a rule. */
function plausibleHeaders(head: Buffer): boolean {
  const r = new BitReader(head.subarray(2));
  try {
    readImageMetadata(r, readSizeHeader(r), true);
    return true;
  } catch (error) {
    return !(error instanceof InvalidBits);
  }
}
