import { randomUUID } from 'node:crypto';
import { scanMedia as scanSource, thumbnailOf } from '@afterimage/carve-engine';
import type { ByteSource } from '@afterimage/fs-parsers';
import type { ScanPipelineOptions, ThumbnailMaker } from './agent-services.js';

/**
 * The agent's scan: the carve engine's filesystem-and-carving merge (one finding per photo, named
 * by its entry where a filesystem knows it), each finding given an id and handed to the session.
 */
export async function scanMedia(source: ByteSource, { includeLive, keepCorrupt, signal, sink }: ScanPipelineOptions): Promise<void> {
  for await (const finding of scanSource(source, { includeLive, keepCorrupt, signal, onProgress: (p) => sink.progress(p) })) {
    sink.finding({ id: `f-${randomUUID().slice(0, 12)}`, ...finding });
  }
}

export const thumbnailForFinding: ThumbnailMaker = (source, finding) => thumbnailOf(source, finding);
