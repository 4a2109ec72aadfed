import { availableParallelism } from 'node:os';
import type { Alignment } from './alignment.js';
import type { CarveSource } from './byte-source.js';
import { checkResume, type CarveCheckpoint, type CheckpointSettings } from './checkpoint.js';
import { detectAlignment } from './detect-alignment.js';
import { withSampledFiles } from './sampled-files.js';
import { CarveError, throwIfAborted } from './errors.js';
import { carveFormats } from './formats/index.js';
import { keepCorruptRest } from './keep-corrupt.js';
import { scanParallel } from './parallel-scan.js';
import { clipRanges, RangeMeter, type ScanEvent, type ScanSettings } from './scan-settings.js';
import { normalizeRanges } from './scan-ranges.js';
import { splitSegments } from './segments.js';
import { scanSequential } from './sequential-scan.js';
import { buildSignatureIndex } from './signature-index.js';
import type { ByteRun, CarvedFile, CarveFormat } from './types.js';

export interface CarveProgress {
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** Bytes scanned per second in this run (a resumed scan counts from its restart). */
  readonly rateBytesPerSecond: number;
  readonly findingsByFormat: Readonly<Record<string, number>>;
  /** Where files are looked for: the block size and offset given, or detected with 'auto'. */
  readonly alignment: Alignment;
}

export interface CarveOptions {
  /** What to scan (e.g. a filesystem's free space); the whole source by default. */
  readonly ranges?: readonly ByteRun[];
  /**
   * Files are looked for where offset % blockSize == 0 (default 512); 1 = at every byte; 'auto' =
   * the block size and offset the first headers share, found by a first pass (see README).
   */
  readonly blockSize?: number | 'auto';
  /** A corrupt file keeps its bytes after the last valid point (see README); by default it is cut there. */
  readonly keepCorrupt?: boolean;
  readonly signal?: AbortSignal;
  /** Called after every chunk (in-process) or worker report. */
  onProgress?(progress: CarveProgress): void;
  /** A chunk or candidate that could not be read or described; the scan goes on without it. */
  onError?(error: CarveError): void;
  /**
   * An area the scan could not read (a chunk read again in small steps, the steps that still failed),
   * from any thread; the scan goes on past it. `cause` is the read's error (with the system's `code`).
   */
  onUnreadable?(area: ByteRun, cause: unknown): void;
  /** The formats to look for, tried in order at one offset (default: every format). */
  readonly formats?: readonly CarveFormat[];
  /** Caps every format's own maximum file size. */
  readonly maxFileSize?: number;
  /**
   * Bytes read per step of the scan (default 2 MiB: each thread holds two; the formats' reads that fall
   * inside them are served without a copy).
   */
  readonly chunkSize?: number;
  /**
   * Scanning threads (default: one per two cores and per GiB to scan, at most 8, see `defaultThreads`;
   * 1 = in-process only): the calling thread and workers - 1 worker threads. Workers open the source
   * themselves, so only a source with `file` set uses them, and only with the engine's own formats;
   * others are scanned in-process.
   */
  readonly workers?: number;
  /** Bytes of the ranges per worker task (default 64 MiB); a scan of one segment or less runs in-process. */
  readonly segmentSize?: number;
  /** Called with a checkpoint after about every `checkpointEvery` bytes (default 64 MiB). */
  onCheckpoint?(checkpoint: CarveCheckpoint): void;
  readonly checkpointEvery?: number;
  /** Go on from a checkpoint of an interrupted scan of the same source with the same options. */
  readonly resumeFrom?: CarveCheckpoint;
}

/** What a finished scan returns (the generator's return value). */
export interface CarveSummary {
  readonly alignment: Alignment;
  readonly bytesTotal: number;
  readonly findings: number;
  /** Threads that scanned: 1 = in-process only, n = the calling thread and n - 1 worker threads. */
  readonly threads: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * Scanning threads when the caller does not say. One per two cores: a scanning thread keeps about
 * another core busy copying its chunks from the page cache (the reads run on libuv's thread pool; one
 * thread on the 4 GiB bench image took 2.7 CPU s in 2.1 s, and two threads on two cores were no faster).
 * One per GiB to scan: a worker costs ~0.15 s of CPU to start (its own V8 isolate loading the engine's
 * modules) and scans its first segment before the JIT has warmed up, which a smaller scan never pays
 * back (the bench's 512 MiB card: 1.1 CPU s with two threads, 0.8 with one, and no faster).
 */
function defaultThreads(bytes: number): number {
  return Math.max(1, Math.min(8, Math.floor(availableParallelism() / 2), Math.ceil(bytes / GiB)));
}

/**
 * Scans a source for files by their signatures and structure, yielding each as it is found, in offset
 * order. Memory stays bounded (a chunk plus a candidate window per thread); the scan continues after
 * each file's end, so nothing inside a file (an embedded thumbnail) is reported twice.
 * @throws CarveAbortedError when `signal` fires
 */
export async function* carve(source: CarveSource, options: CarveOptions = {}): AsyncGenerator<CarvedFile, CarveSummary, undefined> {
  const { signal } = options;
  throwIfAborted(signal);
  const startedAt = performance.now();
  const chunkSize = positiveInt(options.chunkSize ?? 2 * MiB, 'chunkSize');
  const blockSize = options.blockSize === 'auto' ? 'auto' : positiveInt(options.blockSize ?? 512, 'blockSize');
  const workers = options.workers === undefined ? undefined : positiveInt(options.workers, 'workers');
  const segmentSize = positiveInt(options.segmentSize ?? 64 * MiB, 'segmentSize');
  const checkpointEvery = positiveInt(options.checkpointEvery ?? 64 * MiB, 'checkpointEvery');
  const formats = options.formats ?? carveFormats;
  const index = buildSignatureIndex(formats);
  const keep = options.keepCorrupt ?? false;
  const checkpointSettings: CheckpointSettings = { formats: formats.map((f) => f.id), keepCorrupt: keep, maxFileSize: options.maxFileSize ?? null };

  const resume = options.resumeFrom;
  const given = options.ranges === undefined ? undefined : normalizeRanges(options.ranges, source.size);
  if (resume) checkResume(resume, source.size, checkpointSettings, given, blockSize);
  const ranges = resume ? resume.ranges.map((r) => ({ ...r })) : (given ?? normalizeRanges(undefined, source.size));
  const from = resume?.nextOffset ?? 0;
  const base = { source, index, chunkSize, maxFileSize: options.maxFileSize, signal, onError: options.onError, onUnreadable: options.onUnreadable };
  const detected = !resume && blockSize === 'auto' ? await detectAlignment(base, ranges) : undefined;
  const alignment: Alignment = resume?.alignment ?? detected?.alignment ?? { blockSize: blockSize === 'auto' ? 512 : blockSize, offset: 0 };
  const settings: ScanSettings = { ...base, alignment };
  // The files the detection's sample found, when they are the scan's (see Detection): the scan goes on after them.
  const sampled = detected?.sampled;
  const scanFrom = sampled ? Math.max(from, sampled.settledAt) : from;

  const meter = new RangeMeter(ranges);
  const findingsByFormat: Record<string, number> = { ...resume?.findingsByFormat };
  let findings = resume?.findings ?? 0;
  const startBytes = meter.bytesBelow(from);
  let bytesDone = startBytes;
  let checkpointAt = startBytes;
  const report = (bytes: number): void => {
    bytesDone = Math.max(bytesDone, Math.min(bytes, meter.total));
    const seconds = (performance.now() - startedAt) / 1000;
    const rateBytesPerSecond = seconds > 0 ? Math.round((bytesDone - startBytes) / seconds) : 0;
    options.onProgress?.({ bytesDone, bytesTotal: meter.total, rateBytesPerSecond, findingsByFormat: { ...findingsByFormat }, alignment });
  };
  const checkpoint = (position: number): void => {
    const bytes = meter.bytesBelow(position);
    if (!options.onCheckpoint || bytes - checkpointAt < checkpointEvery || bytes >= meter.total) return;
    checkpointAt = bytes;
    options.onCheckpoint({
      version: 1,
      sourceSize: source.size,
      ranges,
      alignment,
      settings: checkpointSettings,
      nextOffset: position,
      rangesDone: meter.rangesBelow(position),
      bytesDone: bytes,
      findings,
      findingsByFormat: { ...findingsByFormat },
    });
  };

  const left = clipRanges(ranges, scanFrom);
  const segments = splitSegments(left, segmentSize);
  const file = source.file;
  const wanted = workers ?? defaultThreads(left.reduce((sum, r) => sum + r.length, 0));
  const parallel = wanted > 1 && file !== undefined && segments.length > 1 && formats.every((f) => carveFormats.includes(f));
  const threads = parallel ? Math.min(wanted, segments.length) : 1;
  let events: AsyncIterable<ScanEvent> = parallel
    ? scanParallel({
        settings,
        ranges: left,
        segments,
        threads,
        from: scanFrom,
        bytesBefore: meter.bytesBelow(scanFrom),
        workerData: { path: file.path, fileOffset: file.offset, size: source.size, label: source.label, formats: checkpointSettings.formats, alignment, chunkSize, maxFileSize: options.maxFileSize },
      })
    : scanSequential(settings, left, scanFrom);
  if (sampled) events = withSampledFiles(settings, sampled, events);
  if (keep) {
    const formatOf = (f: CarvedFile) => formats.find((x) => x.id === f.format) ?? formats.find((x) => x.extensions.includes(f.extension));
    events = keepCorruptRest(events, { source, ranges, formatOf, maxFileSize: options.maxFileSize, signal });
  }

  for await (const event of events) {
    if (event.type === 'file') {
      findings++;
      findingsByFormat[event.file.format] = (findingsByFormat[event.file.format] ?? 0) + 1;
      yield event.file;
    } else if (event.type === 'settled') {
      report(meter.bytesBelow(event.position));
      checkpoint(event.position);
    } else {
      report(event.bytesDone);
    }
  }
  report(meter.total);
  return { alignment, bytesTotal: meter.total, findings, threads };
}

function positiveInt(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new CarveError(`${name} must be a positive integer, got ${value}`);
  return value;
}
