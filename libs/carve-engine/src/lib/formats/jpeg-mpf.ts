// MP Index IFD of a multi-picture JPEG (CIPA DC-007): APP2 "MPF\0", then a TIFF-style header whose
// first IFD holds MPEntry (tag 0xB002), 16 bytes per image: attribute, size, offset, 2 dependents.
// Offsets count from the MP header's byte-order mark; the first image's offset is 0.

export const MPF_IDENTIFIER = Buffer.from('MPF\0', 'latin1');
const MP_ENTRY_TAG = 0xb002;
const UNDEFINED_TYPE = 7;
const MAX_IFD_ENTRIES = 64;
const MAX_IMAGES = 64;

export interface MpfImage {
  /** Absolute offset of the image in the source. */
  readonly offset: number;
  readonly size: number;
}

export type MpfIndex = { readonly images: readonly MpfImage[] } | { readonly error: string };

/**
 * Reads the MP entries of the images after the first one.
 * @param header the APP2 payload after "MPF\0" (starts with the byte-order mark)
 * @param headerOffset absolute offset of `header` in the source
 */
export function parseMpfIndex(header: Buffer, headerOffset: number): MpfIndex {
  if (header.length < 8) return { error: 'MP header shorter than 8 bytes' };
  const order = header.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return { error: 'MP header has no byte-order mark' };
  const le = order === 'II';
  const u16 = (at: number): number => (le ? header.readUInt16LE(at) : header.readUInt16BE(at));
  const u32 = (at: number): number => (le ? header.readUInt32LE(at) : header.readUInt32BE(at));
  if (u16(2) !== 42) return { error: 'MP header magic is not 42' };
  const ifd = u32(4);
  if (ifd + 2 > header.length) return { error: 'MP Index IFD offset points outside the segment' };
  const count = u16(ifd);
  if (count > MAX_IFD_ENTRIES || ifd + 2 + count * 12 > header.length) return { error: `MP Index IFD entry count ${count} does not fit` };
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) !== MP_ENTRY_TAG) continue;
    const length = u32(entry + 4);
    if (u16(entry + 2) !== UNDEFINED_TYPE || length % 16 !== 0 || length === 0) return { error: 'MPEntry has a bad type or size' };
    if (length / 16 > MAX_IMAGES) return { error: `more than ${MAX_IMAGES} MP entries` };
    const at = u32(entry + 8);
    if (at + length > header.length) return { error: 'MPEntry values lie outside the segment' };
    const images: MpfImage[] = [];
    for (let e = at; e < at + length; e += 16) {
      const size = u32(e + 4);
      const offset = u32(e + 8);
      if (offset !== 0) images.push({ offset: headerOffset + offset, size });
    }
    return { images };
  }
  return { error: 'MP Index IFD has no MPEntry' };
}
