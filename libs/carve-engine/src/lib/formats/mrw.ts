import { BoundedReader } from '../bounded-reader.js';
import type { CarveSource } from '../byte-source.js';
import type { CarveFormat, FormatMatch } from '../types.js';
import { largestViewableJpeg, type EmbeddedJpeg } from './shared/embedded-jpeg.js';
import { Extent } from './shared/extent.js';
import { fileView } from './shared/file-view.js';
import { parseTiffHeader } from './shared/tiff-header.js';
import { TiffView } from './shared/tiff-ifd.js';
import { walkTiff } from './shared/tiff-walk.js';

const MAX_SIZE = 128 * 1024 * 1024;
/** The MRM block holds a handful of blocks (PRD, TTW, WBG, RIF, PAD) in a few tens of KB. */
const MAX_MRM = 4 * 1024 * 1024;
const MAX_BLOCKS = 64;
const HEAD = 16;

interface MrwLayout {
  /** Where the raw data starts: right after the MRM block. */
  readonly dataStart: number;
  readonly rawBytes?: number;
  readonly dimensions?: { width: number; height: number };
  readonly jpegs: readonly EmbeddedJpeg[];
}

const isBlockTag = (b: Buffer, at: number): boolean => b[at] === 0 && [1, 2, 3].every((i) => b[at + i] >= 0x41 && b[at + i] <= 0x5a);

/**
 * Walks the MRM block (big-endian): '\0MRM' and its length, then blocks of a 4-byte tag ('\0PRD',
 * '\0TTW', '\0WBG', '\0RIF', '\0PAD') and a length. PRD gives the sensor size and the bits stored per
 * pixel, so the raw data that follows the MRM block is SensorWidth × SensorHeight × RawDepth / 8 bytes.
 * TTW holds a TIFF structure (EXIF, maker note, thumbnail) with offsets from the block's data.
 */
async function walkMrw(reader: BoundedReader, extent: Extent, offset: number, signal?: AbortSignal): Promise<MrwLayout | undefined> {
  const head = await reader.bytes(offset, 8);
  if (!head || head.toString('latin1', 0, 4) !== '\0MRM') return undefined;
  const dataStart = offset + 8 + head.readUInt32BE(4);
  const layout: { dataStart: number; rawBytes?: number; dimensions?: { width: number; height: number }; jpegs: EmbeddedJpeg[] } = { dataStart, jpegs: [] };
  extent.claim(offset, dataStart - offset, 'the MRM block');
  let pos = offset + 8;
  for (let n = 0; pos + 8 <= dataStart && n < MAX_BLOCKS; n++) {
    const block = await reader.bytes(pos, 8);
    if (!block) return layout;
    if (!isBlockTag(block, 0)) {
      extent.problem(`no MRM block tag at ${pos - offset}`);
      return layout;
    }
    const tag = block.toString('latin1', 1, 4);
    const body = pos + 8;
    const length = block.readUInt32BE(4);
    if (body + length > dataStart) {
      extent.problem(`the ${tag} block (${length} bytes) runs past the MRM block`);
      return layout;
    }
    if (tag === 'PRD') {
      const prd = await reader.bytes(body, Math.min(length, 24));
      if (prd && prd.length >= 19) {
        const [sensorHeight, sensorWidth, height, width, depth] = [prd.readUInt16BE(8), prd.readUInt16BE(10), prd.readUInt16BE(12), prd.readUInt16BE(14), prd[16]];
        if ([8, 10, 12, 14, 16].includes(depth)) layout.rawBytes = Math.ceil((sensorWidth * sensorHeight * depth) / 8);
        if (width > 0 && height > 0) layout.dimensions = { width, height };
      }
    } else if (tag === 'TTW') {
      const tiffHead = await reader.bytes(body, Math.min(length, 16));
      const header = tiffHead ? parseTiffHeader(tiffHead) : undefined;
      if (header) {
        const view = new TiffView(reader, extent, body, header.littleEndian, false, header.size);
        layout.jpegs.push(...(await walkTiff(view, header.firstIfd, { variant: header.variant, signal })).jpegs);
      }
    }
    pos = body + length;
  }
  return layout;
}

/**
 * Minolta / Konica Minolta MRW: the MRM block, then the raw data whose size PRD gives. The file ends
 * where the raw data does; the raw data is payload (a complete file starting inside it cuts the MRW).
 */
export const mrwFormat: CarveFormat = {
  id: 'mrw',
  extensions: ['mrw'],
  mimeType: 'image/x-minolta-mrw',
  signatures: [{ offset: 0, bytes: [0x00, 0x4d, 0x52, 0x4d] }],
  maxSize: MAX_SIZE,
  headerBytes: HEAD,
  checkHeader(head) {
    if (head.length < 12) return head.length >= 4;
    const length = head.readUInt32BE(4);
    return length >= 8 && length <= MAX_MRM && isBlockTag(head, 8);
  },
  async match(source: CarveSource, offset, limits): Promise<FormatMatch | null> {
    const reader = new BoundedReader(source, offset, limits.maxSize, limits.signal);
    const extent = new Extent(reader, offset, MAX_SIZE);
    const layout = await walkMrw(reader, extent, offset, limits.signal);
    if (!layout) return reader.endIsSourceEnd && reader.end - offset < 8 && extent.claim(offset, 8, 'the MRM header') ? extent.match() : null;
    if (layout.rawBytes === undefined) extent.problem('no PRD block gives the raw data size: the file is cut after its MRM block');
    else if (extent.claim(layout.dataStart, layout.rawBytes, 'the raw data')) extent.payload(layout.dataStart, layout.rawBytes);
    return extent.match({ dimensions: layout.dimensions });
  },
  async preview(source, file, signal) {
    const reader = new BoundedReader(fileView(source, file.byteRuns), 0, file.size, signal);
    const layout = await walkMrw(reader, new Extent(reader, 0, MAX_SIZE), 0, signal);
    return layout ? largestViewableJpeg(reader, layout.jpegs) : undefined;
  },
};
