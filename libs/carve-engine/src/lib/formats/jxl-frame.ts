import { bits, InvalidBits, val, type BitReader, type U32Dists } from './jxl-bits.js';
import { readName, type JxlImageInfo } from './jxl-headers.js';

const REGULAR = 0;
const DC = 1;
const REFERENCE_ONLY = 2;
const SKIP_PROGRESSIVE = 3;
const USE_DC_FRAME = 32;
const REPLACE = 0;
const BLEND = 2;
const ALPHA_WEIGHTED_ADD = 3;
const MUL = 4;
const UPSAMPLING: U32Dists = [val(1), val(2), val(4), val(8)];
// Field encodings of the frame header, made once (not per read).
const FRAME_TYPE: U32Dists = [val(REGULAR), val(DC), val(REFERENCE_ONLY), val(SKIP_PROGRESSIVE)];
const NUM_PASSES: U32Dists = [val(1), val(2), val(3), bits(3, 4)];
const NUM_DS: U32Dists = [val(0), val(1), val(2), bits(1, 3)];
const DOWNSAMPLE: U32Dists = [val(1), val(2), val(4), val(8)];
const LAST_PASS: U32Dists = [val(0), val(1), val(2), bits(3)];
const LF_LEVEL: U32Dists = [val(1), val(2), val(3), val(4)];
const DURATION: U32Dists = [val(0), val(1), bits(8), bits(32)];
/** save_as_reference and blending's source: one of the 4 reference slots. */
const REFERENCE: U32Dists = [val(0), val(1), val(2), val(3)];
const BLEND_MODE: U32Dists = [val(REPLACE), val(1), val(BLEND), bits(2, 3)];
const ALPHA_CHANNEL: U32Dists = [val(0), val(1), val(2), bits(3, 3)];
const CROP: U32Dists = [bits(8), bits(11, 256), bits(14, 2304), bits(30, 18688)];
/** TOC entry sizes in bytes. */
export const TOC_SIZE: U32Dists = [bits(10), bits(14, 1024), bits(22, 17408), bits(30, 4211712)];
/** Chroma subsampling modes (h, v shift) of YCbCrChromaSubsampling. */
const SHIFTS: readonly (readonly [number, number])[] = [[0, 0], [1, 1], [1, 0], [0, 1]];

export interface JxlFrame {
  readonly isLast: boolean;
  /** Sections the frame's TOC lists. */
  readonly tocEntries: number;
  /** Pixels the frame codes (its own size, after upsampling and LF downscaling). */
  readonly pixels: number;
  /** Modular (true) or VarDCT encoding. */
  readonly modular: boolean;
  /** The frame's flags (FrameHeader.flags): noise 1, patches 2, splines 16, use_dc_frame 32. */
  readonly flags: number;
  /** The frame's size before upsampling is undone, and its samples after (xsize, ysize). */
  readonly width: number;
  readonly height: number;
  readonly sampleWidth: number;
  readonly sampleHeight: number;
  /** Side of a group in samples (128 << group_size_shift). */
  readonly groupDim: number;
}

const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);

/**
 * A FrameHeader (ISO/IEC 18181-1 §C.2), read as far as it decides the frame's size in sections and
 * whether it is the last; `preview` reads the preview frame, whose default size is the preview's.
 */
export function readFrameHeader(r: BitReader, info: JxlImageInfo, preview: boolean): JxlFrame {
  const size = preview && info.preview ? info.preview : info;
  if (r.bool()) return layout(true, size.width, size.height, { modular: false, flags: 0, upsampling: 1, hShift: 0, vShift: 0, groupShift: 1, passes: 1 }); // all_default
  const type = r.u32(FRAME_TYPE);
  if (preview && type !== REGULAR) throw new InvalidBits('a preview frame that is not a regular frame');
  const modular = r.bool();
  const flags = r.u64();
  if (info.xybEncoded && modular && info.floatSamples) throw new InvalidBits('float samples in an XYB modular frame');
  let hShift = 0;
  let vShift = 0;
  const ycbcr = !info.xybEncoded && r.bool();
  const useDcFrame = Math.floor(flags / USE_DC_FRAME) % 2 === 1;
  if (ycbcr && !useDcFrame) {
    for (let c = 0; c < 3; c++) {
      const [h, v] = SHIFTS[r.read(2)];
      hShift = Math.max(hShift, h);
      vShift = Math.max(vShift, v);
    }
  }
  let upsampling = 1;
  if (!useDcFrame) {
    upsampling = r.u32(UPSAMPLING);
    for (let i = 0; i < info.extraChannels; i++) r.u32(UPSAMPLING);
  }
  const groupShift = modular ? r.read(2) : 1;
  if (!modular && info.xybEncoded) r.read(6); // x_qm_scale, b_qm_scale
  let passes = 1;
  if (type !== REFERENCE_ONLY) {
    passes = r.u32(NUM_PASSES);
    if (passes > 1) {
      const downsamples = r.u32(NUM_DS);
      if (downsamples > passes) throw new InvalidBits(`${downsamples} downsampled passes of ${passes}`);
      r.skip(2 * (passes - 1)); // shifts
      for (let i = 0; i < downsamples; i++) r.u32(DOWNSAMPLE);
      for (let i = 0; i < downsamples; i++) if (r.u32(LAST_PASS) >= passes) throw new InvalidBits('last_pass beyond the passes');
    }
  }
  const dcLevel = type === DC ? r.u32(LF_LEVEL) : 0;
  let width = size.width;
  let height = size.height;
  let partial = false;
  if (type !== DC && r.bool()) {
    let x0 = 0;
    let y0 = 0;
    if (type === REGULAR || type === SKIP_PROGRESSIVE) {
      x0 = unpackSigned(r.u32(CROP));
      y0 = unpackSigned(r.u32(CROP));
    }
    width = r.u32(CROP);
    height = r.u32(CROP);
    partial = type !== REFERENCE_ONLY && (x0 > 0 || y0 > 0 || width + x0 < size.width || height + y0 < size.height);
  }
  let isLast = false;
  let blendReplace = true;
  let duration = 0;
  if (type === REGULAR || type === SKIP_PROGRESSIVE) {
    for (let i = 0; i <= info.extraChannels; i++) blendReplace = readBlending(r, info.extraChannels, partial) && blendReplace;
    if (info.animation) {
      duration = r.u32(DURATION);
      if (info.timecodes) r.read(32);
    }
    isLast = r.bool();
  }
  if (type !== REGULAR) isLast = false;
  const saveAsReference = type !== DC && !isLast ? r.u32(REFERENCE) : 0;
  const canBeReferenced = !isLast && type !== DC && (duration === 0 || saveAsReference !== 0);
  if (type !== DC && ((canBeReferenced && blendReplace && !partial && (type === REGULAR || type === SKIP_PROGRESSIVE)) || type === REFERENCE_ONLY)) r.bool(); // save_before_ct
  readName(r);
  readRestorationFilter(r, modular);
  r.extensions();
  const scaled = dcLevel ? 2 ** (3 * dcLevel) : 1;
  return layout(isLast, ceilDiv(width, scaled), ceilDiv(height, scaled), { modular, flags, upsampling, hShift, vShift, groupShift, passes });
}

/** BlendingInfo for the colour channels or one extra channel; true when its mode is kReplace. */
function readBlending(r: BitReader, extraChannels: number, partial: boolean): boolean {
  const mode = r.u32(BLEND_MODE);
  if (mode > MUL) throw new InvalidBits(`blend mode ${mode}`);
  const alpha = extraChannels > 0 && (mode === BLEND || mode === ALPHA_WEIGHTED_ADD);
  if (alpha && r.u32(ALPHA_CHANNEL) >= extraChannels) throw new InvalidBits('blending with a missing alpha channel');
  if (alpha || mode === MUL) r.bool(); // clamp
  if (mode !== REPLACE || partial) r.u32(REFERENCE); // source
  return mode === REPLACE;
}

/** RestorationFilter (Gabor-like smoothing and the edge-preserving filter's parameters). */
function readRestorationFilter(r: BitReader, modular: boolean): void {
  if (r.bool()) return;
  if (r.bool() && r.bool()) for (let i = 0; i < 6; i++) r.f16(); // gab, gab_custom, weights
  const epfIterations = r.read(2);
  if (epfIterations > 0) {
    if (!modular && r.bool()) for (let i = 0; i < 8; i++) r.f16(); // sharpness LUT
    if (r.bool()) for (let i = 0; i < 5; i++) r.f16(); // channel scales, zero flush
    if (r.bool()) for (let i = 0; i < (modular ? 3 : 4); i++) r.f16(); // sigma parameters
    if (modular) r.f16(); // sigma for modular
  }
  r.extensions();
}

const unpackSigned = (u: number): number => (u % 2 === 0 ? u / 2 : -(u + 1) / 2);

interface Coding {
  readonly modular: boolean;
  readonly flags: number;
  readonly upsampling: number;
  readonly hShift: number;
  readonly vShift: number;
  readonly groupShift: number;
  readonly passes: number;
}

/** Sections of a frame: one when it is a single group and pass, else LfGlobal, LF groups, HfGlobal, pass groups. */
function layout(isLast: boolean, width: number, height: number, c: Coding): JxlFrame {
  const xs = ceilDiv(width, c.upsampling);
  const ys = ceilDiv(height, c.upsampling);
  const groupDim = 128 << c.groupShift;
  const xBlocks = ceilDiv(xs, 8 << c.hShift) << c.hShift;
  const yBlocks = ceilDiv(ys, 8 << c.vShift) << c.vShift;
  const groups = ceilDiv(xs, groupDim) * ceilDiv(ys, groupDim);
  const dcGroups = ceilDiv(xBlocks, groupDim) * ceilDiv(yBlocks, groupDim);
  const tocEntries = groups === 1 && c.passes === 1 ? 1 : 2 + dcGroups + groups * c.passes;
  return { isLast, tocEntries, pixels: xs * ys, modular: c.modular, flags: c.flags, width, height, sampleWidth: xs, sampleHeight: ys, groupDim };
}
