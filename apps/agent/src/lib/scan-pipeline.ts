import { scanMedia as scanSource, thumbnailOf, type CarveCheckpoint } from '@afterimage/carve-engine';
import type { ByteSource } from '@afterimage/fs-parsers';
import { newFindingId } from './finding-id.js';
import type { ScanPipeline, ScanPipelineOptions, ThumbnailMaker } from './agent-services.js';

/**
 * The agent's scan on the thread that calls it: the carve engine's filesystem-and-carving merge (one
 * finding per photo, named by its entry where a filesystem knows it), each finding given an id and
 * handed to the session. `checkpointEvery` (bytes, default the engine's 64 MiB) sets how much work a
 * killed agent redoes. The running agent calls it for devices only (and anything without a file to
 * open): it scans image files and split sets on its scanning thread (scan-thread/), which does the same
 * there, so the thread that serves requests only stores and publishes the findings.
 */
export function createScanPipeline({ checkpointEvery }: { checkpointEvery?: number } = {}): ScanPipeline {
  return async (source: ByteSource, { includeLive, keepCorrupt, signal, sink, resumeFrom, onCheckpoint, onUnreadable }: ScanPipelineOptions) => {
    const resume = { resumeFrom: resumeFrom as CarveCheckpoint | undefined, onCheckpoint, checkpointEvery };
    for await (const finding of scanSource(source, { includeLive, keepCorrupt, signal, onProgress: (p) => sink.progress(p), onUnreadable, ...resume })) {
      sink.finding({ id: newFindingId(), ...finding });
    }
  };
}

export const scanMedia: ScanPipeline = createScanPipeline();

export const thumbnailForFinding: ThumbnailMaker = (source, finding) => thumbnailOf(source, finding);
