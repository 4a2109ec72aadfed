/**
 * Rewrites an Exif block (a TIFF structure: byte order, IFD0 → IFD1 …, with Exif, Interoperability and
 * SubIFDs directories under them) without its location, the way a metadata writer does it: IFD0 loses its
 * GPSInfo entry (tag 0x8825), the GPS directory is not written, and everything else is written anew from
 * the start — directories, then their values, then the thumbnail / strip data they point at — so every offset
 * changes and the block comes out shorter. Values are copied as they are (a MakerNote's own inner offsets are
 * not fixed up: the emulator's photos have none that matter).
 */

const TYPE_SIZES: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const GPS_INFO = 0x8825;
const SUB_IFDS = new Set([0x8769, 0xa005, 0x014a]);
/** Offsets tag → its byte-counts tag: JPEGInterchangeFormat, StripOffsets, TileOffsets. */
const DATA_AT = new Map([
  [0x0201, 0x0202],
  [0x0111, 0x0117],
  [0x0144, 0x0145],
]);

interface Field {
  tag: number;
  type: number;
  count: number;
  /** The value bytes (count × size of type), or the 4 raw bytes of a field of unknown type. */
  value: Buffer;
  /** For a directory pointer: the chains it points at. */
  chains?: Directory[][];
  /** For a data pointer: the blobs it points at. */
  blobs?: Buffer[];
}

interface Directory {
  fields: Field[];
}

export class ExifRewriteError extends Error {}

/** The block rewritten without GPS, or the same bytes back when it has no GPS directory. Throws ExifRewriteError on a block it cannot read. */
export function withoutGps(tiff: Buffer): Buffer {
  const reader = new TiffReader(tiff);
  const ifds = reader.chain(reader.u32(4), 0);
  const ifd0 = ifds[0];
  if (!ifd0 || !ifd0.fields.some((f) => f.tag === GPS_INFO)) return tiff;
  ifd0.fields = ifd0.fields.filter((f) => f.tag !== GPS_INFO);
  return new TiffWriter(reader.little).write(ifds);
}

class TiffReader {
  readonly little: boolean;
  private directories = 0;

  constructor(private readonly bytes: Buffer) {
    const order = bytes.subarray(0, 2).toString('latin1');
    if ((order !== 'II' && order !== 'MM') || bytes.length < 8) throw new ExifRewriteError('not a TIFF header');
    this.little = order === 'II';
  }

  chain(first: number, depth: number): Directory[] {
    const list: Directory[] = [];
    for (let at = first; at !== 0; ) {
      if (depth > 4 || ++this.directories > 64) throw new ExifRewriteError('too many directories');
      const count = this.u16(at);
      const fields: Field[] = [];
      for (let i = 0; i < count; i++) fields.push(this.field(at + 2 + 12 * i, depth));
      for (const field of fields) {
        const counts = DATA_AT.get(field.tag);
        const sizes = counts === undefined ? undefined : fields.find((f) => f.tag === counts);
        if (sizes) field.blobs = this.numbers(field).map((offset, i) => this.slice(offset, this.numbers(sizes)[i] ?? 0));
      }
      list.push({ fields });
      const next = this.u32(at + 2 + 12 * count);
      at = next + 2 <= this.bytes.length ? next : 0; // garbage past the block ends the chain, as 0 does
    }
    return list;
  }

  private field(at: number, depth: number): Field {
    const tag = this.u16(at);
    const type = this.u16(at + 2);
    const count = this.u32(at + 4);
    const size = TYPE_SIZES[type];
    const length = size === undefined ? 4 : size * count;
    const value = length <= 4 ? this.slice(at + 8, length) : this.slice(this.u32(at + 8), length);
    const field: Field = { tag, type, count, value };
    if (SUB_IFDS.has(tag) && tag !== GPS_INFO && (type === 4 || type === 13)) field.chains = this.numbers(field).map((offset) => this.chain(offset, depth + 1));
    return field;
  }

  /** The SHORT or LONG values of a field. */
  numbers(field: Field): number[] {
    const size = field.type === 3 ? 2 : 4;
    return Array.from({ length: field.count }, (_, i) => this.read(field.value, i * size, size));
  }

  private read(bytes: Buffer, at: number, size: number): number {
    if (at + size > bytes.length) throw new ExifRewriteError('a value past its field');
    if (size === 2) return this.little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at);
    return this.little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at);
  }

  private slice(at: number, length: number): Buffer {
    if (at < 0 || length < 0 || at + length > this.bytes.length) throw new ExifRewriteError(`bytes ${at}+${length} outside the block`);
    return this.bytes.subarray(at, at + length);
  }

  u16(at: number): number {
    return this.read(this.bytes, at, 2);
  }

  u32(at: number): number {
    return this.read(this.bytes, at, 4);
  }
}

class TiffWriter {
  private out = Buffer.alloc(1024);
  private end = 8;

  constructor(private readonly little: boolean) {}

  write(ifds: Directory[]): Buffer {
    this.out.write(this.little ? 'II' : 'MM', 0, 'latin1');
    this.put16(2, 42);
    this.put32(4, this.chain(ifds));
    return Buffer.from(this.out.subarray(0, this.end));
  }

  /** Writes a chain of directories; answers the offset of the first. */
  private chain(list: Directory[]): number {
    const offsets = list.map((directory) => this.directory(directory));
    offsets.forEach((offset, i) => this.put32(offset + 2 + 12 * (list[i]?.fields.length ?? 0), offsets[i + 1] ?? 0));
    return offsets[0] ?? 0;
  }

  private directory(directory: Directory): number {
    const fields = [...directory.fields].sort((a, b) => a.tag - b.tag);
    const at = this.reserve(2 + 12 * fields.length + 4);
    this.put16(at, fields.length);
    fields.forEach((field, i) => {
      const entry = at + 2 + 12 * i;
      this.put16(entry, field.tag);
      this.put16(entry + 2, field.type);
      this.put32(entry + 4, field.count);
      let value = field.value;
      if (field.chains) value = this.numbers(field.chains.map((chain) => this.chain(chain)), field.type);
      else if (field.blobs) value = this.numbers(field.blobs.map((blob) => this.blob(blob)), field.type);
      if (value.length <= 4) value.copy(this.out, entry + 8);
      else this.put32(entry + 8, this.blob(value));
    });
    return at;
  }

  private numbers(values: number[], type: number): Buffer {
    const size = type === 3 ? 2 : 4;
    const bytes = Buffer.alloc(size * values.length);
    values.forEach((v, i) => (size === 2 ? (this.little ? bytes.writeUInt16LE(v, 2 * i) : bytes.writeUInt16BE(v, 2 * i)) : this.little ? bytes.writeUInt32LE(v, 4 * i) : bytes.writeUInt32BE(v, 4 * i)));
    return bytes;
  }

  private blob(bytes: Buffer): number {
    const at = this.reserve(bytes.length);
    bytes.copy(this.out, at);
    return at;
  }

  /** Room for `length` bytes at the end, on a word boundary (TIFF 6.0: values begin on word boundaries). */
  private reserve(length: number): number {
    const at = this.end + (this.end % 2);
    this.end = at + length;
    if (this.end > this.out.length) this.out = Buffer.concat([this.out, Buffer.alloc(Math.max(this.end, 2 * this.out.length) - this.out.length)]);
    return at;
  }

  private put16(at: number, value: number): void {
    if (this.little) this.out.writeUInt16LE(value, at);
    else this.out.writeUInt16BE(value, at);
  }

  private put32(at: number, value: number): void {
    if (this.little) this.out.writeUInt32LE(value, at);
    else this.out.writeUInt32BE(value, at);
  }
}
