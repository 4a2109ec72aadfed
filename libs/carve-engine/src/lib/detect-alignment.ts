import { alignmentOf, BYTE_LEVEL, onGrid, type Alignment } from './alignment.js';
import { ChunkCandidates } from './candidates.js';
import { ChunkReader } from './chunk-reader.js';
import { CarveError, throwIfAborted } from './errors.js';
import { matchCandidate, rethrowAbort, type CandidateMatch, type ScanSettings } from './scan-settings.js';
import type { ByteRun } from './types.js';

export interface SampleLimits {
  /** Stop after this many validated headers (default 32). */
  readonly headers: number;
  /** Stop after this many bytes of the ranges (default 512 MiB). */
  readonly bytes: number;
}

export const DEFAULT_SAMPLE: SampleLimits = { headers: 32, bytes: 512 * 1024 * 1024 };

/** What the scan can take from the sample as it is: its files, and where it stopped looking. */
export interface SampledFiles {
  readonly found: readonly CandidateMatch[];
  /** Every candidate below this was examined (the end of the last file found, or of the bytes read). */
  readonly settledAt: number;
}

export interface Detection {
  readonly alignment: Alignment;
  /**
   * Set when every file the sample found lies on the chosen grid (and none of their verdicts depended
   * on the grid): the sample examined every candidate the scan would below `settledAt`, and more, so
   * its files are exactly the scan's there, and the scan goes on from `settledAt` instead of reading
   * and matching those bytes again (up to 512 MiB where headers are sparse).
   */
  readonly sampled?: SampledFiles;
}

/**
 * The first pass: looks at every byte offset from the start of the ranges for headers that validate
 * (header check and structure walk, no hashing), skipping past each file found, until enough headers
 * or bytes were seen; the alignment they share decides where the real scan looks (see alignmentOf).
 */
export async function detectAlignment(settings: Omit<ScanSettings, 'alignment'>, ranges: readonly ByteRun[], limits = DEFAULT_SAMPLE): Promise<Detection> {
  const result = await sampleHeaders(settings, ranges, limits);
  const alignment = alignmentOf(result.found.map((f) => f.start));
  const reusable = result.whole && result.found.every((f) => onGrid(f.start, alignment) && !f.onItsGrid);
  return reusable ? { alignment, sampled: { found: result.found, settledAt: result.settledAt } } : { alignment };
}

export async function sampleHeaderStarts(settings: Omit<ScanSettings, 'alignment'>, ranges: readonly ByteRun[], limits = DEFAULT_SAMPLE): Promise<number[]> {
  return (await sampleHeaders(settings, ranges, limits)).found.map((f) => f.start);
}

interface Sample extends SampledFiles {
  /** Every chunk was read (a chunk that failed is one the scan would read again in small steps). */
  readonly whole: boolean;
}

async function sampleHeaders(settings: Omit<ScanSettings, 'alignment'>, ranges: readonly ByteRun[], limits: SampleLimits): Promise<Sample> {
  const reader = new ChunkReader(settings.source, settings.chunkSize + settings.index.span - 1);
  try {
    // Formats read through the chunk in memory where they can, as in the scan itself.
    return await sample({ ...settings, alignment: BYTE_LEVEL, source: reader.sourceView(settings.source) }, reader, ranges, limits);
  } finally {
    await reader.settle();
  }
}

async function sample(settings: ScanSettings, reader: ChunkReader, ranges: readonly ByteRun[], limits: SampleLimits): Promise<Sample> {
  const { source, index, signal, chunkSize } = settings;
  const found: CandidateMatch[] = [];
  let budget = limits.bytes;
  let position = 0;
  let whole = true;
  for (const range of ranges) {
    const end = range.offset + range.length;
    for (let pos = Math.max(range.offset, position); pos < end && budget > 0 && found.length < limits.headers; ) {
      throwIfAborted(signal);
      const scanEnd = Math.min(pos + chunkSize, end, pos + budget);
      budget -= scanEnd - pos;
      let chunk: Buffer;
      try {
        chunk = await reader.read(pos, scanEnd - pos + index.span - 1);
        // The next chunks are read while this one is sampled: at worst two chunks read for nothing when
        // the sample stops here, against a wait for every chunk of up to 512 MiB where headers are sparse.
        for (let ahead = scanEnd, left = budget; ahead < end && left > 0 && ahead < scanEnd + 2 * chunkSize; ) {
          const aheadEnd = Math.min(ahead + chunkSize, end, ahead + left);
          reader.readAhead(ahead, aheadEnd - ahead + index.span - 1);
          left -= aheadEnd - ahead;
          ahead = aheadEnd;
        }
      } catch (error) {
        rethrowAbort(error, signal);
        settings.onError?.(new CarveError(`${source.label}: cannot read ${scanEnd - pos} bytes at ${pos} (block size detection)`, { cause: error }));
        whole = false;
        pos = position = scanEnd;
        continue;
      }
      const candidates = new ChunkCandidates(index, chunk, pos, BYTE_LEVEL);
      let next = pos;
      for (let candidate = candidates.next(next, scanEnd); candidate && found.length < limits.headers; candidate = candidates.next(next, scanEnd)) {
        throwIfAborted(signal);
        const match = await matchCandidate(settings, candidate, chunk.subarray(candidate.start - pos));
        if (match) found.push(match);
        next = match ? candidate.start + match.match.length : candidate.start + 1;
      }
      // Stopped at its last header: every candidate before that file's end was examined.
      pos = position = found.length < limits.headers ? Math.max(scanEnd, next) : next;
    }
  }
  return { found, settledAt: position, whole };
}
