import { checksum32 } from './checksums.js';

/**
 * The up-case table (spec §7.2): UTF-16 unit n maps to entry n. It is usually stored compressed:
 * 0xFFFF followed by a count means "the next count units map to themselves". Units past the table
 * map to themselves.
 */
export function expandUpcaseTable(bytes: Buffer): Uint16Array {
  const map = new Uint16Array(65536);
  for (let i = 0; i < map.length; i++) map[i] = i;
  let unit = 0;
  for (let at = 0; at + 2 <= bytes.length && unit < map.length; at += 2) {
    const value = bytes.readUInt16LE(at);
    if (value === 0xffff && at + 4 <= bytes.length && unit < 0xffff) {
      at += 2;
      unit += bytes.readUInt16LE(at);
    } else {
      map[unit++] = value;
    }
  }
  return map;
}

/** Checks the table against its TableChecksum; returns the up-case function, or a note why not. */
export function upcaseFromTable(bytes: Buffer, storedChecksum: number): { upcase?: (unit: number) => number; note?: string } {
  const computed = checksum32(bytes);
  if (computed !== storedChecksum) {
    const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;
    return { note: `up-case table checksum ${hex(computed)} does not match the stored ${hex(storedChecksum)}; name hashes not checked` };
  }
  const map = expandUpcaseTable(bytes);
  return { upcase: (unit) => map[unit] ?? unit };
}
