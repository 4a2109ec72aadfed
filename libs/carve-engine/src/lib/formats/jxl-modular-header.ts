import { bits, InvalidBits, val, type BitReader, type U32Dists } from './jxl-bits.js';
import { readMaTree } from './jxl-ma-tree.js';

const NB_TRANSFORMS: U32Dists = [val(0), val(1), bits(4, 2), bits(8, 18)];
const BEGIN_C: U32Dists = [bits(3), bits(6, 8), bits(10, 72), bits(13, 1096)];
const RCT_TYPE: U32Dists = [val(6), bits(2), bits(4, 2), bits(6, 10)];
const PALETTE_CHANNELS: U32Dists = [val(1), val(3), val(4), bits(13, 1)];
const PALETTE_COLOURS: U32Dists = [bits(8), bits(10, 256), bits(12, 1280), bits(16, 5376)];
const PALETTE_DELTAS: U32Dists = [val(0), bits(8, 1), bits(10, 257), bits(16, 1281)];
const SQUEEZES: U32Dists = [val(0), bits(4, 1), bits(6, 9), bits(8, 41)];
const SQUEEZE_CHANNELS: U32Dists = [val(1), val(2), val(3), bits(4, 4)];
/** No real image comes near this many transforms; the reference decoders refuse more too. */
const MAX_TRANSFORMS = 512;
/** Six channel orders times seven colour transforms. */
const RCT_TYPES = 42;
const MAX_PREDICTOR = 13;
/** A local tree has at most 1024 nodes more than its image has samples, and never more than 2^20. */
const MAX_LOCAL_TREE_NODES = 1 << 20;

/**
 * A modular image's header (ISO/IEC 18181-1 §H.2, GroupHeader) for an image of `channels` channels and
 * at most `samples` samples:
 * use_global_tree, the weighted predictor's parameters, the transforms — each checked against the
 * channels it names while that can be followed (an RCT's three, a palette's range; after a squeeze the
 * channel list is left unchecked) — then the image's own MA tree when it does not use the global one.
 * Throws InvalidBits where a decoder would refuse the image; the samples follow.
 */
export function readModularHeader(r: BitReader, channels: number, samples: number, hasGlobalTree: boolean): void {
  const useGlobalTree = r.bool();
  if (!r.bool()) r.skip(7 * 5 + 4 * 4); // weighted predictor: p1, p2, p3a–e (5 bits), w0–w3 (4 bits)
  const transforms = r.u32(NB_TRANSFORMS);
  if (transforms > MAX_TRANSFORMS) throw new InvalidBits(`${transforms} modular transforms`);
  let count = channels;
  let meta = 0;
  let paletteSamples = 0;
  for (let i = 0; i < transforms; i++) {
    const id = r.read(2);
    if (id === 0) {
      const begin = r.u32(BEGIN_C);
      if (r.u32(RCT_TYPE) >= RCT_TYPES) throw new InvalidBits('an RCT of an unknown type');
      if (begin + 3 > count) throw new InvalidBits(`an RCT on channels ${begin}–${begin + 2} of ${count}`);
    } else if (id === 1) {
      const begin = r.u32(BEGIN_C);
      const end = begin + r.u32(PALETTE_CHANNELS);
      paletteSamples += r.u32(PALETTE_COLOURS) * (end - begin);
      r.u32(PALETTE_DELTAS);
      if (r.read(4) > MAX_PREDICTOR) throw new InvalidBits('a palette with an unknown predictor');
      if (end > count || (begin < meta && end > meta)) throw new InvalidBits(`a palette on channels ${begin}–${end - 1} of ${count}`);
      meta = begin < meta ? meta + 2 - (end - begin) : meta + 1;
      count = count - (end - begin) + 2;
    } else if (id === 2) {
      const squeezes = r.u32(SQUEEZES);
      for (let s = 0; s < squeezes; s++) {
        r.skip(2); // horizontal, in_place
        r.u32(BEGIN_C);
        r.u32(SQUEEZE_CHANNELS);
      }
      count = Infinity; // squeezes add channels by rules not followed here
    } else {
      throw new InvalidBits('an unknown modular transform');
    }
  }
  if (useGlobalTree && !hasGlobalTree) throw new InvalidBits('a modular image that uses a global tree the frame does not have');
  // Squeezes split channels in two: the samples stay about as many; twice them leaves room.
  if (!useGlobalTree) readMaTree(r, Math.min(MAX_LOCAL_TREE_NODES, 1024 + 2 * (samples + paletteSamples)));
}
