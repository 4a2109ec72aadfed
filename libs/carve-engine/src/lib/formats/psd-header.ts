export const PSD_HEAD_BYTES = 26;
const MODES = new Set([0, 1, 2, 3, 4, 7, 8, 9]);
const DEPTHS = new Set([1, 8, 16, 32]);

export interface PsdHeader {
  /** Version 2: the large document format (PSB), with 8-byte section lengths and 4-byte RLE counts. */
  readonly big: boolean;
  readonly channels: number;
  readonly width: number;
  readonly height: number;
  readonly depth: number;
  readonly mode: number;
}

/**
 * The 26-byte file header (Adobe Photoshop File Formats Specification, "File Header Section"): '8BPS',
 * version 1 (PSD) or 2 (PSB), six reserved zero bytes, 1–56 channels, height and width up to 30,000
 * (PSB: 300,000), depth 1/8/16/32, a known colour mode. Undefined when it is not one.
 */
export function readPsdHeader(head: Buffer): PsdHeader | undefined {
  if (head.length < PSD_HEAD_BYTES || head.toString('latin1', 0, 4) !== '8BPS') return undefined;
  const version = head.readUInt16BE(4);
  if ((version !== 1 && version !== 2) || head.readUInt16BE(6) !== 0 || head.readUInt32BE(8) !== 0) return undefined;
  const big = version === 2;
  const maxSide = big ? 300_000 : 30_000;
  const channels = head.readUInt16BE(12);
  const height = head.readUInt32BE(14);
  const width = head.readUInt32BE(18);
  const depth = head.readUInt16BE(22);
  const mode = head.readUInt16BE(24);
  if (channels < 1 || channels > 56 || height < 1 || width < 1 || height > maxSide || width > maxSide) return undefined;
  if (!DEPTHS.has(depth) || !MODES.has(mode)) return undefined;
  return { big, channels, width, height, depth, mode };
}

/** Bytes of one row of one channel, uncompressed. */
export function psdRowBytes(header: PsdHeader): number {
  return Math.ceil((header.width * header.depth) / 8);
}
