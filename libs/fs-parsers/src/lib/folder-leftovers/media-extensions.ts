/**
 * Photo and video file name extensions, lower-case. fs-parsers may not import the carve engine (lint
 * boundaries), so this is its own list of the extensions the carve engine's formats name; a
 * carve-engine test (media-scan/media-extensions.spec.ts) keeps the two in step. MPEG-TS's `.ts` is
 * left out on purpose: in a Windows Recycle Bin it is far more often TypeScript than video.
 */
export const MEDIA_EXTENSIONS: ReadonlySet<string> = new Set([
  // photos
  ...['jpg', 'jpeg', 'jpe', 'mpo', 'heic', 'heif', 'hif', 'avif', 'png', 'apng', 'gif', 'webp', 'jxl', 'bmp', 'dib', 'tif', 'tiff', 'psd', 'psb'],
  // camera RAW
  ...['dng', 'cr2', 'cr3', 'crw', 'nef', 'nrw', 'arw', 'sr2', 'srf', 'pef', 'orf', 'rw2', 'rwl', 'srw', '3fr', 'erf', 'raf', 'mrw', 'x3f'],
  // videos
  ...['mp4', 'm4v', 'mov', 'qt', '3gp', '3g2', 'avi', 'mkv', 'webm', 'mts', 'm2ts'],
]);

/** True when a file name's extension (after its last '.', not a leading one) is a photo or video's. */
export function isMediaFileName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && MEDIA_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}
