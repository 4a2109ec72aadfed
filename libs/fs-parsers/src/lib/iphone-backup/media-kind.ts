/**
 * Which camera-roll files are photos or videos. The extension decides whether a file is media at
 * all (Media/DCIM also holds .AAE edit sidecars, .plist and .MISC files, which stay out); Photos.sqlite's
 * ZKIND (0 photo, 1 video), when the asset has a row, decides which of the two it is.
 */
export type MediaKind = 'photo' | 'video';

const PHOTO = new Set(['heic', 'heif', 'hif', 'jpg', 'jpeg', 'png', 'gif', 'tif', 'tiff', 'dng', 'webp', 'avif', 'bmp']);
const VIDEO = new Set(['mov', 'mp4', 'm4v', '3gp', '3g2', 'avi']);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function stemOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? name : name.slice(0, dot);
}

export function kindByExtension(name: string): MediaKind | undefined {
  const extension = extensionOf(name);
  return PHOTO.has(extension) ? 'photo' : VIDEO.has(extension) ? 'video' : undefined;
}

/** ZKIND 0 / 1 when it says so, else the extension's guess. */
export function kindOf(name: string, zkind: number | undefined): MediaKind | undefined {
  const guess = kindByExtension(name);
  if (!guess) return undefined;
  return zkind === 0 ? 'photo' : zkind === 1 ? 'video' : guess;
}

/** A Live Photo keeps its motion as a QuickTime movie beside the still, with the same stem. */
export const isLivePhotoMotion = (name: string): boolean => extensionOf(name) === 'mov';
