import { randomBytes } from './random.js';

export interface Placement {
  readonly offset: number;
  readonly data: Buffer;
}

/** A synthetic disk: seeded random filler with files laid in at the given offsets. */
export function buildDisk(size: number, placements: readonly Placement[], seed = 1): Buffer {
  const disk = randomBytes(size, seed);
  const sorted = [...placements].sort((a, b) => a.offset - b.offset);
  sorted.forEach((p, i) => {
    const next = sorted[i + 1];
    if (p.offset + p.data.length > size || (next && p.offset + p.data.length > next.offset)) {
      throw new Error(`placement at ${p.offset} (${p.data.length} bytes) does not fit`);
    }
    p.data.copy(disk, p.offset);
  });
  return disk;
}

/** Lays files one after another from `start`, each at the next multiple of `align` plus `skew`. */
export function layOut(files: readonly Buffer[], start: number, align: number, gap: number, skew = 0): Placement[] {
  const placements: Placement[] = [];
  let at = start;
  for (const data of files) {
    const offset = Math.ceil(at / align) * align + skew;
    placements.push({ offset, data });
    at = offset + data.length + gap;
  }
  return placements;
}
