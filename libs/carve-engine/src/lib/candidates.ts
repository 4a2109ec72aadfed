import { firstOnGrid, onGrid, type Alignment } from './alignment.js';
import { SignatureFinder } from './signature-finder.js';
import { formatsAt, type SignatureIndex } from './signature-index.js';
import type { CarveFormat } from './types.js';

export interface Candidate {
  /** Absolute offset in the source. */
  readonly start: number;
  readonly formats: readonly CarveFormat[];
}

/** Below this block size, jumping with indexOf and filtering by alignment beats stepping block by block. */
const STEP_MIN_BLOCK = 64;

/**
 * Finds candidates in one chunk read at `chunkStart`: on the alignment's grid (offset % blockSize ==
 * alignment offset, absolute), or anywhere when blockSize is 1. The chunk holds `index.span - 1` bytes
 * beyond the scanned part, so signatures straddling the edge are seen whole.
 */
export class ChunkCandidates {
  private readonly finder: SignatureFinder | undefined;

  constructor(
    private readonly index: SignatureIndex,
    private readonly chunk: Buffer,
    private readonly chunkStart: number,
    private readonly alignment: Alignment,
  ) {
    this.finder = alignment.blockSize < STEP_MIN_BLOCK ? new SignatureFinder(index, chunk) : undefined;
  }

  /** The first candidate with from <= start < to (absolute offsets), or undefined. */
  next(from: number, to: number): Candidate | undefined {
    const base = this.chunkStart;
    if (this.finder) {
      for (let rel = from - base; ; rel++) {
        rel = this.finder.find(rel, to - base);
        if (rel === -1) return undefined;
        if (!onGrid(base + rel, this.alignment)) continue;
        const formats = formatsAt(this.index, this.chunk, rel);
        if (formats.length > 0) return { start: base + rel, formats };
      }
    }
    for (let start = firstOnGrid(from, this.alignment); start < to; start += this.alignment.blockSize) {
      const formats = formatsAt(this.index, this.chunk, start - base);
      if (formats.length > 0) return { start, formats };
    }
    return undefined;
  }
}
