import type { Signature } from '../../types.js';

/**
 * The 8-byte TIFF header and its camera variants (TIFF 6.0 §2; BigTIFF; Olympus ORF and Panasonic RW2
 * change only the 2-byte magic): byte order 'II'/'MM', magic, offset of IFD0.
 */
export type TiffVariant = 'tiff' | 'bigtiff' | 'orf' | 'rw2';

export interface TiffHeader {
  readonly littleEndian: boolean;
  readonly variant: TiffVariant;
  /** IFD0's offset from the header's first byte. */
  readonly firstIfd: number;
  /** Bytes the header takes: nothing the file points at may lie inside it. */
  readonly size: number;
}

const ORF_MAGICS = new Set([0x4f52, 0x5352]); // 'RO' and 'RS' read little-endian; 'OR' big-endian
const RW2_MAGIC = 0x55;

const sig = (text: string): Signature => ({ offset: 0, bytes: [...Buffer.from(text, 'latin1')] });

export const TIFF_SIGNATURES: readonly Signature[] = [
  sig('II*\0'),
  sig('MM\0*'),
  sig('II+\0'),
  sig('MM\0+'),
  sig('IIRO'),
  sig('IIRS'),
  sig('MMOR'),
  sig('IIU\0'),
];

/** Reads a TIFF header from `head`; undefined when it is none (or too short to tell). */
export function parseTiffHeader(head: Buffer): TiffHeader | undefined {
  if (head.length < 8) return undefined;
  const order = head.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const littleEndian = order === 'II';
  const u16 = (at: number): number => (littleEndian ? head.readUInt16LE(at) : head.readUInt16BE(at));
  const u32 = (at: number): number => (littleEndian ? head.readUInt32LE(at) : head.readUInt32BE(at));
  const magic = u16(2);
  if (magic === 43) {
    // BigTIFF: offset size 8, a zero, then a 64-bit IFD0 offset.
    if (head.length < 16 || u16(4) !== 8 || u16(6) !== 0) return undefined;
    const high = littleEndian ? head.readUInt32LE(12) : head.readUInt32BE(8);
    const low = littleEndian ? head.readUInt32LE(8) : head.readUInt32BE(12);
    const firstIfd = high * 2 ** 32 + low;
    if (high >= 2 ** 21 || firstIfd < 16) return undefined;
    return { littleEndian, variant: 'bigtiff', firstIfd, size: 16 };
  }
  const variant: TiffVariant | undefined = magic === 42 ? 'tiff' : ORF_MAGICS.has(magic) ? 'orf' : magic === RW2_MAGIC ? 'rw2' : undefined;
  if (!variant) return undefined;
  const firstIfd = u32(4);
  if (firstIfd < 8) return undefined;
  return { littleEndian, variant, firstIfd, size: 8 };
}
