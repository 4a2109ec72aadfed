import { bits, InvalidBits, val, type BitReader, type U32Dists } from './jxl-bits.js';
import { readColourEncoding, readToneMapping } from './jxl-colour.js';

/** What the frames of a codestream need to know from its headers (ISO/IEC 18181-1 §A–D). */
export interface JxlImageInfo {
  readonly width: number;
  readonly height: number;
  readonly xybEncoded: boolean;
  readonly floatSamples: boolean;
  readonly extraChannels: number;
  /** How many of the extra channels are alpha channels. */
  readonly alphaChannels: number;
  readonly animation: boolean;
  readonly timecodes: boolean;
  readonly preview?: { readonly width: number; readonly height: number };
  /** The colour profile is an entropy-coded ICC stream after the headers. */
  readonly wantIcc: boolean;
  /** Colour channels a modular frame codes: 1 for a grey image not XYB-encoded, else 3. */
  readonly colourChannels: number;
  /** Bytes a sample of the widest channel takes (1, 2 or 4). */
  readonly bytesPerSample: number;
}

/**
 * Level 5 (ISO/IEC 18181-2), which every codestream without a level box must meet: at most 2^18 pixels
 * a side and 2^28 in all, at most 4 extra channels and none of them black, samples of at most 16
 * bits, 16-bit modular buffers enough. A bare codestream carries no level box, so random bytes that
 * parse as a larger image are not one.
 */
export const LEVEL5 = { maxSide: 2 ** 18, maxPixels: 2 ** 28, maxExtraChannels: 4, maxBits: 16, maxIccBytes: 2 ** 22 } as const;

const SIZE: U32Dists = [bits(9, 1), bits(13, 1), bits(18, 1), bits(30, 1)];
const PREVIEW_DIV8: U32Dists = [val(16), val(32), bits(5, 1), bits(9, 33)];
const PREVIEW: U32Dists = [bits(6, 1), bits(8, 65), bits(10, 321), bits(12, 1345)];
const NAME_LENGTH: U32Dists = [val(0), bits(4), bits(5, 16), bits(10, 48)];
// The field encodings read for every FF 0A a byte-level scan meets: made once, not per read.
const INT_BITS: U32Dists = [val(8), val(10), val(12), bits(6, 1)];
const FLOAT_BITS: U32Dists = [val(32), val(16), val(24), bits(6, 1)];
const EXTRA_CHANNEL_TYPES: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
const DIM_SHIFT: U32Dists = [val(0), val(3), val(4), bits(3, 1)];
const CFA_CHANNEL: U32Dists = [val(1), bits(2), bits(4, 3), bits(8, 19)];
const TPS_NUMERATOR: U32Dists = [val(100), val(1000), bits(10, 1), bits(30, 1)];
const TPS_DENOMINATOR: U32Dists = [val(1), val(1001), bits(8, 1), bits(10, 1)];
const NUM_LOOPS: U32Dists = [val(0), bits(3), bits(16), bits(32)];
const EXTRA_CHANNELS: U32Dists = [val(0), val(1), bits(4, 2), bits(12, 1)];
/** Fixed aspect ratios of SizeHeader.ratio 1–7; xsize = floor(ysize × num / den). */
const RATIOS: readonly (readonly [number, number])[] = [[1, 1], [12, 10], [4, 3], [3, 2], [16, 9], [5, 4], [2, 1]];
/** The codestream allows up to 2^30 pixels a side. */
const MAX_SIDE = 2 ** 30;

const withRatio = (ratio: number, height: number, width: () => number): number => (ratio ? Math.floor((height * RATIOS[ratio - 1][0]) / RATIOS[ratio - 1][1]) : width());

/** SizeHeader: a small (multiple of 8, ≤ 256) or general height, then a ratio or a width. */
export function readSizeHeader(r: BitReader): { width: number; height: number } {
  const small = r.bool();
  const height = small ? (r.read(5) + 1) * 8 : r.u32(SIZE);
  const ratio = r.read(3);
  const width = withRatio(ratio, height, () => (small ? (r.read(5) + 1) * 8 : r.u32(SIZE)));
  if (width > MAX_SIDE || height > MAX_SIDE) throw new InvalidBits(`image size ${width}×${height} is out of range`);
  return { width, height };
}

function readPreviewHeader(r: BitReader): { width: number; height: number } {
  const div8 = r.bool();
  const height = div8 ? r.u32(PREVIEW_DIV8) * 8 : r.u32(PREVIEW);
  const ratio = r.read(3);
  return { width: withRatio(ratio, height, () => (div8 ? r.u32(PREVIEW_DIV8) * 8 : r.u32(PREVIEW))), height };
}

interface BitDepth {
  readonly float: boolean;
  readonly bits: number;
}

function readBitDepth(r: BitReader): BitDepth {
  const float = r.bool();
  if (!float) {
    const depth = r.u32(INT_BITS);
    if (depth > 31) throw new InvalidBits('more than 31 bits per integer sample');
    return { float, bits: depth };
  }
  const depth = r.u32(FLOAT_BITS);
  const exponent = r.read(4) + 1;
  const mantissa = depth - exponent - 1;
  if (exponent < 2 || exponent > 8 || mantissa < 2 || mantissa > 23) throw new InvalidBits(`float samples of ${depth} bits with ${exponent} exponent bits`);
  return { float, bits: depth };
}

export function readName(r: BitReader): void {
  r.skip(8 * r.u32(NAME_LENGTH));
}

/** ExtraChannelInfo; returns its type (0 alpha, 4 black…) and sample bits. */
function readExtraChannel(r: BitReader): { type: number; bits: number } {
  if (r.bool()) return { type: 0, bits: 8 }; // all_default: an 8-bit alpha channel
  const type = r.enumValue(EXTRA_CHANNEL_TYPES, 'extra channel type');
  const depth = readBitDepth(r);
  if (r.u32(DIM_SHIFT) > 8) throw new InvalidBits('extra channel dim_shift above 8');
  readName(r);
  if (type === 0) r.bool(); // alpha_associated
  if (type === 2) for (let i = 0; i < 4; i++) r.f16(); // spot colour
  if (type === 5) r.u32(CFA_CHANNEL); // CFA channel
  return { type, bits: depth.bits };
}

/**
 * ImageMetadata, then CustomTransformData (opsin matrix, upsampling weights), as the decoder reads them;
 * `level5` holds the image to level 5's limits.
 */
export function readImageMetadata(r: BitReader, size: { width: number; height: number }, level5: boolean): JxlImageInfo {
  const info = { width: size.width, height: size.height, xybEncoded: true, floatSamples: false, extraChannels: 0, alphaChannels: 0, animation: false, timecodes: false, wantIcc: false, colourChannels: 3, bytesPerSample: 1 };
  let preview: JxlImageInfo['preview'];
  let maxBits = 8;
  let black = false;
  let modular16 = true;
  if (!r.bool()) {
    const extraFields = r.bool();
    if (extraFields) {
      r.read(3); // orientation - 1
      if (r.bool()) readSizeHeader(r); // intrinsic size
      if (r.bool()) preview = readPreviewHeader(r);
      if (r.bool()) {
        info.animation = true;
        r.u32(TPS_NUMERATOR);
        r.u32(TPS_DENOMINATOR);
        r.u32(NUM_LOOPS);
        info.timecodes = r.bool();
      }
    }
    const depth = readBitDepth(r);
    info.floatSamples = depth.float;
    maxBits = depth.bits;
    modular16 = r.bool();
    info.extraChannels = r.u32(EXTRA_CHANNELS);
    if (level5 && info.extraChannels > LEVEL5.maxExtraChannels) throw new InvalidBits(`${info.extraChannels} extra channels, beyond level 5`);
    for (let i = 0; i < info.extraChannels; i++) {
      const channel = readExtraChannel(r);
      maxBits = Math.max(maxBits, channel.bits);
      black ||= channel.type === 4;
      if (channel.type === 0) info.alphaChannels++;
    }
    info.xybEncoded = r.bool();
    const colour = readColourEncoding(r);
    info.wantIcc = colour.wantIcc;
    if (colour.grey && !info.xybEncoded) info.colourChannels = 1;
    if (extraFields) readToneMapping(r);
    r.extensions();
  }
  if (!r.bool()) {
    if (info.xybEncoded && !r.bool()) for (let i = 0; i < 16; i++) r.f16(); // opsin inverse matrix
    const weights = r.read(3);
    const count = (weights & 1 ? 15 : 0) + (weights & 2 ? 55 : 0) + (weights & 4 ? 210 : 0);
    for (let i = 0; i < count; i++) r.f16();
  }
  if (level5) checkLevel5(info.width, info.height, maxBits, black, modular16);
  info.bytesPerSample = maxBits <= 8 ? 1 : maxBits <= 16 ? 2 : 4;
  return preview ? { ...info, preview } : info;
}

function checkLevel5(width: number, height: number, maxBits: number, black: boolean, modular16: boolean): void {
  if (width > LEVEL5.maxSide || height > LEVEL5.maxSide || width * height > LEVEL5.maxPixels) throw new InvalidBits(`a ${width}×${height} image, beyond level 5`);
  if (maxBits > LEVEL5.maxBits || black || !modular16) throw new InvalidBits('samples beyond level 5');
}
