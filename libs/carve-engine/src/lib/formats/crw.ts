import { BoundedReader } from '../bounded-reader.js';
import type { CarveSource } from '../byte-source.js';
import type { CarveFormat, FormatMatch } from '../types.js';
import { canonVrdLength } from './shared/canon-vrd.js';
import { findRootHeapEnd, walkHeap, type CiffFacts } from './shared/ciff-heap.js';
import { largestViewableJpeg } from './shared/embedded-jpeg.js';
import { outOfBytes } from './shared/match-result.js';
import { Extent } from './shared/extent.js';
import { fileView } from './shared/file-view.js';

const MAX_SIZE = 64 * 1024 * 1024;
const HEAD = 26;
const MAX_HEADER = 1024;

/** Byte order ('II'/'MM'), header length, 'HEAPCCDR' (CIFF spec 1.0 rev 4 §5): the root heap follows. */
function parseHeader(head: Buffer): { le: boolean; length: number } | undefined {
  if (head.length < 14 || head.toString('latin1', 6, 14) !== 'HEAPCCDR') return undefined;
  const order = head.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const le = order === 'II';
  const length = le ? head.readUInt32LE(2) : head.readUInt32BE(2);
  return length >= 14 && length <= MAX_HEADER ? { le, length } : undefined;
}

interface Walked {
  readonly extent: Extent;
  readonly facts: CiffFacts;
  /** The root heap's end, when its table was found. */
  readonly end?: number;
}

async function walkCrw(source: CarveSource, offset: number, maxSize: number, signal?: AbortSignal): Promise<Walked | undefined> {
  const reader = new BoundedReader(source, offset, maxSize, signal);
  const head = await reader.bytes(offset, Math.min(HEAD, reader.end - offset));
  const header = head ? parseHeader(head) : undefined;
  if (!header) return undefined;
  const extent = new Extent(reader, offset, MAX_SIZE);
  const facts: CiffFacts = { jpegs: [] };
  extent.claim(offset, header.length, 'the header');
  const heapStart = offset + header.length;
  const end = await findRootHeapEnd(reader, heapStart, header.le, signal);
  if (end === undefined) return { extent, facts };
  extent.claim(heapStart, end - heapStart, 'the root heap');
  await walkHeap(reader, extent, heapStart, end - heapStart, header.le, facts);
  return { extent, facts, end };
}

/**
 * Canon CRW (CIFF). The file is a header and one root heap that runs to the file's end, with the
 * heap's record table at its very end; findRootHeapEnd explains how that end is found. A Canon VRD
 * trailer (where DPP and XMP writers append data) right after it belongs to the file too. Without a
 * table before the source ends the file is truncated; before the size limit, corrupt and cut after its
 * header (the JPEG inside can still be carved on its own).
 */
export const crwFormat: CarveFormat = {
  id: 'crw',
  extensions: ['crw'],
  mimeType: 'image/x-canon-crw',
  signatures: [
    { offset: 0, bytes: [0x49, 0x49, 0x1a, 0, 0, 0, ...Buffer.from('HEAPCCDR', 'latin1')] },
    { offset: 0, bytes: [0x4d, 0x4d, 0, 0, 0, 0x1a, ...Buffer.from('HEAPCCDR', 'latin1')] },
  ],
  maxSize: MAX_SIZE,
  headerBytes: HEAD,
  checkHeader(head) {
    return parseHeader(head) !== undefined;
  },
  async match(source, offset, limits): Promise<FormatMatch | null> {
    const walked = await walkCrw(source, offset, limits.maxSize, limits.signal);
    if (!walked) return null;
    const { extent, facts, end } = walked;
    const reader = extent.reader;
    if (end === undefined) {
      if (reader.endIsSourceEnd) return outOfBytes(reader, offset, 'the root heap\'s record table');
      extent.problem(`no CIFF record table within the ${reader.end - offset}-byte size limit`);
      return extent.match();
    }
    const trailer = await canonVrdLength(reader, end);
    if (trailer > 0) extent.claim(end, trailer, 'the Canon VRD trailer');
    return extent.match({ dimensions: facts.dimensions });
  },
  async preview(source, file, signal) {
    const walked = await walkCrw(fileView(source, file.byteRuns), 0, file.size, signal);
    return walked ? largestViewableJpeg(walked.extent.reader, walked.facts.jpegs) : undefined;
  },
};
