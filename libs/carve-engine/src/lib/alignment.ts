/**
 * Where files may start: offsets with `offset % blockSize == offset` (absolute in the source).
 * `{ blockSize: 1, offset: 0 }` is byte-level mode, a file at any offset.
 */
export interface Alignment {
  readonly blockSize: number;
  readonly offset: number;
}

export const SECTOR = 512;
export const MAX_BLOCK = 64 * 1024;
export const BYTE_LEVEL: Alignment = { blockSize: 1, offset: 0 };
/** What a scan with nothing to go on assumes: every 512-byte sector boundary. */
export const SECTOR_ALIGNED: Alignment = { blockSize: SECTOR, offset: 0 };

/** Share of the sampled headers that must lie on one sector grid for the space to count as block-structured. */
const SECTOR_MAJORITY = 0.75;
/** A block size larger than a sector is adopted only if the headers would share it by chance less often than this. */
const CHANCE = 1e-6;

/**
 * The alignment that the starts of validated headers (absolute offsets, in the order found) share,
 * as PhotoRec's first pass finds it: the sector grid most of them lie on (or byte level when no grid
 * holds 75 % of them: files at arbitrary offsets, a dump), then the largest power-of-two block size up
 * to 64 KiB on which all headers of that grid share one offset. A block size above 512 is taken only
 * when n headers sharing it by accident is unlikely. Files on a 32 KiB grid share the 64 KiB grid by
 * chance with probability 2^-(n-1), so it takes 2^(n-1) >= 10^6 (21 headers): a few photos 64 KiB
 * apart prove nothing, and a block size too large skips every other file. No headers: 512/0.
 */
export function alignmentOf(starts: readonly number[]): Alignment {
  if (starts.length === 0) return SECTOR_ALIGNED;
  const bySector = new Map<number, number[]>();
  for (const start of starts) {
    const residue = start % SECTOR;
    const group = bySector.get(residue);
    if (group) group.push(start);
    else bySector.set(residue, [start]);
  }
  // The largest group; on a tie the one found first (Map keeps insertion order).
  let grid: number[] = [];
  for (const group of bySector.values()) if (group.length > grid.length) grid = group;
  if (grid.length < SECTOR_MAJORITY * starts.length) return BYTE_LEVEL;

  let blockSize = MAX_BLOCK;
  while (blockSize > SECTOR && !grid.every((s) => s % blockSize === grid[0] % blockSize)) blockSize /= 2;
  if (blockSize > SECTOR && 2 ** (grid.length - 1) < 1 / CHANCE) blockSize = SECTOR;
  return { blockSize, offset: grid[0] % blockSize };
}

/** The first offset >= `from` on the grid. */
export function firstOnGrid(from: number, { blockSize, offset }: Alignment): number {
  return from + ((offset - (from % blockSize) + blockSize) % blockSize);
}

export function onGrid(at: number, { blockSize, offset }: Alignment): boolean {
  return at % blockSize === offset;
}
