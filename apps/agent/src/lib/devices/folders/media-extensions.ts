export type MediaKind = 'photo' | 'raw' | 'video';

const KINDS: Record<MediaKind, string[]> = {
  photo: ['jpg', 'jpeg', 'jpe', 'png', 'gif', 'bmp', 'tif', 'tiff', 'heic', 'heif', 'hif', 'webp', 'avif', 'jxl'],
  raw: ['dng', 'cr2', 'cr3', 'crw', 'nef', 'nrw', 'arw', 'srf', 'sr2', 'orf', 'rw2', 'raf', 'pef', 'srw', 'x3f', '3fr', 'erf', 'kdc', 'mrw', 'iiq'],
  video: ['mp4', 'm4v', 'mov', 'avi', 'mts', 'm2ts', 'mkv', '3gp', '3g2', 'wmv', 'mpg', 'mpeg', 'webm', 'insv', 'lrv'],
};

/** Lower-case file extensions (no dot) of photos, camera raw files and videos, with their kind. */
export const MEDIA_EXTENSIONS: ReadonlyMap<string, MediaKind> = new Map(
  (Object.entries(KINDS) as [MediaKind, string[]][]).flatMap(([kind, extensions]) => extensions.map((ext) => [ext, kind] as const)),
);
