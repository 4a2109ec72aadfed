import type { BoundedReader } from '../../bounded-reader.js';
import { parseIloc, type ItemLocation } from './heif-iloc.js';
import type { Dimensions } from './isobmff-movie.js';
import { boxContent, readChildren, type Box } from './isobmff.js';

/** One item of a HEIF file (ISO/IEC 23008-12): its type ('hvc1', 'av01', 'grid', 'jpeg', 'Exif'…; '' when iinf does not say) and bytes. */
export interface HeifItem {
  readonly id: number;
  readonly type: string;
  readonly location?: ItemLocation;
}

/** What the top-level meta box of a HEIF file says. */
export interface HeifMeta {
  readonly handler?: string;
  readonly primary?: number;
  readonly items: ReadonlyMap<number, HeifItem>;
  /** iref entries: 'thmb' (from is a thumbnail of to), 'cdsc' (from describes to: Exif, XMP), 'dimg'… */
  readonly references: readonly { readonly type: string; readonly from: number; readonly to: readonly number[] }[];
  /** The primary item's image size (its ispe property). */
  readonly primarySize?: Dimensions;
  readonly idat?: Box;
  readonly problems: readonly string[];
}

/** Item boxes are small (an iPhone's iloc is ~1 KB); bigger ones are not read into memory. */
const MAX_ITEM_BOX = 4 * 1024 * 1024;

/** Reads the parts of a whole meta box that locate and describe its items; damage becomes problems. */
export async function readHeifMeta(reader: BoundedReader, meta: Box): Promise<HeifMeta> {
  const children = await readChildren(reader, meta, meta.contentStart + 4);
  const problems: string[] = children.problem ? [`meta: ${children.problem}`] : [];
  // Each part is parsed on its own: damage in one becomes a problem and the others are still read.
  const parse = async <T>(type: string, parser: (box: Box, content: Buffer) => T | Promise<T>): Promise<T | undefined> => {
    const box = children.boxes.find((b) => b.type === type);
    if (!box) return undefined;
    const content = await boxContent(reader, box, MAX_ITEM_BOX);
    if (content === null) return void problems.push(`${type} at ${box.start} is larger than ${MAX_ITEM_BOX} bytes`);
    try {
      return await parser(box, content);
    } catch (error) {
      return void problems.push(`${type} at ${box.start}: ${cutShort(error) ? 'cut short' : error instanceof Error ? error.message : String(error)}`);
    }
  };
  const handler = await parse('hdlr', (_, c) => c.toString('latin1', 8, 12));
  const primary = await parse('pitm', (_, c) => (c[0] === 0 ? c.readUInt16BE(4) : c.readUInt32BE(4)));
  const locations = await parse('iloc', (_, c) => parseIloc(c));
  const types = await parse('iinf', (box) => itemTypes(reader, box));
  const references = (await parse('iref', (box) => itemReferences(reader, box))) ?? [];
  // Every item iinf names or iloc places (a located item missing from iinf still has bytes in the file).
  const items = new Map<number, HeifItem>();
  for (const id of new Set([...(types?.keys() ?? []), ...(locations?.keys() ?? [])])) {
    const location = locations?.get(id);
    items.set(id, { id, type: types?.get(id) ?? '', ...(location ? { location } : {}) });
  }
  if (handler !== undefined && handler !== 'pict') problems.push(`the meta's handler is '${handler}', not 'pict'`);
  if (primary === undefined) problems.push('no primary item (pitm)');
  else if (types && !types.has(primary)) problems.push(`the primary item ${primary} is not in the item list`);
  if (!locations) problems.push('no item locations (iloc)');
  const iprp = children.boxes.find((b) => b.type === 'iprp');
  const primarySize = iprp && primary !== undefined ? await propertySize(reader, iprp, primary) : undefined;
  const idat = children.boxes.find((b) => b.type === 'idat');
  return { handler, primary, items, references, problems, ...(primarySize ? { primarySize } : {}), ...(idat ? { idat } : {}) };
}

/** iinf (§8.11.6): infe entries; version 2+ carry the item type, older ones do not ('' then). */
async function itemTypes(reader: BoundedReader, iinf: Box): Promise<Map<number, string>> {
  const version = await reader.byte(iinf.contentStart);
  const entries = await readChildren(reader, iinf, iinf.contentStart + (version === 0 ? 6 : 8));
  const types = new Map<number, string>();
  for (const infe of entries.boxes.filter((b) => b.type === 'infe')) {
    const c = await boxContent(reader, infe, MAX_ITEM_BOX);
    if (c === null || c.length < 8) continue;
    const id = c[0] === 3 ? c.readUInt32BE(4) : c.readUInt16BE(4);
    const typeAt = c[0] === 3 ? 10 : 8;
    types.set(id, c[0] >= 2 && c.length >= typeAt + 4 ? c.toString('latin1', typeAt, typeAt + 4) : '');
  }
  return types;
}

/** iref (§8.11.12): per reference type, from one item to a list of items (16-bit ids in version 0). */
async function itemReferences(reader: BoundedReader, iref: Box): Promise<HeifMeta['references']> {
  const wide = (await reader.byte(iref.contentStart)) === 1;
  const refs: { type: string; from: number; to: number[] }[] = [];
  for (const ref of (await readChildren(reader, iref, iref.contentStart + 4)).boxes) {
    const c = await boxContent(reader, ref, MAX_ITEM_BOX);
    if (c === null) continue;
    const id = (at: number): number => (wide ? c.readUInt32BE(at) : c.readUInt16BE(at));
    const size = wide ? 4 : 2;
    const count = c.readUInt16BE(size);
    const to = Array.from({ length: Math.min(count, Math.floor((c.length - size - 2) / size)) }, (_, i) => id(size + 2 + i * size));
    refs.push({ type: ref.type, from: id(0), to });
  }
  return refs;
}

/** The ispe (§6.5.3 of 23008-12) associated with `item` through ipma, as listed in ipco. */
async function propertySize(reader: BoundedReader, iprp: Box, item: number): Promise<Dimensions | undefined> {
  const parts = (await readChildren(reader, iprp)).boxes;
  const ipco = parts.find((b) => b.type === 'ipco');
  const ipma = parts.find((b) => b.type === 'ipma');
  if (!ipco || !ipma) return undefined;
  const properties = (await readChildren(reader, ipco)).boxes;
  const map = await boxContent(reader, ipma, MAX_ITEM_BOX);
  if (map === null) return undefined;
  try {
    const [version, wideIndex] = [map[0], (map[3] & 1) === 1];
    let pos = 8;
    for (let entries = map.readUInt32BE(4); entries > 0; entries--) {
      const id = version < 1 ? map.readUInt16BE(pos) : map.readUInt32BE(pos);
      pos += version < 1 ? 2 : 4;
      const count = map[pos++];
      for (let i = 0; i < count; i++, pos += wideIndex ? 2 : 1) {
        const index = wideIndex ? map.readUInt16BE(pos) & 0x7fff : map[pos] & 0x7f;
        const ispe = properties[index - 1];
        if (id !== item || ispe?.type !== 'ispe') continue;
        const size = await reader.bytes(ispe.contentStart + 4, 8);
        if (size && ispe.end - ispe.contentStart >= 12) return { width: size.readUInt32BE(0), height: size.readUInt32BE(4) };
      }
      if (pos > map.length) return undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Node's own errors for a read past a Buffer's end. */
function cutShort(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_OUT_OF_RANGE' || code === 'ERR_BUFFER_OUT_OF_BOUNDS';
}
