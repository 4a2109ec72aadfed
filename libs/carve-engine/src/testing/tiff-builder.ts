/**
 * Assembles TIFF structures from their published layout (TIFF 6.0 §2): a prefix (the header, or a
 * maker note's own header), then IFDs, each followed by its out-of-line values, the data its offset
 * fields point at, and the IFDs it points to. Offsets count from the prefix's first byte.
 */

/** A field's value: integers (BYTE/SHORT/LONG/IFD), rationals as [num, den] pairs, text, or raw bytes. */
export type FieldValue = readonly number[] | string | Buffer;

export interface Field {
  readonly type: number;
  readonly value: FieldValue;
}

/** Data an offset field points at: strips, tiles, a JPEG stream, a maker's private block. */
export interface DataPointer {
  /** Fields that hold the parts' offsets (RW2 keeps the raw data's offset in two tags). */
  readonly offsetTags: readonly number[];
  readonly lengthTag: number;
  readonly parts: readonly Buffer[];
}

/** IFDs a field points at (SubIFDs, EXIF, GPS, a private IFD), as LONG, IFD or BYTE[4]. */
export interface ChildPointer {
  readonly tag: number;
  readonly type: 1 | 4 | 13;
  readonly ifds: readonly IfdSpec[];
}

export interface IfdSpec {
  readonly fields?: Readonly<Record<number, Field>>;
  readonly data?: readonly DataPointer[];
  readonly children?: readonly ChildPointer[];
}

export interface TiffLayout {
  readonly littleEndian: boolean;
  /** Bytes before the first IFD; offsets count from its first byte. */
  readonly prefix: Buffer;
  /** Where in the prefix IFD0's offset goes (4 bytes), if anywhere. */
  readonly firstIfdField?: number;
  /** The IFD chain: IFD0, IFD1, … */
  readonly ifds: readonly IfdSpec[];
}

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 13: 4 };

export const ascii = (text: string): Field => ({ type: 2, value: text });
export const short = (...values: number[]): Field => ({ type: 3, value: values });
export const long = (...values: number[]): Field => ({ type: 4, value: values });
export const rational = (num: number, den: number): Field => ({ type: 5, value: [num, den] });
export const bytes = (data: Buffer): Field => ({ type: 7, value: data });

class Out {
  private readonly chunks: Buffer[] = [];
  size = 0;
  private readonly patches: { at: number; value: number }[] = [];
  constructor(readonly le: boolean) {}
  append(buf: Buffer): number {
    if (this.size % 2 === 1) this.push(Buffer.alloc(1));
    const at = this.size;
    this.push(buf);
    return at;
  }
  patch(at: number, value: number): void {
    this.patches.push({ at, value });
  }
  u32(value: number): Buffer {
    const b = Buffer.alloc(4);
    if (this.le) b.writeUInt32LE(value);
    else b.writeUInt32BE(value);
    return b;
  }
  encode(type: number, value: FieldValue): Buffer {
    if (typeof value === 'string') return Buffer.from(`${value}\0`, 'latin1');
    if (Buffer.isBuffer(value)) return value;
    const size = TYPE_SIZES[type] === 8 ? 4 : TYPE_SIZES[type];
    const b = Buffer.alloc(value.length * size);
    value.forEach((v, i) => b.writeUIntLE(v, i * size, size));
    if (!this.le && size > 1) for (let i = 0; i < value.length; i++) b.subarray(i * size, (i + 1) * size).reverse();
    return b;
  }
  done(): Buffer {
    const out = Buffer.concat(this.chunks);
    for (const { at, value } of this.patches) this.u32(value).copy(out, at);
    return out;
  }
  private push(buf: Buffer): void {
    this.chunks.push(buf);
    this.size += buf.length;
  }
}

interface Entry {
  readonly tag: number;
  readonly type: number;
  readonly count: number;
  /** The value's bytes; for offset fields a reservation patched once the data is placed. */
  readonly bytes: Buffer;
}

/** Writes one IFD and everything it points to; returns its offset and where its next-IFD field is. */
function writeIfd(out: Out, spec: IfdSpec): { at: number; nextField: number } {
  const entries: Entry[] = [];
  for (const [tag, field] of Object.entries(spec.fields ?? {})) {
    const bytes = out.encode(field.type, field.value);
    entries.push({ tag: Number(tag), type: field.type, count: bytes.length / (TYPE_SIZES[field.type] ?? 1), bytes });
  }
  const reserve = (tag: number, type: number, count: number): Entry => {
    const entry: Entry = { tag, type, count, bytes: Buffer.alloc(count * (TYPE_SIZES[type] ?? 4)) };
    entries.push(entry);
    return entry;
  };
  for (const d of spec.data ?? []) {
    entries.push({ tag: d.lengthTag, type: 4, count: d.parts.length, bytes: out.encode(4, d.parts.map((p) => p.length)) });
    for (const tag of d.offsetTags) reserve(tag, 4, d.parts.length);
  }
  for (const c of spec.children ?? []) reserve(c.tag, c.type, c.type === 1 ? 4 : c.ifds.length);
  entries.sort((a, b) => a.tag - b.tag);
  const table = Buffer.alloc(2 + entries.length * 12 + 4);
  const at = out.append(table);
  out.encode(3, [entries.length]).copy(table, 0);
  const valueField = new Map<number, { at: number; inline: boolean }>();
  entries.forEach((e, i) => {
    const base = 2 + i * 12;
    const head = out.encode(3, [e.tag, e.type]);
    head.copy(table, base);
    out.u32(e.count).copy(table, base + 4);
    if (e.bytes.length <= 4) {
      e.bytes.copy(table, base + 8);
      valueField.set(e.tag, { at: at + base + 8, inline: true });
    } else {
      const valueAt = out.append(Buffer.from(e.bytes));
      out.patch(at + base + 8, valueAt);
      valueField.set(e.tag, { at: valueAt, inline: false });
    }
  });
  const fillLongs = (tag: number, values: number[]): void => {
    const field = valueField.get(tag);
    values.forEach((v, i) => field && out.patch(field.at + i * 4, v));
  };
  for (const d of spec.data ?? []) {
    const offsets = d.parts.map((p) => out.append(p));
    for (const tag of d.offsetTags) fillLongs(tag, offsets);
  }
  for (const c of spec.children ?? []) {
    const offsets = c.ifds.map((child) => writeChain(out, [child])[0]);
    if (c.type === 1) {
      const field = valueField.get(c.tag);
      if (field) out.patch(field.at, offsets[0]);
    } else fillLongs(c.tag, offsets);
  }
  return { at, nextField: at + 2 + entries.length * 12 };
}

/** Writes IFDs linked by their next-IFD fields; returns where each landed. */
function writeChain(out: Out, ifds: readonly IfdSpec[]): number[] {
  const offsets: number[] = [];
  let previousNext = -1;
  for (const spec of ifds) {
    const { at, nextField } = writeIfd(out, spec);
    if (previousNext >= 0) out.patch(previousNext, at);
    offsets.push(at);
    previousNext = nextField;
  }
  return offsets;
}

/** Builds the structure; `chain` holds where IFD0, IFD1, … landed. */
export function buildTiff(layout: TiffLayout): { data: Buffer; chain: number[] } {
  const out = new Out(layout.littleEndian);
  out.append(layout.prefix);
  const chain = writeChain(out, layout.ifds);
  if (layout.firstIfdField !== undefined) out.patch(layout.firstIfdField, chain[0] ?? 0);
  return { data: out.done(), chain };
}

/** A classic TIFF header ('II*\0' / 'MM\0*', or another magic such as ORF's and RW2's), plus extra bytes. */
export function tiffPrefix(littleEndian: boolean, magic = 42, extra: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(8);
  head.write(littleEndian ? 'II' : 'MM', 0, 'latin1');
  if (littleEndian) head.writeUInt16LE(magic, 2);
  else head.writeUInt16BE(magic, 2);
  return Buffer.concat([head, extra]);
}
