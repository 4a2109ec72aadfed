import sharp from 'sharp';
import type { EmulatorResponse } from '../lib/server.js';
import { badRequest, headerSafeJson, routeError } from './dropbox-errors.js';
import { fileMetadata } from './dropbox-metadata.js';
import { readPath } from './dropbox-read-path.js';
import type { DropboxStore } from './dropbox-store.js';

type Args = Record<string, unknown>;

/** ThumbnailSize: width × height by tag. */
const SIZES: Record<string, [number, number]> = {
  w32h32: [32, 32],
  w64h64: [64, 64],
  w128h128: [128, 128],
  w256h256: [256, 256],
  w480h320: [480, 320],
  w640h480: [640, 480],
  w960h640: [960, 640],
  w1024h768: [1024, 768],
  w2048h1536: [2048, 1536],
};
/** "This method currently supports files with the following file extensions: jpg, jpeg, png, tiff, tif, gif, webp, ppm and bmp." */
const SUPPORTED = /\.(jpe?g|png|tiff?|gif|webp|ppm|bmp)$/i;
/** "Photos that are larger than 20MB in size won't be converted to a thumbnail." */
const MAX_SOURCE = 20 * 1024 * 1024;

const tagOf = (value: unknown, fallback: string): string | undefined => {
  if (value === undefined) return fallback;
  const tag = value && typeof value === 'object' ? (value as { '.tag'?: unknown })['.tag'] : value;
  return typeof tag === 'string' ? tag : undefined;
};

/**
 * files/get_thumbnail_v2 (content endpoint): `resource` is a PathOrLink (`{ .tag: path, path: ReadPath }`
 * here; `rev:<rev>` reaches a deleted file's revision), `format` jpeg | png (jpeg), `size` a
 * ThumbnailSize (w64h64), `mode` strict | bestfit | fitone_bestfit (strict). The image is shrunk, never
 * enlarged; the body is the thumbnail and Dropbox-API-Result a PreviewResult `{ file_metadata }`.
 * ThumbnailV2Error: `path/<LookupError>`, `unsupported_extension`, `unsupported_image`, `conversion_error`.
 */
export async function getThumbnailV2(store: DropboxStore, args: Args): Promise<EmulatorResponse> {
  const route = 'files/get_thumbnail_v2';
  const resource = (args['resource'] ?? {}) as Args;
  if (resource['.tag'] !== 'path') return badRequest(route, `resource: only "path" is emulated, not ${JSON.stringify(resource['.tag'])}`);
  const format = tagOf(args['format'], 'jpeg');
  const size = tagOf(args['size'], 'w64h64');
  const mode = tagOf(args['mode'], 'strict');
  if (format !== 'jpeg' && format !== 'png') return badRequest(route, `format: unknown tag ${JSON.stringify(format)}`);
  const box = size ? SIZES[size] : undefined;
  if (!box) return badRequest(route, `size: unknown tag ${JSON.stringify(size)}`);
  if (mode !== 'strict' && mode !== 'bestfit' && mode !== 'fitone_bestfit') return badRequest(route, `mode: unknown tag ${JSON.stringify(mode)}`);
  const version = readPath(store, route, resource['path']);
  if ('status' in version) return version;
  const { node, revision } = version;
  if (!SUPPORTED.test(node.display)) return routeError({ '.tag': 'unsupported_extension' });
  if (revision.bytes.length > MAX_SOURCE) return routeError({ '.tag': 'unsupported_image' });
  let image: Buffer;
  try {
    const oriented = sharp(revision.bytes).rotate();
    const { width = 0, height = 0 } = await sharp(revision.bytes).metadata();
    // bestfit: the box or its transpose, whichever suits the picture's orientation.
    const [w, h] = mode !== 'strict' && height > width ? [box[1], box[0]] : box;
    const resized = oriented.resize(w, h, { fit: mode === 'fitone_bestfit' ? 'outside' : 'inside', withoutEnlargement: true });
    image = await (format === 'png' ? resized.png() : resized.jpeg({ quality: 80 })).toBuffer();
  } catch {
    return routeError({ '.tag': 'unsupported_image' });
  }
  const headers = { 'dropbox-api-result': headerSafeJson({ file_metadata: fileMetadata(node, revision) }), 'content-type': 'application/octet-stream' };
  return { status: 200, headers, body: image };
}
