import { InvalidBits, type BitReader } from './jxl-bits.js';
import { readEntropyCode, SymbolReader } from './jxl-entropy.js';

/** The tree's own entropy code has six contexts (ISO/IEC 18181-1 §H.4.2). */
const TREE_CONTEXTS = 6;
const SPLIT_VALUE = 0;
const PROPERTY = 1;
const PREDICTOR = 2;
const OFFSET = 3;
const MULTIPLIER_LOG = 4;
const MULTIPLIER_BITS = 5;
/** Predictors 0 (zero) to 13 (average of all). */
const MAX_PREDICTOR = 13;
const MAX_MULTIPLIER_LOG = 30;

/**
 * Reads a meta-adaptive tree, as a modular image decodes it before its samples: the tree's entropy code,
 * its nodes (a decision node's property and split value; a leaf's predictor, offset and multiplier), the
 * end state of its ANS stream, then the code of the leaves' contexts. Throws InvalidBits on a tree no
 * decoder accepts (more than `maxNodes` nodes, a predictor or multiplier out of range, a stream that
 * does not end in its final state); returns the number of leaves.
 */
export function readMaTree(r: BitReader, maxNodes: number): number {
  const reader = new SymbolReader(readEntropyCode(r, TREE_CONTEXTS), r);
  let nodes = 0;
  let leaves = 0;
  for (let left = 1; left > 0; left--) {
    if (++nodes > maxNodes) throw new InvalidBits(`an MA tree of more than ${maxNodes} nodes`);
    if (reader.read(PROPERTY) > 0) {
      reader.read(SPLIT_VALUE);
      left += 2;
      continue;
    }
    leaves++;
    if (reader.read(PREDICTOR) > MAX_PREDICTOR) throw new InvalidBits('an MA tree leaf with an unknown predictor');
    reader.read(OFFSET);
    const log = reader.read(MULTIPLIER_LOG);
    if (log > MAX_MULTIPLIER_LOG) throw new InvalidBits('an MA tree leaf multiplier beyond 2^31');
    if (reader.read(MULTIPLIER_BITS) > 2 ** (31 - log) - 2) throw new InvalidBits('an MA tree leaf multiplier beyond 2^31');
  }
  if (!reader.finished()) throw new InvalidBits('the MA tree does not end in the ANS final state');
  readEntropyCode(r, leaves);
  return leaves;
}
