/**
 * What a cluster of a directory looks like, tested on raw bytes (no objects per cluster): the scan
 * for orphan directories runs these on every free cluster.
 */
import { DIR_ENTRY_SIZE } from './dir-entry.js';
import type { FatContext } from './fat-context.js';

const DOT = Buffer.from('.          ', 'latin1');
const DOTDOT = Buffer.from('..         ', 'latin1');

/** A '.'/'..'-style entry: the exact 11-byte name and a directory attribute without label or reserved bits. */
function isDotLike(bytes: Buffer, at: number, name: Buffer): boolean {
  const attributes = bytes[at + 11] ?? 0;
  return (attributes & 0x10) !== 0 && (attributes & 0xc8) === 0 && bytes.compare(name, 0, 11, at, at + 11) === 0;
}

function entryCluster(bytes: Buffer, at: number, fat32: boolean): number {
  return (fat32 ? bytes.readUInt16LE(at + 20) * 0x10000 : 0) + bytes.readUInt16LE(at + 26);
}

/**
 * The '..' cluster when the bytes at `at` are the head of directory `cluster`: '.' names `cluster`
 * itself and '..' names 0 (the root) or another cluster of the volume. Undefined otherwise.
 */
export function directoryHeadParent(ctx: FatContext, bytes: Buffer, at: number, cluster: number): number | undefined {
  if (at + 2 * DIR_ENTRY_SIZE > bytes.length || bytes[at] !== 0x2e || bytes[at + DIR_ENTRY_SIZE + 1] !== 0x2e) return undefined;
  const fat32 = ctx.variant.rootIsChain;
  if (!isDotLike(bytes, at, DOT) || entryCluster(bytes, at, fat32) !== cluster) return undefined;
  const dotdot = at + DIR_ENTRY_SIZE;
  if (!isDotLike(bytes, dotdot, DOTDOT)) return undefined;
  const parent = entryCluster(bytes, dotdot, fat32);
  if (parent === 0 || (fat32 && parent === ctx.geometry.rootCluster)) return 0;
  return ctx.table.inRange(parent) && parent !== cluster ? parent : undefined;
}


const FORBIDDEN = new Set([...'"*/:<>?\\|'].map((c) => c.charCodeAt(0)));

/** A long-name slot as a driver writes it: type 0, cluster 0, order 1–20 (with the 0x40 "last" flag) or deleted. */
function isLongNameSlot(bytes: Buffer, at: number): boolean {
  const order = bytes[at] ?? 0;
  if (bytes[at + 12] !== 0 || bytes[at + 26] !== 0 || bytes[at + 27] !== 0) return false;
  return order === 0xe5 || ((order & 0xa0) === 0 && (order & 0x1f) >= 1 && (order & 0x1f) <= 20);
}

/** A short slot: printable name bytes, no reserved attribute bits, NT case flags only, tenths ≤ 199. */
function isShortSlot(bytes: Buffer, at: number): boolean {
  const attributes = bytes[at + 11] ?? 0;
  if (attributes & 0xc0 || (bytes[at + 12] ?? 0) & ~0x18 || (bytes[at + 13] ?? 0) > 199 || bytes[at] === 0x20) return false;
  for (let i = bytes[at] === 0xe5 ? 1 : 0; i < 11; i++) {
    const b = bytes[at + i] ?? 0;
    if (b < 0x20 || b === 0x7f || FORBIDDEN.has(b)) return false;
  }
  return true;
}

/**
 * A cluster that is not a directory's first (no '.' entry) but holds nothing other than directory
 * entries up to an end mark or its end, at least one: the later cluster of a directory whose chain
 * is gone. File data (random-looking, text, zeros) fails within a slot or two.
 */
export function looksLikeDirectoryContinuation(bytes: Buffer, at: number, length: number): boolean {
  if (bytes[at] === 0x2e || bytes[at] === 0) return false;
  let slots = 0;
  for (let p = at; p + DIR_ENTRY_SIZE <= at + length && bytes[p] !== 0; p += DIR_ENTRY_SIZE, slots++) {
    const longName = ((bytes[p + 11] ?? 0) & 0x3f) === 0x0f;
    if (longName ? !isLongNameSlot(bytes, p) : !isShortSlot(bytes, p)) return false;
  }
  return slots > 0;
}
