import { resolve } from 'node:path';
import type { ByteSource } from '@afterimage/fs-parsers';
import { defaultSkipSize, type SkipSize } from './copy-phase.js';
import { ImagingError } from './errors.js';
import type { ImagingProgress } from './progress.js';

export interface ImagingOptions {
  /** The image to write: a regular file, created at the device's size (sparse), or resumed. */
  readonly imagePath: string;
  /** The GNU ddrescue map file beside it; an existing one is resumed. */
  readonly mapPath: string;
  /**
   * 512 (default) or 4096: the unit of trimming, scraping and retrying. A block device read through
   * the page cache (openFileSource does not use O_DIRECT) fails a whole 4 KiB page at a time, so
   * 4096 is the honest unit there; 512 then marks the 8 sectors of a failing page bad together.
   */
  readonly sectorSize?: number;
  /** Bytes per read while copying; a multiple of the sector size. Default 64 KiB, as ddrescue's. */
  readonly chunkSize?: number;
  /** Retry passes over bad sectors; default 1. */
  readonly retries?: number;
  /** Jump sizes after failed reads in copying pass 1; default as ddrescue's. `initial: 0` disables jumps. */
  readonly skipSize?: SkipSize;
  /** Trimming and scraping may be left out (ddrescue's --no-trim, --no-scrape); both default true. */
  readonly trim?: boolean;
  readonly scrape?: boolean;
  /** The map is saved at least this often (the image flushed first); default 3000 ms. */
  readonly saveIntervalMs?: number;
  /** Progress is reported at most this often; default 250 ms (0: after every read). */
  readonly progressIntervalMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ImagingProgress) => void;
}

export interface ResolvedOptions {
  readonly sectorSize: number;
  readonly chunkSize: number;
  readonly retries: number;
  readonly skipSize: SkipSize;
  readonly trim: boolean;
  readonly scrape: boolean;
  readonly saveIntervalMs: number;
  readonly progressIntervalMs: number;
}

const MiB = 1024 * 1024;

/**
 * Checks the options against the source and fills in defaults.
 * @throws ImagingError('BAD_OPTIONS') naming the option at fault
 */
export function resolveOptions(source: ByteSource, options: ImagingOptions): ResolvedOptions {
  const bad = (message: string) => new ImagingError('BAD_OPTIONS', message);
  const sectorSize = options.sectorSize ?? 512;
  if (!Number.isSafeInteger(sectorSize) || sectorSize < 512 || sectorSize > 64 * 1024 || (sectorSize & (sectorSize - 1)) !== 0) {
    throw bad(`the sector size must be a power of two from 512 to 65536, not ${sectorSize}`);
  }
  const chunkSize = options.chunkSize ?? 64 * 1024;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < sectorSize || chunkSize > 16 * MiB || chunkSize % sectorSize !== 0) {
    throw bad(`the chunk size must be a multiple of the ${sectorSize}-byte sector, at most 16 MiB, not ${chunkSize}`);
  }
  const retries = options.retries ?? 1;
  if (!Number.isSafeInteger(retries) || retries < 0 || retries > 1000) throw bad(`retries must be 0 to 1000, not ${retries}`);
  const skipSize = options.skipSize ?? defaultSkipSize(source.size, sectorSize);
  for (const value of [skipSize.initial, skipSize.max]) {
    if (!Number.isSafeInteger(value) || value < 0 || value % sectorSize !== 0) throw bad(`skip sizes must be whole sectors, not ${value}`);
  }
  const saveIntervalMs = options.saveIntervalMs ?? 3000;
  const progressIntervalMs = options.progressIntervalMs ?? 250;
  if (!(saveIntervalMs >= 0) || !(progressIntervalMs >= 0)) throw bad('intervals must be zero or more milliseconds');
  const paths = [resolve(options.imagePath), resolve(options.mapPath)];
  if (paths[0] === paths[1]) throw bad('the image and the map file must be two different files');
  const sourcePath = source.file ? resolve(source.file.path) : undefined;
  if (sourcePath && paths.includes(sourcePath)) throw new ImagingError('BAD_OPTIONS', `refusing to write over the source ${sourcePath}`);
  return { sectorSize, chunkSize, retries, skipSize, trim: options.trim ?? true, scrape: options.scrape ?? true, saveIntervalMs, progressIntervalMs };
}
