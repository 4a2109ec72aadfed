import { ThumbnailError, throwIfAborted } from './errors.js';
import { embeddedThumbnail } from './metadata.js';

export interface ImageThumbnail {
  readonly mimeType: 'image/jpeg';
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

export interface ImageThumbnailOptions {
  /** Longest edge of the result (default 256); never enlarged. */
  readonly maxEdge?: number;
  readonly signal?: AbortSignal;
}

/** Decoding stops above this many pixels (a small file can declare a huge picture). */
const MAX_PIXELS = 120_000_000;

async function render(image: Buffer, edge: number): Promise<ImageThumbnail> {
  // Loaded on first use, as for carved thumbnails: nothing else in the process needs libvips.
  const { default: sharp } = await import('sharp');
  const { data, info } = await sharp(image, { failOn: 'none', limitInputPixels: MAX_PIXELS })
    .rotate()
    .resize(edge, edge, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75 })
    .toBuffer({ resolveWithObject: true });
  return { mimeType: 'image/jpeg', data, width: info.width, height: info.height };
}

/**
 * A JPEG of a whole image held in memory (a provider's thumbnail, a small photo read from a cloud):
 * decoded by sharp, turned upright by its EXIF orientation, shrunk to fit `maxEdge`. What sharp cannot
 * decode (HEIC, some RAW) falls back to the image's embedded EXIF thumbnail.
 * @throws ThumbnailError when neither works
 */
export async function imageThumbnail(image: Buffer, options: ImageThumbnailOptions = {}): Promise<ImageThumbnail> {
  const edge = Math.max(16, Math.min(4096, Math.round(options.maxEdge ?? 256)));
  throwIfAborted(options.signal);
  try {
    return await render(image, edge);
  } catch (error) {
    throwIfAborted(options.signal);
    const embedded = await embeddedThumbnail(image);
    if (embedded) return render(embedded, edge).catch((cause: unknown) => Promise.reject(new ThumbnailError(`the embedded thumbnail cannot be decoded either: ${(cause as Error).message}`, { cause })));
    throw new ThumbnailError(`not an image this agent can decode (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}
