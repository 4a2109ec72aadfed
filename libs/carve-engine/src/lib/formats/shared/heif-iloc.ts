/** Where an item's bytes are (ISO/IEC 14496-12 §8.11.3, the item location box 'iloc'). */
export interface ItemLocation {
  /** 0: offsets count from the file's start; 1: from the start of the meta's idat; 2: from another item. */
  readonly construction: number;
  /** 0: this file; anything else names an external file. */
  readonly dataReference: number;
  readonly extents: readonly { readonly offset: number; readonly length: number }[];
}

/** Real files have a few hundred items (an iPhone grid ~60 tiles); ids are 16-bit before version 2. */
export const MAX_ITEMS = 1 << 16;
export const MAX_EXTENTS = 1 << 20;

/**
 * Parses an iloc payload (version and flags first). Counts are bounded twice: by the limits, and by the
 * payload itself (a read past its end throws a RangeError, which the caller turns into a reason).
 */
export function parseIloc(payload: Buffer): Map<number, ItemLocation> {
  const version = payload[0];
  if (version > 2) throw new RangeError(`iloc version ${version} is unknown`);
  const sizes = payload.readUInt16BE(4);
  const [offsetSize, lengthSize, baseSize] = [sizes >> 12, (sizes >> 8) & 15, (sizes >> 4) & 15];
  const indexSize = version === 0 ? 0 : sizes & 15;
  for (const size of [offsetSize, lengthSize, baseSize, indexSize]) if (![0, 4, 8].includes(size)) throw new RangeError(`iloc field size ${size}`);
  let pos = 6;
  const read = (size: number): number => {
    const value = size === 0 ? 0 : size === 2 ? payload.readUInt16BE(pos) : size === 4 ? payload.readUInt32BE(pos) : Number(payload.readBigUInt64BE(pos));
    pos += size;
    return value;
  };
  const idSize = version === 2 ? 4 : 2;
  const count = read(idSize);
  if (count > MAX_ITEMS) throw new RangeError(`iloc lists ${count} items`);
  const items = new Map<number, ItemLocation>();
  let extentsSeen = 0;
  for (let i = 0; i < count; i++) {
    const id = read(idSize);
    const construction = version === 0 ? 0 : read(2) & 15;
    const dataReference = read(2);
    const base = read(baseSize);
    const extentCount = read(2);
    extentsSeen += extentCount;
    if (extentsSeen > MAX_EXTENTS) throw new RangeError(`iloc lists more than ${MAX_EXTENTS} extents`);
    const extents: { offset: number; length: number }[] = [];
    for (let j = 0; j < extentCount; j++) {
      read(indexSize);
      const offset = base + read(offsetSize);
      extents.push({ offset, length: read(lengthSize) });
    }
    items.set(id, { construction, dataReference, extents });
  }
  return items;
}
