import { alignmentOf, BYTE_LEVEL, type Alignment } from './alignment.js';
import { ChunkCandidates } from './candidates.js';
import { ChunkReader } from './chunk-reader.js';
import { CarveError, throwIfAborted } from './errors.js';
import { matchCandidate, rethrowAbort, type ScanSettings } from './scan-settings.js';
import type { ByteRun } from './types.js';

export interface SampleLimits {
  /** Stop after this many validated headers (default 32). */
  readonly headers: number;
  /** Stop after this many bytes of the ranges (default 512 MiB). */
  readonly bytes: number;
}

export const DEFAULT_SAMPLE: SampleLimits = { headers: 32, bytes: 512 * 1024 * 1024 };

/**
 * The first pass: looks at every byte offset from the start of the ranges for headers that validate
 * (header check and structure walk, no hashing), skipping past each file found, until enough headers
 * or bytes were seen; the alignment they share decides where the real scan looks (see alignmentOf).
 */
export async function detectAlignment(settings: Omit<ScanSettings, 'alignment'>, ranges: readonly ByteRun[], limits = DEFAULT_SAMPLE): Promise<Alignment> {
  return alignmentOf(await sampleHeaderStarts(settings, ranges, limits));
}

export async function sampleHeaderStarts(settings: Omit<ScanSettings, 'alignment'>, ranges: readonly ByteRun[], limits = DEFAULT_SAMPLE): Promise<number[]> {
  const reader = new ChunkReader(settings.source, settings.chunkSize + settings.index.span - 1);
  try {
    return await sample({ ...settings, alignment: BYTE_LEVEL }, reader, ranges, limits);
  } finally {
    await reader.settle();
  }
}

async function sample(settings: ScanSettings, reader: ChunkReader, ranges: readonly ByteRun[], limits: SampleLimits): Promise<number[]> {
  const { source, index, signal, chunkSize } = settings;
  const starts: number[] = [];
  let budget = limits.bytes;
  let position = 0;
  for (const range of ranges) {
    const end = range.offset + range.length;
    for (let pos = Math.max(range.offset, position); pos < end && budget > 0 && starts.length < limits.headers; ) {
      throwIfAborted(signal);
      const scanEnd = Math.min(pos + chunkSize, end, pos + budget);
      budget -= scanEnd - pos;
      let chunk: Buffer;
      try {
        // No read ahead: the sample may stop after any chunk.
        chunk = await reader.read(pos, scanEnd - pos + index.span - 1);
      } catch (error) {
        rethrowAbort(error, signal);
        settings.onError?.(new CarveError(`${source.label}: cannot read ${scanEnd - pos} bytes at ${pos} (block size detection)`, { cause: error }));
        pos = position = scanEnd;
        continue;
      }
      const candidates = new ChunkCandidates(index, chunk, pos, BYTE_LEVEL);
      let next = pos;
      for (let candidate = candidates.next(next, scanEnd); candidate && starts.length < limits.headers; candidate = candidates.next(next, scanEnd)) {
        throwIfAborted(signal);
        const found = await matchCandidate(settings, candidate, chunk.subarray(candidate.start - pos));
        if (found) starts.push(candidate.start);
        next = found ? candidate.start + found.match.length : candidate.start + 1;
      }
      pos = position = Math.max(scanEnd, next);
    }
  }
  return starts;
}
