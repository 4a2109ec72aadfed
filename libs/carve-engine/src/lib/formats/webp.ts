import { BoundedReader } from '../bounded-reader.js';
import type { CarveFormat, FormatMatch } from '../types.js';
import { readForm, RiffWalker, walkForm, type RiffChunk } from './shared/riff.js';
import { corruptMatch } from './shared/match-result.js';
import { invalidAt, matchFromStop, OUT_OF_DATA, unlessDone } from './shared/walk-stop.js';

type Dimensions = NonNullable<FormatMatch['dimensions']>;

/** The ANMF header before a frame's own chunks: X, Y, width-1, height-1, duration (24-bit each), flags. */
const ANMF_HEADER = 16;

/** WebP (lossy VP8, lossless VP8L, extended VP8X with alpha/animation/metadata): one RIFF form. */
export const webpFormat: CarveFormat = {
  id: 'webp',
  extensions: ['webp'],
  mimeType: 'image/webp',
  signatures: [{ offset: 0, bytes: [...Buffer.from('RIFF')] }],
  maxSize: 256 * 1024 * 1024,
  headerBytes: 30,
  checkHeader(head) {
    if (head.length < 30 || head.toString('latin1', 8, 12) !== 'WEBP' || head.readUInt32LE(4) < 4 + 8 + 10) return false;
    const first = head.toString('latin1', 12, 16);
    if (first === 'VP8 ') return head[20] % 2 === 0 && head.readUIntBE(23, 3) === 0x9d012a; // a key frame's start code
    if (first === 'VP8L') return head[20] === 0x2f;
    return first === 'VP8X' && head.readUInt32LE(16) >= 10;
  },
  match(source, offset, limits) {
    return walkWebp(new BoundedReader(source, offset, limits.maxSize, limits.signal), offset);
  },
};

/**
 * The end is the RIFF size + 8, checked by walking the chunks: they must tile the form exactly. Size
 * comes from the VP8X canvas, else from the first VP8/VP8L frame header.
 */
async function walkWebp(reader: BoundedReader, start: number): Promise<FormatMatch | null> {
  const walker = new RiffWalker(reader);
  const form = await readForm(walker, start);
  if (form === null || form.form !== 'WEBP') return null;
  let dimensions: Dimensions | undefined;
  let image = false;
  const stop = await walkForm(walker, form, async (chunk, depth) => {
    if (depth > 1) return undefined;
    if (chunk.id === 'ANMF') {
      image = true;
      if (chunk.size < ANMF_HEADER) return invalidAt(chunk.start, `ANMF at ${chunk.start} is ${chunk.size} bytes, too small for a frame`);
      // A frame is whole or not at all: a broken one cuts the file before it.
      const frame = await walker.walk(chunk.data + ANMF_HEADER, chunk.data + chunk.size, depth + 1, async () => undefined);
      return frame.kind === 'invalid' ? invalidAt(chunk.start, `ANMF frame at ${chunk.start}: ${frame.reason}`) : unlessDone(frame);
    }
    const size = await sizeFrom(reader, chunk);
    if (size === null) return OUT_OF_DATA;
    if (typeof size === 'string') return invalidAt(chunk.start, size);
    if (size && chunk.id !== 'VP8X') image = true;
    dimensions ??= size;
    return undefined;
  });
  if (!image) {
    if (stop.kind === 'invalid') return null;
    if (stop.kind === 'done') return corruptMatch(stop.end - start, 'no image data (VP8, VP8L or ANMF chunk) in the file', { dimensions });
  }
  return matchFromStop(reader, start, stop, 'the end its RIFF size gives', { dimensions });
}

/** The pixel size a VP8X, VP8 or VP8L chunk declares: undefined for other chunks, a problem when invalid, null past the bytes. */
async function sizeFrom(reader: BoundedReader, chunk: RiffChunk): Promise<Dimensions | string | undefined | null> {
  const need = chunk.id === 'VP8X' ? 10 : chunk.id === 'VP8 ' ? 10 : chunk.id === 'VP8L' ? 5 : 0;
  if (need === 0) return undefined;
  if (chunk.size < need) return `${chunk.id.trim()} chunk at ${chunk.start} is ${chunk.size} bytes, too small`;
  const b = await reader.bytes(chunk.data, need);
  if (b === null) return null;
  if (chunk.id === 'VP8X') return { width: b.readUIntLE(4, 3) + 1, height: b.readUIntLE(7, 3) + 1 };
  if (chunk.id === 'VP8 ') {
    if (b.readUIntBE(3, 3) !== 0x9d012a) return `VP8 chunk at ${chunk.start} lacks the frame start code`;
    return { width: b.readUInt16LE(6) & 0x3fff, height: b.readUInt16LE(8) & 0x3fff };
  }
  const bits = b.readUInt32LE(1);
  if (b[0] !== 0x2f || bits >>> 29 !== 0) return `VP8L chunk at ${chunk.start} lacks the lossless signature`;
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
}
