// The HEIF rendering of photo-canonical.ts (which says what it compares): boxes, item locations (iloc) and
// item types (iinf), every length bounded by the box it is read from.
import { exifRecord, Malformed, record } from './canonical-record.js';

interface Box {
  type: string;
  start: number;
  /** Where the box's content starts (after size, type and a largesize). */
  body: number;
  end: number;
}

const MAX_BOXES = 4096;

/** The boxes from `start` to `end`; a size that runs past `end` is malformed. */
function boxes(bytes: Buffer, start: number, end: number): Box[] {
  const found: Box[] = [];
  for (let at = start; at < end; ) {
    if (at + 8 > end || found.length >= MAX_BOXES) throw new Malformed();
    let size = bytes.readUInt32BE(at);
    let body = at + 8;
    if (size === 1) {
      if (at + 16 > end) throw new Malformed();
      size = Number(bytes.readBigUInt64BE(at + 8));
      body = at + 16;
    } else if (size === 0) size = end - at;
    if (size < body - at || at + size > end) throw new Malformed();
    found.push({ type: bytes.subarray(at + 4, at + 8).toString('latin1'), start: at, body, end: at + size });
    at += size;
  }
  return found;
}

/** A reader over a box's content; every read past its end is malformed. */
class Fields {
  constructor(
    private readonly bytes: Buffer,
    public at: number,
    private readonly end: number,
  ) {}
  uint(size: number): number {
    if (size === 0) return 0;
    if (this.at + size > this.end) throw new Malformed();
    const value = size === 8 ? Number(this.bytes.readBigUInt64BE(this.at)) : this.bytes.readUIntBE(this.at, size);
    this.at += size;
    return value;
  }
}

/** item_ID → its bytes, from `iloc` (construction methods 0, file offsets, and 1, offsets in `idat`). */
function itemData(bytes: Buffer, iloc: Box, idat: Box | undefined): Map<number, Buffer[]> {
  const f = new Fields(bytes, iloc.body, iloc.end);
  const version = f.uint(1);
  f.uint(3);
  const sizes = f.uint(1);
  const more = f.uint(1);
  const [offsetSize, lengthSize, baseSize, indexSize] = [sizes >> 4, sizes & 15, more >> 4, version >= 1 ? more & 15 : 0];
  if ([offsetSize, lengthSize, baseSize, indexSize].some((s) => ![0, 4, 8].includes(s)) || version > 2) throw new Malformed();
  const items = new Map<number, Buffer[]>();
  const count = f.uint(version < 2 ? 2 : 4);
  for (let i = 0; i < count; i++) {
    const id = f.uint(version < 2 ? 2 : 4);
    const method = version >= 1 ? f.uint(2) & 15 : 0;
    if (f.uint(2) !== 0 || method > 1 || (method === 1 && !idat)) throw new Malformed();
    const [from, to] = method === 1 && idat ? [idat.body, idat.end] : [0, bytes.length];
    const base = f.uint(baseSize);
    const extents: Buffer[] = [];
    for (let n = f.uint(2); n > 0; n--) {
      f.uint(indexSize);
      const start = from + base + f.uint(offsetSize);
      const length = f.uint(lengthSize) || to - start;
      if (start < from || length < 0 || start + length > to) throw new Malformed();
      extents.push(bytes.subarray(start, start + length));
    }
    items.set(id, extents);
  }
  return items;
}

/** The ids of the items whose type is Exif, from `iinf` (infe versions 2 and 3 carry an item type). */
function exifItems(bytes: Buffer, iinf: Box): Set<number> {
  const version = bytes[iinf.body] ?? 0;
  const ids = new Set<number>();
  for (const infe of boxes(bytes, iinf.body + 4 + (version === 0 ? 2 : 4), iinf.end)) {
    const f = new Fields(bytes, infe.body, infe.end);
    const infeVersion = f.uint(1);
    f.uint(3);
    if (infe.type !== 'infe' || infeVersion < 2) continue;
    const id = f.uint(infeVersion === 2 ? 2 : 4);
    f.uint(2);
    if (bytes.subarray(f.at, f.at + 4).toString('latin1') === 'Exif') ids.add(id);
  }
  return ids;
}

export function renderHeif(bytes: Buffer): Buffer[] {
  const top = boxes(bytes, 0, bytes.length);
  const meta = top.find((b) => b.type === 'meta');
  if (!meta) throw new Malformed();
  const children = boxes(bytes, meta.body + 4, meta.end);
  const iloc = children.find((b) => b.type === 'iloc');
  const iinf = children.find((b) => b.type === 'iinf');
  const exif = iinf ? exifItems(bytes, iinf) : new Set<number>();
  const items = iloc ? itemData(bytes, iloc, children.find((b) => b.type === 'idat')) : new Map<number, Buffer[]>();
  const out: Buffer[] = [];
  for (const box of top) {
    if (box.type === 'free' || box.type === 'skip') continue;
    if (box.type === 'mdat') out.push(...record('M', Buffer.alloc(0)));
    else if (box !== meta) out.push(...record('B', bytes.subarray(box.start, box.end)));
    else {
      out.push(...record('m', bytes.subarray(meta.body, meta.body + 4)));
      for (const child of children) {
        if (child.type === 'idat' || child.type === 'free' || child.type === 'skip') continue;
        if (child.type !== 'iloc') out.push(...record('B', bytes.subarray(child.start, child.end)));
        else for (const id of [...items.keys()].sort((a, b) => a - b)) out.push(...renderItem(id, items.get(id) ?? [], exif.has(id)));
      }
    }
  }
  return out;
}

/** An item's bytes (in items' id order); an Exif item's (a 32-bit offset to the TIFF header, then the block) rendered without location. */
function renderItem(id: number, extents: Buffer[], exif: boolean): Buffer[] {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(id, 0);
  if (exif) {
    const data = Buffer.concat(extents);
    const tiffAt = data.length >= 4 ? 4 + data.readUInt32BE(0) : -1;
    if (tiffAt >= 4 && tiffAt <= data.length) return [...record('i', head), ...record('E', data.subarray(0, tiffAt)), ...exifRecord(data.subarray(tiffAt))];
  }
  const length = Buffer.alloc(5);
  length.write('S', 0, 'latin1');
  length.writeUInt32BE(extents.reduce((sum, e) => sum + e.length, 0), 1);
  return [...record('i', head), length, ...extents];
}
