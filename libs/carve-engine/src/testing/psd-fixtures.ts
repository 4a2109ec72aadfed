import { randomBytes, seededRandom } from './random.js';

export interface PsdOptions {
  readonly width?: number;
  readonly height?: number;
  readonly channels?: number;
  readonly compression?: 'raw' | 'rle';
  /** Version 2: the large document format (PSB). */
  readonly big?: boolean;
  /** A JPEG stored as the thumbnail resource (1036), as Photoshop writes one. */
  readonly thumbnail?: Buffer;
  readonly seed?: number;
}

/**
 * An 8-bit RGB(A) PSD assembled from the Adobe Photoshop File Formats Specification: file header, empty
 * colour mode data, two image resources (a resolution block and a named XMP-like block), a layer and
 * mask section holding an empty layer info, and the merged image data, raw or PackBits per row.
 */
export function buildPsd(options: PsdOptions = {}): Buffer {
  const { width = 40, height = 24, channels = 3, compression = 'rle', big = false, thumbnail, seed = 13 } = options;
  const header = Buffer.alloc(26);
  header.write('8BPS', 0, 'latin1');
  header.writeUInt16BE(big ? 2 : 1, 4);
  header.writeUInt16BE(channels, 12);
  header.writeUInt32BE(height, 14);
  header.writeUInt32BE(width, 18);
  header.writeUInt16BE(8, 22);
  header.writeUInt16BE(3, 24); // RGB
  const blocks = [resource(0x03ed, '', randomBytes(16, seed)), resource(0x0424, 'meta', Buffer.from('<x:xmpmeta/>', 'latin1'))];
  if (thumbnail) blocks.push(resource(0x040c, '', Buffer.concat([thumbnailHeader(thumbnail.length), thumbnail])));
  const resources = Buffer.concat(blocks);
  const layerInfo = Buffer.alloc(big ? 8 : 4); // a layer info of length 0
  const layers = Buffer.concat([length(layerInfo.length + 4, big), layerInfo, Buffer.alloc(4)]); // + empty global mask info
  const rows = Array.from({ length: channels * height }, (_, i) => rowOf(width, seed + i));
  let image: Buffer;
  if (compression === 'raw') image = Buffer.concat([u16(0), ...rows]);
  else {
    const packed = rows.map(packBits);
    const counts = packed.map((p) => (big ? u32(p.length) : u16(p.length)));
    image = Buffer.concat([u16(1), ...counts, ...packed]);
  }
  return Buffer.concat([header, u32(0), u32(resources.length), resources, layers, image]);
}

/** The thumbnail resource's header: format 1 (JPEG RGB), 160×120, row bytes, sizes, 24 bits, 1 plane. */
function thumbnailHeader(jpegSize: number): Buffer {
  const header = Buffer.alloc(28);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(160, 4);
  header.writeUInt32BE(120, 8);
  header.writeUInt32BE(160 * 3, 12);
  header.writeUInt32BE(160 * 3 * 120, 16);
  header.writeUInt32BE(jpegSize, 20);
  header.writeUInt16BE(24, 24);
  header.writeUInt16BE(1, 26);
  return header;
}

const u16 = (v: number): Buffer => Buffer.from([v >> 8, v & 255]);
const u32 = (v: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v, 0);
  return b;
};
const length = (v: number, big: boolean): Buffer => (big ? Buffer.concat([u32(0), u32(v)]) : u32(v));

/** An image resource block: '8BIM', id, Pascal name padded to even, size, data padded to even. */
export function resource(id: number, name: string, data: Buffer): Buffer {
  const nameField = Buffer.concat([Buffer.from([name.length]), Buffer.from(name, 'latin1')]);
  const padName = nameField.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0);
  const padData = data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0);
  return Buffer.concat([Buffer.from('8BIM', 'latin1'), u16(id), nameField, padName, u32(data.length), data, padData]);
}

/** A row with runs and noise, so PackBits has both kinds of packets to write. */
function rowOf(width: number, seed: number): Buffer {
  const next = seededRandom(seed);
  const row = Buffer.alloc(width);
  for (let x = 0; x < width; ) {
    const run = 1 + Math.floor(next() * 6);
    const value = Math.floor(next() * 256);
    const literal = next() < 0.5;
    for (let i = 0; i < run && x < width; i++, x++) row[x] = literal ? Math.floor(next() * 256) : value;
  }
  return row;
}

/** PackBits: runs of 2–128 equal bytes as (1 - n, byte), literals of up to 128 as (n - 1, bytes). */
export function packBits(row: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < row.length; ) {
    let run = 1;
    while (i + run < row.length && run < 128 && row[i + run] === row[i]) run++;
    if (run >= 2) {
      out.push(257 - run, row[i]);
      i += run;
      continue;
    }
    let end = i + 1;
    while (end < row.length && end - i < 128 && !(end + 1 < row.length && row[end] === row[end + 1])) end++;
    out.push(end - i - 1, ...row.subarray(i, end));
    i = end;
  }
  return Buffer.from(out);
}
