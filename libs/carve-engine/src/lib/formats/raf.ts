import { BoundedReader } from '../bounded-reader.js';
import type { CarveSource } from '../byte-source.js';
import type { CarveFormat, FormatMatch } from '../types.js';
import { largestViewableJpeg } from './shared/embedded-jpeg.js';
import { Extent } from './shared/extent.js';
import { fileView } from './shared/file-view.js';

const MAGIC = Buffer.from('FUJIFILMCCD-RAW ', 'latin1');
/** Magic, format version, camera id, camera name, directory version, 20 unknown bytes, then the table. */
const TABLE = 0x54;
const HEAD = 0x6c;
/** Dual-frame RAFs (S5 Pro) add a second metadata/CFA pair at 0x78 when the header is long enough. */
const SECOND_PAIR = 0x78;
const MAX_SIZE = 512 * 1024 * 1024;
const MAX_META_RECORDS = 1024;
const RAW_CROPPED_SIZE = 0x111;
const RAW_FULL_SIZE = 0x100;

interface RafHeader {
  readonly jpeg: { readonly pos: number; readonly length: number };
  /** Offset/length pairs of the metadata container(s) and CFA block(s). */
  readonly blocks: readonly { readonly pos: number; readonly length: number; readonly what: string; readonly soft: boolean; readonly raw: boolean }[];
}

/**
 * Reads the RAF header (big-endian): after 'FUJIFILMCCD-RAW ', the version and the camera's name, a
 * table of offset/length pairs for the JPEG preview, the metadata container and the CFA (raw) data.
 * Undefined when the table is nonsense (no preview, or offsets into the header): a false start.
 */
function parseHeader(head: Buffer): RafHeader | undefined {
  if (head.length < HEAD || !head.subarray(0, MAGIC.length).equals(MAGIC) || !/^\d{4}$/.test(head.toString('latin1', 16, 20))) return undefined;
  const u32 = (at: number): number => head.readUInt32BE(at);
  const jpeg = { pos: u32(TABLE), length: u32(TABLE + 4) };
  if (jpeg.pos < HEAD || jpeg.length === 0) return undefined;
  const blocks = [
    { pos: u32(0x5c), length: u32(0x60), what: 'the metadata container', soft: false, raw: false },
    { pos: u32(0x64), length: u32(0x68), what: 'the CFA data', soft: false, raw: true },
  ];
  if (jpeg.pos >= 0x88 && head.length >= 0x88) {
    blocks.push({ pos: u32(SECOND_PAIR), length: u32(SECOND_PAIR + 4), what: 'the second metadata container', soft: true, raw: false });
    blocks.push({ pos: u32(0x80), length: u32(0x84), what: 'the second CFA data', soft: true, raw: true });
  }
  return { jpeg, blocks: blocks.filter((b) => b.pos !== 0 || b.length !== 0) };
}

/** The raw image size from the metadata container's records (tag, size, data; big-endian). */
async function rawSize(reader: BoundedReader, extent: Extent, pos: number, length: number): Promise<{ width: number; height: number } | undefined> {
  const data = await reader.bytes(pos, Math.min(length, 64 * 1024));
  if (!data || data.length < 4) return undefined;
  const count = data.readUInt32BE(0);
  if (count > MAX_META_RECORDS) {
    extent.problem(`the metadata container claims ${count} records`);
    return undefined;
  }
  const sizes = new Map<number, { width: number; height: number }>();
  for (let i = 0, at = 4; i < count && at + 4 <= data.length; i++) {
    const tag = data.readUInt16BE(at);
    const size = data.readUInt16BE(at + 2);
    if ((tag === RAW_CROPPED_SIZE || tag === RAW_FULL_SIZE) && size >= 4 && at + 8 <= data.length) {
      sizes.set(tag, { height: data.readUInt16BE(at + 4), width: data.readUInt16BE(at + 6) });
    }
    at += 4 + size;
  }
  const found = sizes.get(RAW_CROPPED_SIZE) ?? sizes.get(RAW_FULL_SIZE);
  return found && found.width > 0 && found.height > 0 ? found : undefined;
}

async function readHeader(reader: BoundedReader, offset: number): Promise<RafHeader | undefined> {
  const head = await reader.bytes(offset, Math.min(0x88, reader.end - offset));
  return head ? parseHeader(head) : undefined;
}

/**
 * Fujifilm RAF. The file ends at the furthest of the header's blocks: the JPEG preview, the metadata
 * container and the CFA data (usually last), each checked against the source and the size limit. The
 * CFA data is reported as payload: a complete file starting inside it cuts the RAF there.
 */
export const rafFormat: CarveFormat = {
  id: 'raf',
  extensions: ['raf'],
  mimeType: 'image/x-fujifilm-raf',
  signatures: [{ offset: 0, bytes: [...MAGIC.subarray(0, 15)] }],
  maxSize: MAX_SIZE,
  headerBytes: HEAD,
  checkHeader(head) {
    return head.length < HEAD ? head.subarray(0, 15).equals(MAGIC.subarray(0, Math.min(15, head.length))) : parseHeader(head) !== undefined;
  },
  async match(source: CarveSource, offset, limits): Promise<FormatMatch | null> {
    const reader = new BoundedReader(source, offset, limits.maxSize, limits.signal);
    const extent = new Extent(reader, offset, MAX_SIZE);
    if (reader.end - offset < HEAD) return reader.endIsSourceEnd && extent.claim(offset, HEAD, 'the header') ? extent.match() : null;
    const header = await readHeader(reader, offset);
    if (!header) return null;
    extent.claim(offset, HEAD, 'the header');
    const { jpeg } = header;
    if (extent.claim(offset + jpeg.pos, jpeg.length, 'the JPEG preview')) {
      const soi = await reader.bytes(offset + jpeg.pos, 2);
      if (soi && (soi[0] !== 0xff || soi[1] !== 0xd8)) extent.problem('the JPEG preview does not start with a JPEG SOI marker');
    }
    for (const block of header.blocks) {
      if (block.pos < HEAD || block.length === 0) extent.problem(`${block.what} has a nonsense place (${block.pos}+${block.length})`, block.soft);
      // The CFA block (a small TIFF container, then the sensor data) is nothing the walk can verify.
      else if (extent.claim(offset + block.pos, block.length, block.what, block.soft) && block.raw) extent.payload(offset + block.pos, block.length);
    }
    const meta = header.blocks[0];
    const dimensions = meta && meta.pos >= HEAD ? await rawSize(reader, extent, offset + meta.pos, meta.length) : undefined;
    return extent.match({ dimensions });
  },
  async preview(source, file, signal) {
    const reader = new BoundedReader(fileView(source, file.byteRuns), 0, file.size, signal);
    const header = await readHeader(reader, 0);
    return header ? largestViewableJpeg(reader, [header.jpeg]) : undefined;
  },
};
