import { bits, InvalidBits, type BitReader, type U32Dists } from './jxl-bits.js';

const CUSTOM_XY: U32Dists = [bits(19), bits(19, 524288), bits(20, 1048576), bits(21, 2097152)];
const COLOUR_SPACES: readonly number[] = [0, 1, 2, 3];
const WHITE_POINTS: readonly number[] = [1, 2, 10, 11];
const PRIMARIES: readonly number[] = [1, 2, 9, 11];
const TRANSFER_FUNCTIONS: readonly number[] = [1, 8, 13, 16, 17, 18];
const RENDERING_INTENTS: readonly number[] = [0, 1, 2, 3];

/** What the frames need of a ColourEncoding: whether an ICC stream follows, and a grey image's one channel. */
export interface ColourInfo {
  readonly wantIcc: boolean;
  readonly grey: boolean;
}

/**
 * ColourEncoding (ISO/IEC 18181-1 §A.4): all default (sRGB), or an ICC profile (coded after the headers)
 * or enumerated white point, primaries, transfer function and rendering intent.
 */
export function readColourEncoding(r: BitReader): ColourInfo {
  if (r.bool()) return { wantIcc: false, grey: false }; // all_default: sRGB
  const wantIcc = r.bool();
  const space = r.enumValue(COLOUR_SPACES, 'colour space');
  const grey = space === 1;
  if (wantIcc) return { wantIcc, grey };
  // Without an ICC profile every field must be known (the reference decoder refuses "unknown").
  if (space === 3) throw new InvalidBits('an unknown colour space without an ICC profile');
  const xyb = space === 2;
  const customXy = (points: number): void => {
    for (let i = 0; i < 2 * points; i++) r.u32(CUSTOM_XY);
  };
  if (!xyb && r.enumValue(WHITE_POINTS, 'white point') === 2) customXy(1);
  if (!xyb && space !== 1 && r.enumValue(PRIMARIES, 'primaries') === 2) customXy(3);
  if (!xyb) {
    if (r.bool()) {
      const gamma = r.read(24);
      if (gamma === 0 || gamma > 10_000_000) throw new InvalidBits(`gamma ${gamma / 10_000_000}`);
    } else r.enumValue(TRANSFER_FUNCTIONS, 'transfer function'); // 2, "unknown", needs ICC
  }
  r.enumValue(RENDERING_INTENTS, 'rendering intent');
  return { wantIcc, grey };
}

/** ToneMapping: intensity target, minimum and linear-below nits (HDR images). */
export function readToneMapping(r: BitReader): void {
  if (r.bool()) return;
  const target = r.f16();
  const minNits = r.f16();
  r.bool(); // relative_to_max_display
  const linearBelow = r.f16();
  if (target <= 0 || minNits < 0 || minNits > target || linearBelow < 0) throw new InvalidBits('invalid tone mapping');
}
