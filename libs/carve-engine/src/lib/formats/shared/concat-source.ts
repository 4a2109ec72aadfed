import type { CarveSource } from '../../byte-source.js';
import type { ByteRun } from '../../types.js';

/**
 * A source made of runs of another source laid end to end (a JPEG XL codestream split over jxlp boxes),
 * so a walker can read it as one stream. `fileOffset` maps a position back into the underlying source.
 */
export class ConcatSource implements CarveSource {
  readonly size: number;
  readonly label: string;
  private readonly starts: number[] = [];

  constructor(
    private readonly source: CarveSource,
    private readonly runs: readonly ByteRun[],
  ) {
    let at = 0;
    for (const run of runs) {
      this.starts.push(at);
      at += run.length;
    }
    this.size = at;
    this.label = `${source.label} (${runs.length} runs)`;
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const pieces: Buffer[] = [];
    let pos = offset;
    const end = Math.min(offset + length, this.size);
    for (let i = this.runIndex(pos); i < this.runs.length && pos < end; i++) {
      const run = this.runs[i];
      const within = pos - this.starts[i];
      const n = Math.min(run.length - within, end - pos);
      pieces.push(await this.source.read(run.offset + within, n));
      pos += n;
    }
    return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces);
  }

  /** Where position `offset` of this source lies in the underlying one. */
  fileOffset(offset: number): number {
    if (this.runs.length === 0) return 0;
    const i = this.runIndex(Math.min(offset, this.size - 1));
    return this.runs[i].offset + offset - this.starts[i];
  }

  async close(): Promise<void> {
    // the underlying source is not ours to close
  }

  private runIndex(offset: number): number {
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
