import type { ByteSource } from '@afterimage/fs-parsers';
import type { MediaFinding, MediaScanOptions } from './media-scan/scan-media.js';

/**
 * scanMedia (media-scan/scan-media.ts), loaded on its first call: it brings the filesystem parsers
 * (fs-parsers, ~55 ms of module loading), which a plain carve never needs, so the engine's index does
 * not load them up front.
 */
export async function* scanMedia(source: ByteSource, options?: MediaScanOptions): AsyncGenerator<MediaFinding> {
  const { scanMedia: scan } = await import('./media-scan/scan-media.js');
  yield* scan(source, options);
}
