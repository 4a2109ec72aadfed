import type { ByteSource } from '@afterimage/fs-parsers';
import { ImagingAbortedError, ImagingError } from './errors.js';
import type { ImageFile } from './image-file.js';
import { formatMapfile, type MapPhase } from './mapfile.js';
import { writeMapfileAtomic } from './mapfile-store.js';
import { isMediaReadError, rootMessage } from './read-errors.js';
import type { RescueMap } from './rescue-map.js';
import { type ImagingProgress, ProgressMeter } from './progress.js';

export interface RunSettings {
  readonly source: ByteSource;
  readonly image: ImageFile;
  readonly map: RescueMap;
  readonly mapPath: string;
  readonly sectorSize: number;
  readonly chunkSize: number;
  readonly saveIntervalMs: number;
  readonly progressIntervalMs: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ImagingProgress) => void;
}

/**
 * One imaging run: reads through the source, writes the image, keeps the map and saves it (the
 * image flushed first, so the saved map never calls unflushed bytes finished), reports progress
 * and stops at the caller's signal with the map saved. Phases drive it through `read` and `step`.
 */
export class RescueRun {
  readonly map: RescueMap;
  readonly sectorSize: number;
  readonly chunkSize: number;
  #phase: MapPhase = '?';
  #pass = 1;
  #pos = 0;
  #lastSave = Date.now();
  #pendingWrite: Promise<void> | undefined;
  #writeError: unknown;
  readonly #startedAt = new Date();
  readonly #meter: ProgressMeter;

  constructor(private readonly settings: RunSettings) {
    this.map = settings.map;
    this.sectorSize = settings.sectorSize;
    this.chunkSize = settings.chunkSize;
    this.#meter = new ProgressMeter(settings.map, settings.progressIntervalMs, settings.onProgress);
  }

  /** Records where the run is, for the map's status line and the progress report. */
  at(phase: MapPhase, pass: number, pos: number): void {
    this.#phase = phase;
    this.#pass = pass;
    this.#pos = pos;
  }

  /**
   * Reads [pos, pos + length) once; what was read is written to the image and marked finished.
   * Returns how many bytes from `pos` were read; fewer than `length` means the rest failed (the
   * caller marks it with the status its phase gives failures).
   * @throws ImagingError('SOURCE_GONE') when the failure is not a bad medium (see isMediaReadError)
   */
  async read(pos: number, length: number): Promise<number> {
    let data: Buffer;
    try {
      data = await this.settings.source.read(pos, length);
    } catch (error) {
      if (!isMediaReadError(error)) {
        throw new ImagingError('SOURCE_GONE', `reading ${this.settings.source.label} at byte ${pos} failed, and not as a bad sector does: ${rootMessage(error)}`, { cause: error });
      }
      this.#meter.readError();
      return 0;
    }
    const good = Math.min(data.length, length);
    if (good > 0) {
      // One write in flight while the next read runs; a failed write stops the run at the next
      // drain, and no map is saved after it (the map in memory calls those bytes finished).
      await this.#drain();
      this.#pendingWrite = this.settings.image.write(pos, data.subarray(0, good)).catch((error: unknown) => {
        this.#writeError ??= error;
      });
      this.map.mark(pos, good, '+');
      this.#meter.rescued(good);
    }
    if (good < length) this.#meter.readError();
    return good;
  }

  /** Between two reads: stop if asked (saving first), save if due, report progress if due. */
  async step(): Promise<void> {
    if (this.settings.signal?.aborted) {
      await this.save();
      throw new ImagingAbortedError(this.settings.signal.reason);
    }
    if (Date.now() - this.#lastSave >= this.settings.saveIntervalMs) await this.save();
    this.#meter.maybeReport(this.#phase, this.#pass, this.#pos);
  }

  /** Flushes the image, then replaces the map file with the current state. */
  async save(): Promise<void> {
    await this.#drain();
    await this.settings.image.sync();
    const state = { currentPos: this.#pos, currentStatus: this.#phase, currentPass: this.#pass, map: this.map };
    const header = { startTime: this.#startedAt, statusMessage: describe(this.#phase, this.#pass) };
    await writeMapfileAtomic(this.settings.mapPath, formatMapfile(state, header));
    this.#lastSave = Date.now();
  }

  async #drain(): Promise<void> {
    const pending = this.#pendingWrite;
    this.#pendingWrite = undefined;
    if (pending) await pending;
    if (this.#writeError !== undefined) throw this.#writeError;
  }

  /** Reports progress now, whatever the interval (at phase changes and at the end). */
  report(): ImagingProgress {
    return this.#meter.report(this.#phase, this.#pass, this.#pos);
  }

  /** Bytes of the sector grid from `pos` up to the next sector boundary, at most up to `end`. */
  sectorAfter(pos: number, end: number): number {
    return Math.min(end, (Math.floor(pos / this.sectorSize) + 1) * this.sectorSize) - pos;
  }

  /** Start of the sector holding byte `end - 1`, at least `start`. */
  sectorBefore(end: number, start: number): number {
    return Math.max(start, Math.ceil(end / this.sectorSize) * this.sectorSize - this.sectorSize);
  }
}

/** The line ddrescue writes in the map's comments to say what it was doing. */
function describe(phase: MapPhase, pass: number): string {
  const way = pass % 2 === 1 ? 'forwards' : 'backwards';
  switch (phase) {
    case '?':
      return `Copying non-tried blocks... Pass ${pass} (${way})`;
    case '*':
      return 'Trimming failed blocks... (forwards)';
    case '/':
      return 'Scraping failed blocks... (forwards)';
    case '-':
      return `Retrying bad sectors... Retry ${pass} (${way})`;
    case '+':
      return 'Finished';
    default:
      return '';
  }
}
