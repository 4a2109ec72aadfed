import type { MapPhase } from './mapfile.js';
import type { RescueMap } from './rescue-map.js';

export type ImagingPhase = 'copying' | 'trimming' | 'scraping' | 'retrying' | 'finished';

/** What an imaging run reports, ddrescue's screen in numbers. Byte counts cover the whole device. */
export interface ImagingProgress {
  readonly phase: ImagingPhase;
  /** Pass within the phase: 1–3 while copying, the retry number while retrying, else 1. */
  readonly pass: number;
  readonly deviceSize: number;
  /** Finished ('+') bytes. */
  readonly bytesRescued: number;
  /** Bytes in bad-sector ('-') blocks: sectors read one by one that failed. */
  readonly bytesBad: number;
  readonly bytesNonTried: number;
  /** Bytes in failed blocks not yet trimmed ('*') and not yet scraped ('/'). */
  readonly nonTrimmed: number;
  readonly nonScraped: number;
  /** Separate bad-sector blocks ("bad areas"). */
  readonly errors: number;
  /** Failed read attempts in this run. */
  readonly readErrors: number;
  /** Bytes rescued per second over this run so far. */
  readonly ratePerSecond: number;
  /** Where the run is reading. */
  readonly currentPos: number;
  readonly elapsedMs: number;
}

const PHASE_NAMES: Partial<Record<MapPhase, ImagingPhase>> = { '?': 'copying', '*': 'trimming', '/': 'scraping', '-': 'retrying', '+': 'finished' };

/** Counts reads and read errors and reports progress at most every `intervalMs`. */
export class ProgressMeter {
  #rescuedThisRun = 0;
  #readErrors = 0;
  #lastReport = 0;
  readonly #start = performance.now();

  constructor(
    private readonly map: RescueMap,
    private readonly intervalMs: number,
    private readonly onProgress?: (progress: ImagingProgress) => void,
  ) {}

  rescued(bytes: number): void {
    this.#rescuedThisRun += bytes;
  }

  readError(): void {
    this.#readErrors++;
  }

  maybeReport(phase: MapPhase, pass: number, pos: number): void {
    if (!this.onProgress || performance.now() - this.#lastReport < this.intervalMs) return;
    this.report(phase, pass, pos);
  }

  report(phase: MapPhase, pass: number, pos: number): ImagingProgress {
    const now = performance.now();
    this.#lastReport = now;
    const totals = this.map.totals();
    const elapsedMs = now - this.#start;
    const progress: ImagingProgress = {
      phase: PHASE_NAMES[phase] ?? 'copying',
      pass,
      deviceSize: this.map.size,
      bytesRescued: totals.finished,
      bytesBad: totals.badSector,
      bytesNonTried: totals.nonTried,
      nonTrimmed: totals.nonTrimmed,
      nonScraped: totals.nonScraped,
      errors: totals.badAreas,
      readErrors: this.#readErrors,
      ratePerSecond: elapsedMs > 0 ? Math.round((this.#rescuedThisRun * 1000) / elapsedMs) : 0,
      currentPos: pos,
      elapsedMs: Math.round(elapsedMs),
    };
    this.onProgress?.(progress);
    return progress;
  }
}
