import { BoundedReader } from '../bounded-reader.js';
import type { CarveSource } from '../byte-source.js';
import type { CarveFormat, FormatMatch } from '../types.js';
import { canonVrdLength } from './shared/canon-vrd.js';
import { largestViewableJpeg } from './shared/embedded-jpeg.js';
import { Extent } from './shared/extent.js';
import { fileView } from './shared/file-view.js';
import { parseTiffHeader, TIFF_SIGNATURES, type TiffHeader } from './shared/tiff-header.js';
import { TiffView } from './shared/tiff-ifd.js';
import { walkTiff, type TiffFacts } from './shared/tiff-walk.js';
import { TIFF_KINDS, tiffKind } from './tiff-kind.js';

const HEAD = 16;
const MAX_SIZE = 4 * 1024 * 1024 * 1024;

interface Walked {
  readonly header: TiffHeader;
  readonly head: Buffer;
  readonly extent: Extent;
  readonly facts: TiffFacts;
}

/** Reads the header at `offset` and walks every IFD; undefined when the header is none. */
async function walk(source: CarveSource, offset: number, maxSize: number, signal?: AbortSignal): Promise<Walked | undefined> {
  const reader = new BoundedReader(source, offset, maxSize, signal);
  const head = await reader.bytes(offset, Math.min(HEAD, reader.end - offset));
  const header = head ? parseTiffHeader(head) : undefined;
  if (!head || !header) return undefined;
  const extent = new Extent(reader, offset, MAX_SIZE);
  extent.claim(offset, header.size, 'the header');
  const view = new TiffView(reader, extent, offset, header.littleEndian, header.variant === 'bigtiff', header.size);
  // CR2 names its raw IFD at byte 12 (also the chain's last IFD; a second pointer, not a loop).
  const isCr2 = head.length >= 16 && head.toString('latin1', 8, 10) === 'CR';
  const rawIfd = isCr2 ? view.uint(head, 12, 4) : 0;
  const facts = await walkTiff(view, header.firstIfd, { variant: header.variant, extraIfds: rawIfd ? [rawIfd] : [], signal });
  return { header, head: Buffer.from(head), extent, facts };
}

/**
 * TIFF and the camera RAWs built on it (CR2, NEF/NRW, ARW/SR2/SRF, DNG, PEF, ORF, RW2/RWL, SRW, 3FR,
 * ERF), plus BigTIFF. The end is the furthest byte of any IFD, out-of-line value, strip, tile or JPEG
 * stream (see shared/tiff-walk.ts), plus a Canon VRD trailer right after it.
 */
export const tiffFormat: CarveFormat = {
  id: 'tiff',
  extensions: ['tif', 'tiff', ...Object.values(TIFF_KINDS).map((k) => k.extension).filter((e) => e !== 'tif')],
  mimeType: 'image/tiff',
  signatures: TIFF_SIGNATURES,
  maxSize: MAX_SIZE,
  headerBytes: HEAD,
  checkHeader(head) {
    return parseTiffHeader(head) !== undefined;
  },
  async match(source, offset, limits): Promise<FormatMatch | null> {
    const walked = await walk(source, offset, limits.maxSize, limits.signal);
    if (!walked) return null;
    const { header, head, extent, facts } = walked;
    // Without IFD0 this is no TIFF, unless the source ends before it could be read.
    if (!facts.ifd0) return extent.end > extent.reader.end ? extent.match() : null;
    const end = extent.end;
    // Values are word-aligned: an odd-sized last value is followed by a pad byte.
    if ((end - offset) % 2 === 1 && (await extent.reader.byte(end)) === 0) extent.claim(end, 1, 'the pad byte');
    const trailer = await canonVrdLength(extent.reader, extent.end);
    if (trailer > 0) extent.claim(extent.end, trailer, 'the Canon VRD trailer');
    return extent.match({ kind: tiffKind(header, head, facts), dimensions: facts.dimensions });
  },
  async preview(source, file, signal) {
    const view = fileView(source, file.byteRuns);
    const walked = await walk(view, 0, file.size, signal);
    if (!walked) return undefined;
    return largestViewableJpeg(walked.extent.reader, walked.facts.jpegs);
  },
};
