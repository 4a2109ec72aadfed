import { ChunkCandidates, type Candidate } from './candidates.js';
import { ChunkReader } from './chunk-reader.js';
import { describeCarvedFile } from './describe-file.js';
import { CarveError, throwIfAborted } from './errors.js';
import { matchCandidate, rethrowAbort, type ScanEvent, type ScanSettings } from './scan-settings.js';
import type { ByteRun, CarvedFile } from './types.js';

/** How finely an area that failed to read as a chunk is read again. */
const CAREFUL_STEP = 64 * 1024;
/** A chunk read ahead is used from a file's end on when at least this much of it is left (else read anew). */
const MIN_REST = 64 * 1024;

/**
 * The scan loop: reads the ranges in chunks (plus `span - 1` bytes, so signatures straddling a chunk
 * edge are seen whole), tries each candidate on the alignment's grid, and goes on after each file's
 * end, also across ranges, so nothing inside a file (an embedded thumbnail) is reported on its own.
 * Candidates before `from` are skipped (a resumed scan, or the end of a file found before).
 * Emits `settled` after every chunk; the next chunks are read while one is scanned (ChunkReader).
 */
export async function* scanSequential(settings: ScanSettings, ranges: readonly ByteRun[], from = 0): AsyncGenerator<ScanEvent, void, undefined> {
  const { source, index, signal, chunkSize } = settings;
  const reader = new ChunkReader(source, chunkSize + index.span - 1);
  // Formats and hashing read through the chunks in memory where they can.
  const inScan: ScanSettings = { ...settings, source: reader.sourceView(source) };
  let position = from;
  // A chunk that cannot be read is read again in small steps, so a bad sector costs its step, not the chunk.
  let carefulUntil = -1;
  const stepAt = (at: number) => (at < carefulUntil ? Math.min(CAREFUL_STEP, chunkSize) : chunkSize);
  try {
    for (const range of ranges) {
      const end = range.offset + range.length;
      for (let pos = Math.max(range.offset, position); pos < end; ) {
        throwIfAborted(signal);
        let scanEnd = Math.min(pos + stepAt(pos), end);
        let chunk: Buffer;
        try {
          // After a file's end the rest of the chunk read ahead is taken, if it is at least MIN_REST.
          chunk = await reader.read(pos, scanEnd - pos + index.span - 1, Math.min(scanEnd - pos, MIN_REST) + index.span - 1);
        } catch (error) {
          rethrowAbort(error, signal);
          if (scanEnd - pos > CAREFUL_STEP) {
            carefulUntil = scanEnd;
            continue;
          }
          settings.onError?.(new CarveError(`${source.label}: cannot read ${scanEnd - pos} bytes at ${pos}`, { cause: error }));
          settings.onUnreadable?.({ offset: pos, length: scanEnd - pos }, error);
          pos = position = scanEnd;
          yield { type: 'settled', position };
          continue;
        }
        if (pos + chunk.length < source.size) scanEnd = Math.min(scanEnd, pos + chunk.length - index.span + 1);
        // The next two chunks are read while this one is scanned (see ChunkReader).
        for (let ahead = scanEnd, n = 0; ahead < end && n < 2; ahead += Math.min(stepAt(ahead), end - ahead), n++) {
          reader.readAhead(ahead, Math.min(stepAt(ahead), end - ahead) + index.span - 1);
        }
        const candidates = new ChunkCandidates(index, chunk, pos, settings.alignment);
        let next = pos;
        for (let candidate = candidates.next(next, scanEnd); candidate; candidate = candidates.next(next, scanEnd)) {
          throwIfAborted(signal);
          const file = await describeCandidate(inScan, candidate, chunk.subarray(candidate.start - pos));
          next = file ? candidate.start + file.size : candidate.start + 1;
          if (file) yield { type: 'file', file };
        }
        pos = position = Math.max(scanEnd, next);
        yield { type: 'settled', position };
      }
    }
  } finally {
    // A chunk read ahead must not land after the caller closed the source.
    await reader.settle();
  }
}

async function describeCandidate(settings: ScanSettings, candidate: Candidate, head: Buffer): Promise<CarvedFile | undefined> {
  const found = await matchCandidate(settings, candidate, head);
  if (!found) return undefined;
  const { start } = candidate;
  try {
    return await describeCarvedFile(settings.source, found.format, start, found.match, settings.signal);
  } catch (error) {
    rethrowAbort(error, settings.signal);
    settings.onError?.(new CarveError(`${settings.source.label}: ${found.format.id} file at ${start} could not be described`, { cause: error }));
    return undefined;
  }
}
