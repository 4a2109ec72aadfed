import type { Alignment } from './alignment.js';
import type { CarveSource } from './byte-source.js';
import type { Candidate } from './candidates.js';
import { CarveAbortedError, CarveError, isAbortError } from './errors.js';
import { cutAtForeignFile } from './foreign-file.js';
import type { SignatureIndex } from './signature-index.js';
import type { ByteRun, CarvedFile, CarveFormat, FormatMatch } from './types.js';

/** What one scan loop needs, in a worker thread or in-process. */
export interface ScanSettings {
  readonly source: CarveSource;
  readonly index: SignatureIndex;
  readonly alignment: Alignment;
  readonly chunkSize: number;
  readonly maxFileSize?: number;
  readonly signal?: AbortSignal;
  onError?(error: CarveError): void;
  /** An area the scan could not read and went on past (after reading it again in small steps). */
  onUnreadable?(area: ByteRun, cause: unknown): void;
}

/**
 * What a scan stage hands on, in offset order: a file, or `settled` = every candidate starting before
 * `position` was examined and its file, if any, handed on before (a checkpoint may resume there), or
 * `progress` = bytes of the ranges scanned so far (for display only; may run ahead of `settled`).
 */
export type ScanEvent =
  | { readonly type: 'file'; readonly file: CarvedFile }
  | { readonly type: 'settled'; readonly position: number }
  | { readonly type: 'progress'; readonly bytesDone: number };

export const fileStart = (file: CarvedFile): number => file.byteRuns[0]?.offset ?? 0;
export const fileEnd = (file: CarvedFile): number => fileStart(file) + file.size;

/** A format's verdict on a candidate, with the length capped to what the engine granted. */
export interface CandidateMatch {
  readonly format: CarveFormat;
  readonly start: number;
  readonly match: FormatMatch;
  /** Its payload was searched for foreign files on the scan's grid: on another grid the verdict may differ. */
  readonly onItsGrid?: boolean;
}

/** The first format (in list order) that accepts the candidate: header check, then the structure walk. */
export async function matchCandidate(settings: ScanSettings, candidate: Candidate, head: Buffer): Promise<CandidateMatch | undefined> {
  const { source, signal } = settings;
  for (const format of candidate.formats) {
    if (!format.checkHeader(head.subarray(0, format.headerBytes))) continue;
    const maxSize = Math.min(format.maxSize, settings.maxFileSize ?? Infinity, source.size - candidate.start);
    try {
      const match = await format.match(source, candidate.start, { maxSize, signal });
      if (!match || !(match.length > 0)) continue;
      const found = await cutAtForeignFile(settings, { format, start: candidate.start, match: { ...match, length: Math.min(match.length, maxSize) } });
      return match.payload?.length ? { ...found, onItsGrid: true } : found;
    } catch (error) {
      rethrowAbort(error, signal);
      settings.onError?.(new CarveError(`${source.label}: ${format.id} candidate at ${candidate.start} failed`, { cause: error }));
    }
  }
  return undefined;
}

export function rethrowAbort(error: unknown, signal: AbortSignal | undefined): void {
  if (error instanceof CarveAbortedError) throw error;
  if (signal?.aborted && isAbortError(error)) throw new CarveAbortedError(signal.reason);
}

/** The parts of sorted ranges that lie in [from, to). */
export function clipRanges(ranges: readonly ByteRun[], from: number, to = Infinity): ByteRun[] {
  const out: ByteRun[] = [];
  for (const { offset, length } of ranges) {
    const start = Math.max(offset, from);
    const end = Math.min(offset + length, to);
    if (end > start) out.push({ offset: start, length: end - start });
  }
  return out;
}

/** Bytes of sorted, disjoint ranges below a position (prefix sums and a binary search). */
export class RangeMeter {
  readonly total: number;
  private readonly before: number[] = [];

  constructor(private readonly ranges: readonly ByteRun[]) {
    let sum = 0;
    for (const range of ranges) {
      this.before.push(sum);
      sum += range.length;
    }
    this.total = sum;
  }

  bytesBelow(position: number): number {
    let lo = 0;
    let hi = this.ranges.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.ranges[mid].offset < position) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found === -1) return 0;
    const range = this.ranges[found];
    return this.before[found] + Math.min(range.length, position - range.offset);
  }

  /** How many ranges lie wholly below the position. */
  rangesBelow(position: number): number {
    let n = 0;
    while (n < this.ranges.length && this.ranges[n].offset + this.ranges[n].length <= position) n++;
    return n;
  }
}
