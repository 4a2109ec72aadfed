import { bits, InvalidBits, val, type BitReader, type U32Dists } from './jxl-bits.js';
import { largest, readContextMap } from './jxl-entropy.js';
import type { JxlFrame } from './jxl-frame.js';
import type { JxlImageInfo } from './jxl-headers.js';
import { readMaTree } from './jxl-ma-tree.js';
import { readModularHeader } from './jxl-modular-header.js';
import { skipPatches, skipSplines } from './jxl-patches.js';

const NOISE = 1;
const PATCHES = 2;
const SPLINES = 16;
const USE_DC_FRAME = 32;
/** The frame flags (a U64) carry bit `flag`. */
const hasFlag = (flags: number, flag: number): boolean => Math.floor(flags / flag) % 2 === 1;

const GLOBAL_SCALE: U32Dists = [bits(11, 1), bits(11, 2049), bits(12, 4097), bits(16, 8193)];
const QUANT_LF: U32Dists = [val(16), bits(5, 1), bits(8, 1), bits(16, 1)];
const LF_THRESHOLD: U32Dists = [bits(4), bits(8, 16), bits(16, 272), bits(32, 65808)];
const QF_THRESHOLD: U32Dists = [bits(2), bits(3, 4), bits(5, 12), bits(8, 44)];
const COLOUR_FACTOR: U32Dists = [val(84), val(256), bits(8, 2), bits(16, 258)];
/** HF coefficient contexts per block-context-map entry (13 orders × 3 channels). */
const BLOCK_CONTEXTS = 39;
/** The reference decoder's bounds on a block context map: 64 threshold cells, 16 clusters. */
const MAX_BLOCK_CELLS = 64;
const MAX_BLOCK_CLUSTERS = 16;
const MAX_GLOBAL_TREE_NODES = 1 << 22;

/** What a frame's LF global section said that its first LF group's check needs. */
export interface LfGlobal {
  readonly hasGlobalTree: boolean;
  /** The first LF group of this VarDCT frame starts with its quantized LF coefficients' header. */
  readonly lfCoefficients: boolean;
  /** Samples of the global modular image follow the header (they cannot be stepped over). */
  readonly globalSamples: boolean;
}

/**
 * The start of a frame's first section, LfGlobal (ISO/IEC 18181-1 §G.1), as a decoder reads it before
 * any sample: patches, splines, noise parameters, the LF dequantization weights, for VarDCT the quantizer, the HF block
 * context map and the LF channel correlation, then GlobalModular — its MA tree if it has one, and the
 * header of the global modular image if that has channels (patches and splines, entropy-coded, come
 * first). Throws InvalidBits where a decoder would refuse it.
 */
export function readLfGlobal(r: BitReader, frame: JxlFrame, info: JxlImageInfo): LfGlobal {
  if (hasFlag(frame.flags, PATCHES)) skipPatches(r, frame, info);
  if (hasFlag(frame.flags, SPLINES)) skipSplines(r, frame);
  if (hasFlag(frame.flags, NOISE)) r.skip(8 * 10);
  if (!r.bool()) for (let i = 0; i < 3; i++) r.f16(); // LF dequantization weights
  if (!frame.modular) {
    r.u32(GLOBAL_SCALE);
    r.u32(QUANT_LF);
    readBlockContextMap(r);
    if (!r.bool()) {
      r.u32(COLOUR_FACTOR);
      r.f16(); // base correlations
      r.f16();
      r.skip(16); // LF correlation factors
    }
  }
  const hasGlobalTree = r.bool();
  const channels = (frame.modular ? info.colourChannels : 0) + info.extraChannels;
  if (hasGlobalTree) readMaTree(r, Math.min(MAX_GLOBAL_TREE_NODES, 1024 + Math.floor((frame.width * frame.height * Math.max(1, channels)) / 16)));
  if (channels > 0) readModularHeader(r, channels, channels * frame.sampleWidth * frame.sampleHeight, hasGlobalTree);
  return { hasGlobalTree, lfCoefficients: !frame.modular && !hasFlag(frame.flags, USE_DC_FRAME), globalSamples: channels > 0 };
}

/** A VarDCT frame's first LF group: extra precision, then the header of its 3-channel quantized LF image. */
export function readLfCoefficientsHeader(r: BitReader, frame: JxlFrame, lf: LfGlobal): void {
  r.skip(2);
  const lfSamples = Math.ceil(frame.sampleWidth / 8) * Math.ceil(frame.sampleHeight / 8);
  readModularHeader(r, 3, 3 * lfSamples, lf.hasGlobalTree);
}

/** The HF block context map: the default one, or LF and quantizer thresholds and their context map. */
function readBlockContextMap(r: BitReader): void {
  if (r.bool()) return;
  let cells = 1;
  for (let c = 0; c < 3; c++) {
    const thresholds = r.read(4);
    cells *= thresholds + 1;
    for (let i = 0; i < thresholds; i++) r.u32(LF_THRESHOLD);
  }
  const qf = r.read(4);
  cells *= qf + 1;
  for (let i = 0; i < qf; i++) r.u32(QF_THRESHOLD);
  if (cells > MAX_BLOCK_CELLS) throw new InvalidBits(`a block context map of ${cells} threshold cells`);
  const clusters = largest(readContextMap(r, cells * BLOCK_CONTEXTS)) + 1;
  if (clusters > MAX_BLOCK_CLUSTERS) throw new InvalidBits(`a block context map of ${clusters} clusters`);
}
