import type { BoundedReader } from '../bounded-reader.js';
import type { FileKind, FormatMatch } from '../types.js';
import { crc32Of } from './shared/crc32.js';
import { completeMatch, corruptMatch, outOfBytes, type MatchExtras } from './shared/match-result.js';
import { isChunkType, readPngHeader, PNG_HEAD_BYTES } from './png-header.js';

/** Real files have at most tens of thousands of chunks (an APNG: two per frame); this stops hostile input. */
export const MAX_PNG_CHUNKS = 1_000_000;
/** PNG 1.2 §3.2: a chunk's length is at most 2^31 - 1. */
const MAX_CHUNK_LENGTH = 0x7fffffff;

export const APNG_KIND: FileKind = { id: 'apng', extension: 'apng', mimeType: 'image/apng' };

/**
 * Walks a PNG (or APNG) from its signature at `start`, chunk by chunk, checking every chunk's CRC-32, to
 * the IEND chunk. A bad length, type or CRC cuts the file before that chunk (corrupt); an APNG is one
 * whose acTL chunk comes before the first IDAT (APNG 1.0), as file-type decides too.
 */
export async function walkPng(reader: BoundedReader, start: number): Promise<FormatMatch | null> {
  const head = await reader.bytes(start, Math.min(PNG_HEAD_BYTES, reader.end - start));
  const header = head && readPngHeader(head);
  if (!header) return null;
  let animated = false;
  let sawImageData = false;
  const extras = (): MatchExtras => ({ dimensions: { width: header.width, height: header.height }, ...(animated ? { kind: APNG_KIND } : {}) });
  const at = (pos: number): number => pos - start;

  let pos = start + 8;
  for (let chunks = 0; ; chunks++) {
    if (chunks >= MAX_PNG_CHUNKS) return corruptMatch(at(pos), `more than ${MAX_PNG_CHUNKS} chunks`, extras());
    const chunkHead = await reader.bytes(pos, 8);
    if (chunkHead === null) return outOfBytes(reader, start, 'its IEND chunk', extras());
    const length = chunkHead.readUInt32BE(0);
    const typeBytes = chunkHead.subarray(4, 8);
    if (!isChunkType(typeBytes)) return corruptMatch(at(pos), `no chunk type at offset ${at(pos)} (bytes ${typeBytes.toString('hex')})`, extras());
    const type = typeBytes.toString('latin1');
    if (length > MAX_CHUNK_LENGTH) return corruptMatch(at(pos), `${type} chunk at offset ${at(pos)} declares length ${length}`, extras());
    const end = pos + 12 + length;
    if (end > reader.end) return outOfBytes(reader, start, `the end of its ${type} chunk at offset ${at(pos)}`, extras());
    const stored = await reader.bytes(pos + 8 + length, 4);
    const computed = await crc32Of(reader, pos + 4, 4 + length);
    if (stored === null || computed === null) return outOfBytes(reader, start, `the end of its ${type} chunk at offset ${at(pos)}`, extras());
    if (stored.readUInt32BE(0) !== computed) return corruptMatch(at(pos), `bad CRC in the ${type} chunk at offset ${at(pos)}`, extras());
    if (chunks > 0 && type === 'IHDR') return corruptMatch(at(pos), `a second IHDR chunk at offset ${at(pos)}`, extras());
    if (type === 'acTL' && !sawImageData) animated = true;
    if (type === 'IDAT') sawImageData = true;
    if (type === 'IEND') {
      if (!sawImageData) return corruptMatch(at(pos), `IEND at offset ${at(pos)} before any IDAT chunk`, extras());
      return completeMatch(at(end), extras());
    }
    pos = end;
  }
}
