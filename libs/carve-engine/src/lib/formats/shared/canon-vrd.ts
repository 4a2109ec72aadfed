import type { BoundedReader } from '../../bounded-reader.js';

const MAGIC = Buffer.from('CANON OPTIONAL DATA\0', 'latin1');
const HEADER = 0x1c;
const FOOTER = 0x40;
/** Recipe data is a few KB; a bigger claim is not this trailer. */
const MAX_DATA = 16 * 1024 * 1024;

/**
 * The length of a Canon VRD trailer ("CANON OPTIONAL DATA": Digital Photo Professional's edit recipe,
 * also where XMP lands in CRW files) starting at `pos`, or 0 when there is none: a 0x1C-byte header with
 * the data size at 0x18, the data, and a 0x40-byte footer that repeats the magic and the size (at 0x14).
 */
export async function canonVrdLength(reader: BoundedReader, pos: number): Promise<number> {
  const header = await reader.bytes(pos, HEADER);
  if (!header || !header.subarray(0, MAGIC.length).equals(MAGIC)) return 0;
  const size = header.readUInt32BE(0x18);
  if (size > MAX_DATA) return 0;
  const footer = await reader.bytes(pos + HEADER + size, FOOTER);
  if (!footer || !footer.subarray(0, MAGIC.length).equals(MAGIC) || footer.readUInt32BE(0x14) !== size) return 0;
  return HEADER + size + FOOTER;
}
