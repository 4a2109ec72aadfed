import type { CarveSource } from './byte-source.js';
import { ChunkCandidates, type Candidate } from './candidates.js';
import { describeCarvedFile } from './describe-file.js';
import { CarveAbortedError, CarveError, isAbortError, throwIfAborted } from './errors.js';
import { carveFormats } from './formats/index.js';
import { normalizeRanges } from './scan-ranges.js';
import { buildSignatureIndex } from './signature-index.js';
import type { ByteRun, CarvedFile, CarveFormat } from './types.js';

export interface CarveProgress {
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly findingsByFormat: Readonly<Record<string, number>>;
}

export interface CarveOptions {
  /** What to scan (e.g. a filesystem's free space); the whole source by default. */
  readonly ranges?: readonly ByteRun[];
  /** Files are looked for where offset % blockSize == 0 (default 512); 1 = at every byte. */
  readonly blockSize?: number;
  readonly signal?: AbortSignal;
  /** Called after every chunk. */
  onProgress?(progress: CarveProgress): void;
  /** A chunk or candidate that could not be read or described; the scan goes on without it. */
  onError?(error: CarveError): void;
  /** The formats to look for, tried in order at one offset (default: every format). */
  readonly formats?: readonly CarveFormat[];
  /** Caps every format's own maximum file size. */
  readonly maxFileSize?: number;
  /** Bytes read per step of the scan (default 4 MiB). */
  readonly chunkSize?: number;
}

const DEFAULT_CHUNK = 4 * 1024 * 1024;

/**
 * Scans a source for files by their signatures and structure, yielding each as it is found. Memory
 * stays bounded (one chunk plus one candidate window); the scan continues after each file's end, so
 * nothing inside a file (an embedded thumbnail) is reported twice.
 * @throws CarveAbortedError when `signal` fires
 */
export async function* carve(source: CarveSource, options: CarveOptions = {}): AsyncGenerator<CarvedFile, void, undefined> {
  const { signal } = options;
  throwIfAborted(signal);
  const blockSize = positiveInt(options.blockSize ?? 512, 'blockSize');
  const chunkSize = positiveInt(options.chunkSize ?? DEFAULT_CHUNK, 'chunkSize');
  const index = buildSignatureIndex(options.formats ?? carveFormats);
  const ranges = normalizeRanges(options.ranges, source.size);
  const bytesTotal = ranges.reduce((sum, r) => sum + r.length, 0);
  const findingsByFormat: Record<string, number> = {};
  const report = (bytesDone: number): void => options.onProgress?.({ bytesDone, bytesTotal, findingsByFormat: { ...findingsByFormat } });
  let scannedBefore = 0;

  for (const range of ranges) {
    const end = range.offset + range.length;
    for (let pos = range.offset; pos < end; ) {
      throwIfAborted(signal);
      const scanEnd = Math.min(pos + chunkSize, end);
      let chunk: Buffer;
      try {
        chunk = await source.read(pos, scanEnd - pos + index.span - 1);
      } catch (error) {
        rethrowAbort(error, signal);
        options.onError?.(new CarveError(`${source.label}: cannot read ${scanEnd - pos} bytes at ${pos}`, { cause: error }));
        pos = scanEnd;
        report(scannedBefore + pos - range.offset);
        continue;
      }
      const candidates = new ChunkCandidates(index, chunk, pos, blockSize);
      let from = pos;
      for (let candidate = candidates.next(from, scanEnd); candidate; candidate = candidates.next(from, scanEnd)) {
        throwIfAborted(signal);
        const file = await tryCandidate(source, candidate, chunk.subarray(candidate.start - pos), options);
        from = file ? candidate.start + file.size : candidate.start + 1;
        if (file) {
          findingsByFormat[file.format] = (findingsByFormat[file.format] ?? 0) + 1;
          yield file;
        }
      }
      pos = Math.max(scanEnd, from);
      report(scannedBefore + Math.min(pos, end) - range.offset);
    }
    scannedBefore += range.length;
  }
  report(bytesTotal);
}

async function tryCandidate(source: CarveSource, candidate: Candidate, head: Buffer, options: CarveOptions): Promise<CarvedFile | undefined> {
  const { signal } = options;
  for (const format of candidate.formats) {
    if (!format.checkHeader(head.subarray(0, format.headerBytes))) continue;
    const maxSize = Math.min(format.maxSize, options.maxFileSize ?? Infinity, source.size - candidate.start);
    try {
      const match = await format.match(source, candidate.start, { maxSize, signal });
      if (!match || !(match.length > 0)) continue;
      const length = Math.min(match.length, maxSize);
      return await describeCarvedFile(source, format, candidate.start, { ...match, length }, signal);
    } catch (error) {
      rethrowAbort(error, signal);
      options.onError?.(new CarveError(`${source.label}: ${format.id} candidate at ${candidate.start} failed`, { cause: error }));
    }
  }
  return undefined;
}

function rethrowAbort(error: unknown, signal: AbortSignal | undefined): void {
  if (error instanceof CarveAbortedError) throw error;
  if (signal?.aborted && isAbortError(error)) throw new CarveAbortedError(signal.reason);
}

function positiveInt(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new CarveError(`${name} must be a positive integer, got ${value}`);
  return value;
}
