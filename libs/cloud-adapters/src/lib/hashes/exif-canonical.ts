/**
 * A layout-free rendering of an Exif block (a TIFF structure, Exif 2.3 §4.6: byte order, IFD0 → IFD1, with
 * the Exif, Interoperability and SubIFDs directories under them) that leaves the location out: IFD0's
 * GPSInfo pointer (tag 0x8825) and so the whole GPS directory. Two blocks render the same exactly when they
 * have the same byte order, the same directories in the same chains, each with the same entries (tag,
 * type, count and value bytes; entries taken in tag order) and the same thumbnail / strip bytes.
 *
 * Not compared: where directories and values sit (every offset is replaced by what it points at), bytes no
 * entry points at (padding, leftovers of a rewrite), the order of entries inside a directory, and the GPS
 * directory. A structure that does not parse (an offset outside the block, a loop, too many entries)
 * renders as undefined, and the caller compares the block's raw bytes instead.
 */

/** Bytes per value of each TIFF field type (TIFF 6.0 §2 plus type 13, IFD, from TIFF Technical Note 1). */
const TYPE_SIZES: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const GPS_INFO = 0x8825;
/** Pointers to directories: ExifIFD, InteroperabilityIFD, SubIFDs. */
const SUB_DIRECTORIES = new Set([0x8769, 0xa005, 0x014a]);
/** Pointers to data by the tag that holds their byte counts: JPEGInterchangeFormat, StripOffsets, TileOffsets. */
const DATA_POINTERS: ReadonlyMap<number, number> = new Map([
  [0x0201, 0x0202],
  [0x0111, 0x0117],
  [0x0144, 0x0145],
]);
const MAX_ENTRIES = 1024;
const MAX_DIRECTORIES = 64;
const MAX_DEPTH = 4;

class Malformed extends Error {}

interface Entry {
  at: number;
  tag: number;
  type: number;
  count: number;
}

/** The canonical rendering of `tiff` without its location, or undefined when it does not parse. */
export function canonicalExif(tiff: Buffer): Buffer | undefined {
  try {
    return new ExifRenderer(tiff).render();
  } catch (error) {
    if (error instanceof Malformed) return undefined;
    throw error;
  }
}

class ExifRenderer {
  private readonly parts: Buffer[] = [];
  private readonly little: boolean;
  private readonly seen = new Set<number>();

  constructor(private readonly tiff: Buffer) {
    const order = tiff.subarray(0, 2).toString('latin1');
    if (order !== 'II' && order !== 'MM') throw new Malformed();
    this.little = order === 'II';
    if (this.u16(2) !== 42) throw new Malformed();
  }

  render(): Buffer {
    this.emit(Buffer.from(this.little ? 'II' : 'MM', 'latin1'));
    this.chain(this.u32(4), 0, true);
    return Buffer.concat(this.parts);
  }

  /**
   * A chain of directories (each one's last field points at the next); IFD0 is the first of the top chain. A
   * pointer to the next one that lies outside the block ends the chain, as 0 does (some cameras leave garbage there).
   */
  private chain(offset: number, depth: number, top: boolean): void {
    let index = 0;
    for (let at = offset; at !== 0; index++) {
      const next = this.directory(at, depth, top && index === 0);
      at = next + 2 <= this.tiff.length ? next : 0;
    }
    this.number('D'.charCodeAt(0), index);
  }

  private directory(offset: number, depth: number, ifd0: boolean): number {
    if (depth > MAX_DEPTH || this.seen.has(offset) || this.seen.size >= MAX_DIRECTORIES) throw new Malformed();
    this.seen.add(offset);
    const count = this.u16(offset);
    if (count > MAX_ENTRIES) throw new Malformed();
    this.within(offset + 2, count * 12 + 4);
    const entries: Entry[] = [];
    for (let i = 0; i < count; i++) {
      const at = offset + 2 + i * 12;
      entries.push({ at, tag: this.u16(at), type: this.u16(at + 2), count: this.u32(at + 4) });
    }
    const kept = entries.filter((e) => !(ifd0 && e.tag === GPS_INFO)).sort((a, b) => a.tag - b.tag);
    this.number('I'.charCodeAt(0), kept.length);
    for (const entry of kept) this.entry(entry, entries, depth);
    return this.u32(offset + 2 + count * 12);
  }

  private entry(entry: Entry, siblings: readonly Entry[], depth: number): void {
    const head = Buffer.alloc(8);
    head.writeUInt16BE(entry.tag, 0);
    head.writeUInt16BE(entry.type, 2);
    head.writeUInt32BE(entry.count, 4);
    this.emit(head);
    const lengthsTag = DATA_POINTERS.get(entry.tag);
    const lengths = lengthsTag === undefined ? undefined : siblings.find((e) => e.tag === lengthsTag);
    if (SUB_DIRECTORIES.has(entry.tag) && (entry.type === 4 || entry.type === 13)) {
      for (const offset of this.numbers(entry)) this.chain(offset, depth + 1, false);
    } else if (lengths) {
      const offsets = this.numbers(entry);
      const sizes = this.numbers(lengths);
      if (offsets.length !== sizes.length) throw new Malformed();
      offsets.forEach((offset, i) => this.data(offset, sizes[i] ?? 0));
    } else {
      const size = TYPE_SIZES[entry.type];
      if (size === undefined) this.data(entry.at + 8, 4);
      else if (size * entry.count <= 4) this.data(entry.at + 8, size * entry.count);
      else this.data(this.u32(entry.at + 8), size * entry.count);
    }
  }

  /** The values of a SHORT or LONG entry (offsets, byte counts). */
  private numbers(entry: Entry): number[] {
    const size = entry.type === 3 ? 2 : entry.type === 4 || entry.type === 13 ? 4 : 0;
    if (size === 0 || entry.count > MAX_ENTRIES) throw new Malformed();
    const at = size * entry.count <= 4 ? entry.at + 8 : this.u32(entry.at + 8);
    return Array.from({ length: entry.count }, (_, i) => (size === 2 ? this.u16(at + 2 * i) : this.u32(at + 4 * i)));
  }

  private data(at: number, length: number): void {
    this.within(at, length);
    this.number('V'.charCodeAt(0), length);
    this.emit(this.tiff.subarray(at, at + length));
  }

  private number(kind: number, value: number): void {
    const bytes = Buffer.alloc(5);
    bytes[0] = kind;
    bytes.writeUInt32BE(value, 1);
    this.emit(bytes);
  }

  private emit(bytes: Buffer): void {
    this.parts.push(bytes);
  }

  private within(at: number, length: number): void {
    if (!Number.isSafeInteger(at) || !Number.isSafeInteger(length) || at < 0 || length < 0 || at + length > this.tiff.length) throw new Malformed();
  }

  private u16(at: number): number {
    this.within(at, 2);
    return this.little ? this.tiff.readUInt16LE(at) : this.tiff.readUInt16BE(at);
  }

  private u32(at: number): number {
    this.within(at, 4);
    return this.little ? this.tiff.readUInt32LE(at) : this.tiff.readUInt32BE(at);
  }
}
