import type { BoundedReader } from '../../bounded-reader.js';
import type { Extent } from './extent.js';

/** Bytes per value of each TIFF field type (TIFF 6.0 §2 types 1–12, IFD 13, BigTIFF 16–18). */
const TYPE_SIZES: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 };

/** Entries in one IFD: real ones hold tens, maker notes a few hundred. */
export const MAX_IFD_ENTRIES = 1000;
/** Values read from one field (strip and tile offsets): a 100k-row TIFF with one row per strip fits. */
export const MAX_FIELD_VALUES = 1 << 20;

export interface IfdEntry {
  readonly tag: number;
  readonly type: number;
  readonly count: number;
  readonly byteLength: number;
  /** Absolute position of the value: inside the entry when it fits there, else where the entry points. */
  readonly valuePos: number;
  readonly inline: boolean;
}

export interface Ifd {
  readonly pos: number;
  readonly entries: ReadonlyMap<number, IfdEntry>;
  /** The next IFD's offset from the view's base; 0 for none. */
  readonly next: number;
}

/**
 * One TIFF structure as seen through a reader: its base (offsets count from here: the file's header,
 * or a maker note's own header), byte order and offset size. Every read goes through `extent`, which
 * says why a part cannot be read (source end → truncated, size limit or nonsense → corrupt).
 */
export class TiffView {
  constructor(
    readonly reader: BoundedReader,
    readonly extent: Extent,
    readonly base: number,
    readonly littleEndian: boolean,
    readonly big: boolean,
    /** Bytes at the base that hold the header: no offset may point inside them. */
    readonly headerSize: number,
  ) {}

  /** The same reader and extent with another base (and byte order): a maker note's own TIFF structure. */
  rebased(base: number, littleEndian = this.littleEndian, headerSize = 8): TiffView {
    return new TiffView(this.reader, this.extent, base, littleEndian, false, headerSize);
  }

  uint(buf: Buffer, at: number, size: number): number {
    const le = this.littleEndian;
    if (size === 1) return buf[at];
    if (size === 2) return le ? buf.readUInt16LE(at) : buf.readUInt16BE(at);
    if (size === 4) return le ? buf.readUInt32LE(at) : buf.readUInt32BE(at);
    const hi = le ? buf.readUInt32LE(at + 4) : buf.readUInt32BE(at);
    const lo = le ? buf.readUInt32LE(at) : buf.readUInt32BE(at + 4);
    return hi >= 2 ** 21 ? Number.MAX_SAFE_INTEGER : hi * 2 ** 32 + lo;
  }

  /** Reads the IFD at `offset` (from the base); undefined (with a reason in the extent) when it cannot. */
  async readIfd(offset: number, what: string, soft = false): Promise<Ifd | undefined> {
    const countSize = this.big ? 8 : 2;
    const entrySize = this.big ? 20 : 12;
    const nextSize = this.big ? 8 : 4;
    const pos = this.base + offset;
    if (offset < this.headerSize) {
      this.extent.problem(`${what} offset ${offset} points into the header`, soft);
      return undefined;
    }
    if (!this.extent.canRead(pos, countSize, what, soft)) return undefined;
    const count = this.uint((await this.reader.bytes(pos, countSize)) as Buffer, 0, countSize);
    if (count === 0 || count > MAX_IFD_ENTRIES) {
      this.extent.problem(`${what} at ${offset} claims ${count} entries`, soft);
      return undefined;
    }
    const size = countSize + count * entrySize + nextSize;
    if (!this.extent.canRead(pos, size, what, soft)) return undefined;
    const buf = (await this.reader.bytes(pos, size)) as Buffer;
    const entries = new Map<number, IfdEntry>();
    let unknown = 0;
    for (let i = 0; i < count; i++) {
      const at = countSize + i * entrySize;
      const type = this.uint(buf, at + 2, 2);
      const typeSize = TYPE_SIZES[type];
      if (typeSize === undefined) {
        unknown++;
        continue;
      }
      const fieldSize = this.big ? 8 : 4;
      const valueCount = this.uint(buf, at + 4, fieldSize);
      const byteLength = valueCount * typeSize;
      const inline = byteLength <= fieldSize;
      const valueAt = at + 4 + fieldSize;
      const valuePos = inline ? pos + valueAt : this.base + this.uint(buf, valueAt, fieldSize);
      const tag = this.uint(buf, at, 2);
      if (!entries.has(tag)) entries.set(tag, { tag, type, count: valueCount, byteLength, valuePos, inline });
    }
    if (unknown * 2 > count) {
      this.extent.problem(`${what} at ${offset}: ${unknown} of ${count} entries have no valid type`, soft);
      return undefined;
    }
    this.extent.claim(pos, size, what, soft);
    return { pos, entries, next: this.uint(buf, countSize + count * entrySize, nextSize) };
  }

  /**
   * Unsigned integer values of a field (BYTE, SHORT, LONG, IFD, LONG8, IFD8); undefined when unreadable
   * (a wrong type or too many values is a problem; a value out of reach was reported when it was claimed).
   */
  async numbers(entry: IfdEntry, what: string, soft = false): Promise<number[] | undefined> {
    const size = TYPE_SIZES[entry.type];
    if (![1, 3, 4, 13, 16, 18].includes(entry.type)) {
      this.extent.problem(`${what} has type ${entry.type}, not an integer`, soft);
      return undefined;
    }
    if (entry.count > MAX_FIELD_VALUES) {
      this.extent.problem(`${what} holds ${entry.count} values, more than ${MAX_FIELD_VALUES}`, soft);
      return undefined;
    }
    // An out-of-line value that cannot be read was reported when the walk claimed it.
    if (!entry.inline && entry.valuePos < this.base + this.headerSize) return undefined;
    const buf = await this.reader.bytes(entry.valuePos, entry.byteLength);
    if (!buf) return undefined;
    const values: number[] = new Array<number>(entry.count);
    for (let i = 0; i < entry.count; i++) values[i] = this.uint(buf, i * size, size);
    return values;
  }

  /** The first value of an integer field, when it has one. */
  async number(entry: IfdEntry | undefined, what: string, soft = false): Promise<number | undefined> {
    if (!entry || entry.count < 1) return undefined;
    return (await this.numbers({ ...entry, count: 1, byteLength: TYPE_SIZES[entry.type] ?? 1, inline: entry.inline }, what, soft))?.[0];
  }

  /** An ASCII field's text up to its first NUL, at most `max` bytes. */
  async text(entry: IfdEntry | undefined, max = 64): Promise<string | undefined> {
    if (!entry || entry.count === 0) return undefined;
    const buf = await this.reader.bytes(entry.valuePos, Math.min(entry.byteLength, max));
    if (!buf) return undefined;
    const nul = buf.indexOf(0);
    return buf.toString('latin1', 0, nul === -1 ? buf.length : nul).trim();
  }

  /** An out-of-line value is part of the file; it must lie past the header and within the limit. */
  claimValue(entry: IfdEntry, what: string, soft = false): boolean {
    if (entry.valuePos < this.base + this.headerSize) {
      this.extent.problem(`${what} points into the header (${entry.valuePos - this.base})`, soft);
      return false;
    }
    return this.extent.claim(entry.valuePos, entry.byteLength, what, soft);
  }
}
