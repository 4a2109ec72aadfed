/**
 * Imaging a device to an image file with a GNU ddrescue-compatible map file (rule 2 of DESIGN.md:
 * a failing device is imaged first, good areas first, then trimmed and scraped, and scanned from
 * its image). The source is only read; the image and map must not be on the source device (the
 * caller checks with destination-guard's assertDestinationOffSource on their folder).
 */
export { imageDevice, imageSource } from './imager.js';
export type { ImagingResult } from './imager.js';
export type { ImagingOptions } from './imaging-options.js';
export type { ImagingPhase, ImagingProgress } from './progress.js';
export { defaultSkipSize } from './copy-phase.js';
export type { SkipSize } from './copy-phase.js';
export { ImagingAbortedError, ImagingError, MapFileError } from './errors.js';
export type { ImagingErrorCode } from './errors.js';
export { formatMapfile, hex, MAX_MAP_BLOCKS, parseMapfile } from './mapfile.js';
export type { MapFileHeader, MapFileState, MapPhase } from './mapfile.js';
export { MAX_MAPFILE_BYTES, readMapfile, writeMapfileAtomic } from './mapfile-store.js';
export { BLOCK_STATUSES, RescueMap } from './rescue-map.js';
export type { BlockStatus, MapBlock, MapTotals } from './rescue-map.js';
export { isMediaReadError, MEDIA_ERROR_CODES } from './read-errors.js';
export { imageThenScanPolicy, watchReadErrors } from './image-first-policy.js';
export type { ScanReadHealth, WatchedSource } from './image-first-policy.js';
