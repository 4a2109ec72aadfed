import sharp from 'sharp';
import type { EmulatorRequest, EmulatorResponse } from '../lib/server.js';
import type { DriveContext } from './context.js';
import type { DriveItem } from './store.js';

/**
 * Drive's thumbnails. The File resource of an image carries `hasThumbnail` and a `thumbnailLink`: on
 * Google a short-lived https://lh3.googleusercontent.com/drive-storage/…=s220 address (the `=s<N>`
 * suffix is the longest edge); here the same shape on the emulator's origin. A trashed file keeps
 * both. The address answers a JPEG of the image shrunk to fit N×N (never enlarged) to a bearer of the
 * account's token; a file gone for good, or one that is no decodable image, answers 404.
 */
const THUMBNAIL_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/tiff', 'image/avif']);
export const THUMBNAIL_PATH = /^\/drive-storage\/([A-Za-z0-9_-]{1,200})=s(\d{1,4})$/;
const DEFAULT_EDGE = 220;
const MAX_EDGE = 1600;

export const hasThumbnail = (item: DriveItem): boolean => Boolean(item.content && THUMBNAIL_TYPES.has(item.mimeType));

/** The thumbnailLink of an item on `origin`, or undefined when Drive would make none. */
export function thumbnailLinkOf(item: DriveItem, origin: string): string | undefined {
  return origin && hasThumbnail(item) ? `${origin}/drive-storage/${item.id}=s${DEFAULT_EDGE}` : undefined;
}

const notFound = (): EmulatorResponse => ({ status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><body>Error 404 (Not Found)</body></html>' });

export async function thumbnailRoute(request: EmulatorRequest, context: DriveContext): Promise<EmulatorResponse> {
  const match = THUMBNAIL_PATH.exec(request.path);
  const item = match ? context.store.get(match[1] ?? '') : undefined;
  if (request.method !== 'GET' || !item?.content || !hasThumbnail(item)) return notFound();
  const edge = Math.min(MAX_EDGE, Math.max(1, Number(match?.[2] ?? DEFAULT_EDGE)));
  try {
    const jpeg = await sharp(item.content).rotate().resize(edge, edge, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();
    return { status: 200, headers: { 'content-type': 'image/jpeg' }, body: jpeg };
  } catch {
    return notFound();
  }
}
