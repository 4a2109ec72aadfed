import { InvalidBits, NoVerdict, type BitReader } from './jxl-bits.js';
import { readEntropyCode, SymbolReader } from './jxl-entropy.js';
import type { JxlFrame } from './jxl-frame.js';
import type { JxlImageInfo } from './jxl-headers.js';

/** Symbols a check reads at most; a real dictionary or spline set of a first frame takes far fewer. */
const MAX_SYMBOLS = 1 << 20;
const PATCH_CONTEXTS = 10;
const SPLINE_CONTEXTS = 6;
/** Patch blend modes 0 (none) to 7 (mul-add below); 4 and up blend with an alpha channel. */
const MAX_PATCH_BLEND = 7;
const ALPHA_BLEND = 4;
const CLAMPED_BLEND = 3;
const MAX_SPLINES = 1 << 24;
const MAX_CONTROL_POINTS = 1 << 20;
const DCT_COEFFICIENTS = 4 * 32;

const unpackSigned = (u: number): number => (u % 2 === 0 ? u / 2 : -(u + 1) / 2);

/** Counts the symbols a check reads, so hostile counts cannot keep it busy. */
function budgeted(reader: SymbolReader): (ctx: number) => number {
  let left = MAX_SYMBOLS;
  return (ctx) => {
    if (--left < 0) throw new NoVerdict(`more than ${MAX_SYMBOLS} symbols`);
    return reader.read(ctx);
  };
}

/**
 * Steps over a frame's patch dictionary (ISO/IEC 18181-1 §G.1.2): its entropy code, the patches with
 * their reference positions, targets and blending, and the end state of its ANS stream.
 */
export function skipPatches(r: BitReader, frame: JxlFrame, info: JxlImageInfo): void {
  const reader = new SymbolReader(readEntropyCode(r, PATCH_CONTEXTS), r);
  const read = budgeted(reader);
  const patches = read(0);
  if (patches > Math.min(1 << 24, Math.floor((frame.width * frame.height) / 16))) throw new InvalidBits(`${patches} patches`);
  for (let p = 0; p < patches; p++) {
    read(1); // reference frame
    read(3); // x0, y0
    read(3);
    read(2); // width, height
    read(2);
    const count = read(7) + 1;
    for (let t = 0; t < count; t++) {
      read(t === 0 ? 4 : 6); // position, or its change from the previous target
      read(t === 0 ? 4 : 6);
      for (let c = 0; c <= info.extraChannels; c++) {
        const mode = read(5);
        if (mode > MAX_PATCH_BLEND) throw new InvalidBits(`patch blend mode ${mode}`);
        if (mode >= ALPHA_BLEND && info.alphaChannels >= 2 && read(8) >= info.extraChannels) throw new InvalidBits('a patch blending with a missing alpha channel');
        if (mode >= CLAMPED_BLEND) read(9);
      }
    }
  }
  if (!reader.finished()) throw new InvalidBits('the patch dictionary does not end in the ANS final state');
}

/** Steps over a frame's splines (§G.1.3): start points, control points and DCT coefficients, and the ANS end state. */
export function skipSplines(r: BitReader, frame: JxlFrame): void {
  const reader = new SymbolReader(readEntropyCode(r, SPLINE_CONTEXTS), r);
  const read = budgeted(reader);
  const pixels = frame.width * frame.height;
  const splines = read(2) + 1;
  if (splines > Math.min(MAX_SPLINES, Math.floor(pixels / 4))) throw new InvalidBits(`${splines} splines`);
  for (let i = 0; i < 2 * splines; i++) read(1); // start points
  read(0); // quant_adjust
  let points = 0;
  for (let s = 0; s < splines; s++) {
    const count = read(3);
    points += count;
    if (points > Math.min(MAX_CONTROL_POINTS, Math.floor(pixels / 2))) throw new InvalidBits(`more than ${points - count} spline control points`);
    let dx = 0;
    let dy = 0;
    for (let i = 0; i < count; i++) {
      dx += unpackSigned(read(4));
      dy += unpackSigned(read(4));
      if (dx === 0 && dy === 0) throw new InvalidBits('two spline control points in the same place');
    }
    for (let i = 0; i < DCT_COEFFICIENTS; i++) read(5);
  }
  if (!reader.finished()) throw new InvalidBits('the splines do not end in the ANS final state');
}
