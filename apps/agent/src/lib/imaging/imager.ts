import { rm, stat } from 'node:fs/promises';
import { type ByteSource, openFileSource } from '@afterimage/fs-parsers';
import { copyPhase } from './copy-phase.js';
import { ImagingAbortedError } from './errors.js';
import { type ImageFile, openImage } from './image-file.js';
import { type ImagingOptions, resolveOptions } from './imaging-options.js';
import { type MapFileState } from './mapfile.js';
import { readMapfile } from './mapfile-store.js';
import type { ImagingProgress } from './progress.js';
import { type MapBlock, RescueMap } from './rescue-map.js';
import { RescueRun } from './rescue-run.js';
import { retryPhase, scrapePhase, trimPhase } from './sector-phases.js';

export interface ImagingResult {
  /** True when every byte is either finished or a bad sector (nothing left to copy, trim or scrape). */
  readonly complete: boolean;
  readonly progress: ImagingProgress;
  /** The final map's blocks. */
  readonly blocks: readonly MapBlock[];
}

/**
 * Copies `source` to an image with a GNU ddrescue map file, the good areas first: copying in
 * chunks (skipping past failures), then trimming, scraping and retrying the failed areas sector by
 * sector (see copy-phase.ts and sector-phases.ts). An existing map (and image) is resumed from the
 * phase and position it records; a run stopped by `signal` or by a kill goes on from there, never
 * reading a finished area again (a kill loses at most `saveIntervalMs` of work).
 *
 * The source is only ever read. The caller must make sure the image and the map are not on the
 * source device (apps/agent's destination-guard: assertDestinationOffSource on their folder).
 * @throws ImagingError (MAP_DAMAGED, MAP_MISMATCH, SOURCE_GONE, IO, BAD_OPTIONS), ImagingAbortedError
 */
export async function imageSource(source: ByteSource, options: ImagingOptions): Promise<ImagingResult> {
  const settings = resolveOptions(source, options);
  const state = await readMapfile(options.mapPath, source.size);
  const map = state?.map ?? new RescueMap(source.size);
  const untouched = map.blocks.every((block) => block.status === '?');
  const imageExists = await exists(options.imagePath);
  const mode = state && (imageExists || !untouched) ? 'resume' : 'create';
  const image = await openImage(options.imagePath, source.size, mode);
  const run = new RescueRun({
    source,
    image,
    map,
    mapPath: options.mapPath,
    sectorSize: settings.sectorSize,
    chunkSize: settings.chunkSize,
    saveIntervalMs: settings.saveIntervalMs,
    progressIntervalMs: settings.progressIntervalMs,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  try {
    if (!state) await run.save();
    await runPhases(run, state, settings);
    run.at('+', 1, 0);
    await run.save();
  } catch (error) {
    // An abort saved the map already; after any other failure keep what was rescued, if the disk lets us.
    if (!(error instanceof ImagingAbortedError)) await run.save().catch(() => undefined);
    await closeQuietly(image);
    // An image made by this call with no map saved for it would block the next attempt: remove it.
    if (mode === 'create' && !state && !(await exists(options.mapPath))) await rm(options.imagePath, { force: true });
    throw error;
  }
  await image.close();
  const totals = map.totals();
  return { complete: totals.nonTried + totals.nonTrimmed + totals.nonScraped === 0, progress: run.report(), blocks: map.blocks };
}

async function runPhases(run: RescueRun, state: MapFileState | undefined, settings: ReturnType<typeof resolveOptions>): Promise<void> {
  const status = state?.currentStatus;
  const resume = state ? { pass: state.currentPass, pos: state.currentPos } : undefined;
  const before = run.map.totals();
  const workLeft = before.nonTried + before.nonTrimmed + before.nonScraped > 0;
  await copyPhase(run, settings.skipSize, status === '?' ? resume : undefined);
  if (settings.trim) await trimPhase(run);
  if (settings.scrape) await scrapePhase(run);
  // A map saved as finished had its retries already, unless there was still work to do.
  if (status === '-') await retryPhase(run, settings.retries, resume);
  else if (status !== '+' || workLeft) await retryPhase(run, settings.retries);
}

const exists = (path: string) => stat(path).then(() => true, () => false);

async function closeQuietly(image: ImageFile): Promise<void> {
  await image.close().catch(() => undefined);
}

/**
 * imageSource over a device or image file at `sourcePath`, opened read-only (flag 'r') and closed
 * afterwards.
 */
export async function imageDevice(sourcePath: string, options: ImagingOptions): Promise<ImagingResult> {
  const source = await openFileSource(sourcePath);
  try {
    return await imageSource(source, options);
  } finally {
    await source.close();
  }
}
