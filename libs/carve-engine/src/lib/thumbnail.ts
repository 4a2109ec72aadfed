import type { CarveSource } from './byte-source.js';
import { isAbortError, ThumbnailError, throwIfAborted } from './errors.js';
import { embeddedThumbnail, HEAD_BYTES } from './metadata.js';
import { readHead, readRuns } from './read-runs.js';
import { formatFor } from './formats/index.js';
import type { CarvedFile } from './types.js';

export interface CarvedThumbnail {
  readonly mimeType: 'image/jpeg';
  readonly data: Buffer;
}

export interface ThumbnailOptions {
  /** Longest edge of a rendered thumbnail (default 256). */
  readonly maxEdge?: number;
  readonly signal?: AbortSignal;
}

/**
 * A preview of a carved file: its embedded EXIF thumbnail when it has one (that works even when the
 * main image is damaged), else the image decoded by sharp, shrunk to fit `maxEdge` and saved at JPEG
 * quality 70. Damaged images are decoded as far as they go (a truncated JPEG gets a grey bottom).
 * Neither applies EXIF orientation: the caller rotates by `metadata.orientation`.
 * @throws ThumbnailError when neither works
 */
export async function thumbnailOf(
  source: CarveSource,
  file: Pick<CarvedFile, 'byteRuns' | 'size'> & Partial<Pick<CarvedFile, 'format'>>,
  options: ThumbnailOptions = {},
): Promise<CarvedThumbnail> {
  const { signal } = options;
  throwIfAborted(signal);
  const edge = options.maxEdge ?? 256;
  try {
    const format = file.format ? formatFor(file.format) : undefined;
    const preview = await format?.preview?.(source, file, signal);
    if (preview) return { mimeType: 'image/jpeg', data: await shrink(preview, edge) };
    const embedded = await embeddedThumbnail(await readHead(source, file.byteRuns, HEAD_BYTES, signal));
    if (embedded) return { mimeType: 'image/jpeg', data: embedded };
    const pieces: Buffer[] = [];
    for await (const piece of readRuns(source, file.byteRuns, signal)) pieces.push(piece);
    return { mimeType: 'image/jpeg', data: await shrink(Buffer.concat(pieces), edge) };
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ThumbnailError(`no thumbnail for the ${file.size}-byte file at ${file.byteRuns[0]?.offset}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Decodes as far as the image goes, fits it in `edge`×`edge` and saves it as JPEG quality 70. */
async function shrink(image: Buffer, edge: number): Promise<Buffer> {
  // Loaded on first use: a scan never needs libvips (about 10 MB of resident memory).
  const { default: sharp } = await import('sharp');
  return sharp(image, { failOn: 'none' }).resize(edge, edge, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer();
}
