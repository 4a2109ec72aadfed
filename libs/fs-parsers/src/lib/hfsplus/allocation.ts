import type { ByteRun } from '../filesystem.js';
import type { ForkReader } from './fork-reader.js';
import type { Extent, VolumeHeader } from './volume-header.js';

const CHUNK = 64 * 1024;

/** The allocation file: one bit per block, most significant bit first, set when the block is in use. */
export class AllocationBitmap {
  constructor(
    private readonly fork: ForkReader | undefined,
    private readonly header: VolumeHeader,
    notes: string[],
  ) {
    const needed = Math.ceil(header.totalBlocks / 8);
    if (fork && fork.size < needed) notes.push(`the allocation file holds ${fork.size} bytes, short of the ${needed} its ${header.totalBlocks} blocks need`);
  }

  /** Runs of blocks with the same state, in order, across the whole volume (blocks the file lacks count as in use). */
  async *spans(signal?: AbortSignal): AsyncGenerator<{ first: number; count: number; free: boolean }> {
    const total = this.header.totalBlocks;
    let current: { first: number; count: number; free: boolean } | undefined;
    for (let block = 0; block < total; ) {
      signal?.throwIfAborted();
      const bits = await this.bitsAt(block, Math.min(CHUNK * 8, total - block));
      for (let i = 0; i < bits.count; ) {
        // Whole bytes of 0x00 or 0xFF (most of a bitmap) go 8 blocks at a time.
        const whole = (block & 7) === 0 && i + 8 <= bits.count ? bits.byte(block) : undefined;
        const step = whole === 0 || whole === 0xff ? 8 : 1;
        const free = step === 8 ? whole === 0 : bits.free(i);
        if (current && current.free === free) current.count += step;
        else {
          if (current) yield current;
          current = { first: block, count: step, free };
        }
        i += step;
        block += step;
      }
    }
    if (current) yield current;
  }

  /** Whether every block of every extent is free now (blocks past the volume count as not free). */
  async allFree(extents: readonly Extent[]): Promise<boolean> {
    for (const e of extents) {
      if (e.startBlock + e.blockCount > this.header.totalBlocks) return false;
      for (let done = 0; done < e.blockCount; ) {
        const bits = await this.bitsAt(e.startBlock + done, Math.min(CHUNK * 8, e.blockCount - done));
        for (let i = 0; i < bits.count; i++) if (!bits.free(i)) return false;
        done += bits.count;
      }
    }
    return true;
  }

  /** `count` bits from block `first`; bits the allocation file does not hold read as "in use". */
  private async bitsAt(first: number, count: number): Promise<{ count: number; free: (i: number) => boolean; byte: (block: number) => number | undefined }> {
    const startByte = first >> 3;
    const endByte = Math.ceil((first + count) / 8);
    const available = this.fork ? Math.max(0, Math.min(endByte, this.fork.size) - startByte) : 0;
    const bytes = available > 0 && this.fork ? await this.fork.read(startByte, available) : Buffer.alloc(0);
    return {
      count,
      byte: (block) => bytes[(block >> 3) - startByte],
      free: (i) => {
        const block = first + i;
        const byte = bytes[(block >> 3) - startByte];
        return byte !== undefined && (byte & (0x80 >> (block & 7))) === 0;
      },
    };
  }
}

/** Spans of one state as coalesced volume-byte runs. */
export async function rangesOf(bitmap: AllocationBitmap, header: VolumeHeader, free: boolean, signal?: AbortSignal): Promise<ByteRun[]> {
  const runs: ByteRun[] = [];
  for await (const span of bitmap.spans(signal)) {
    if (span.free === free) runs.push({ offset: span.first * header.blockSize, length: span.count * header.blockSize });
  }
  return runs;
}
