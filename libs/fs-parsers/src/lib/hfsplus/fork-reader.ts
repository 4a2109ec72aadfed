import { TruncatedError } from '../errors.js';
import type { ByteRun } from '../filesystem.js';
import type { ByteSource } from '../source/byte-source.js';

/** Reads bytes of a fork (a special file such as the catalog) by fork offset, through its runs. */
export class ForkReader {
  readonly size: number;

  constructor(
    private readonly volume: ByteSource,
    private readonly runs: readonly ByteRun[],
    readonly name: string,
  ) {
    this.size = runs.reduce((sum, r) => sum + r.length, 0);
  }

  /** Exactly `length` bytes at fork offset `at`, or a TruncatedError naming the fork. */
  async read(at: number, length: number): Promise<Buffer> {
    if (at + length > this.size) throw new TruncatedError(`${this.name}: bytes ${at}+${length} lie past its ${this.size} bytes`);
    const parts: Buffer[] = [];
    let skip = at;
    let left = length;
    for (const run of this.runs) {
      if (left === 0) break;
      if (skip >= run.length) {
        skip -= run.length;
        continue;
      }
      const n = Math.min(run.length - skip, left);
      const part = await this.volume.read(run.offset + skip, n);
      if (part.length < n) throw new TruncatedError(`${this.name}: the image ends inside it (at volume byte ${run.offset + skip + part.length})`);
      parts.push(part);
      left -= n;
      skip = 0;
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, length);
  }
}
