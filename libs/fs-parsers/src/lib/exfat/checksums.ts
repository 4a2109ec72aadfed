/**
 * exFAT's checksums (Microsoft exFAT specification §3.4, §6.3.3, §7.2.2, §7.6.4): each byte is added
 * to the running sum rotated right by one bit. The boot region and the up-case table use 32 bits,
 * directory entry sets and name hashes 16 bits.
 */

/** The 32-bit rotating sum over `bytes`, skipping the offsets for which `skip` is true. */
export function checksum32(bytes: Uint8Array, skip?: (index: number) => boolean, initial = 0): number {
  let sum = initial >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    if (skip?.(i)) continue;
    sum = (((sum >>> 1) | (sum << 31)) + (bytes[i] as number)) >>> 0;
  }
  return sum;
}

/** Boot region sectors 0–10; VolumeFlags (106–107) and PercentInUse (112) change in use, so are skipped. */
export function bootRegionChecksum(sectors: Uint8Array): number {
  return checksum32(sectors, (i) => i === 106 || i === 107 || i === 112);
}

function rotate16(sum: number, byte: number): number {
  return (((sum >>> 1) | ((sum & 1) << 15)) + byte) & 0xffff;
}

/**
 * The SetChecksum of a directory entry set: every byte of its 32-byte entries except the checksum
 * field itself (bytes 2–3 of the primary entry). A deleted set had its in-use bits (bit 7 of each
 * entry type) set when the sum was taken: `restoreInUse` puts them back before summing.
 */
export function entrySetChecksum(set: Uint8Array, restoreInUse = false): number {
  let sum = 0;
  for (let i = 0; i < set.length; i++) {
    if (i === 2 || i === 3) continue;
    const byte = set[i] as number;
    sum = rotate16(sum, restoreInUse && i % 32 === 0 ? byte | 0x80 : byte);
  }
  return sum;
}

/** The NameHash of a stream extension: each up-cased UTF-16 unit, low byte then high byte. */
export function nameHash(name: string, upcase: (unit: number) => number): number {
  let sum = 0;
  for (let i = 0; i < name.length; i++) {
    const unit = upcase(name.charCodeAt(i));
    sum = rotate16(rotate16(sum, unit & 0xff), unit >>> 8);
  }
  return sum;
}
