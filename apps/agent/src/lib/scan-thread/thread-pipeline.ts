import type { Source } from '@afterimage/contracts';
import type { ScanPipeline } from '../scan-runner.js';
import type { ScanFile } from './protocol.js';
import type { ScanThread } from './scan-thread.js';

/**
 * Where a source's bytes are for the scanning thread: an image file or the pieces of a split set. None
 * for a device: it is read on the main thread only, where ReadHealth sees every read and its first
 * read error stops the scan (rule 2 of DESIGN.md); none for a folder (its own pipeline).
 */
export function scanFileOf(source: Source): ScanFile | undefined {
  if ((source.kind !== 'image' && source.kind !== 'demo') || !source.path) return undefined;
  const pieces = source.pieces && source.pieces.length > 1 ? { pieces: [...source.pieces] } : {};
  return { path: source.path, label: source.label, ...pieces };
}

/**
 * The agent's scan of an image: run on its scanning thread, which opens the image itself, so this
 * thread only stores, counts and publishes what the scan reports. A scan without a file to open (a
 * device, a source given as bytes) runs `inProcess`, on this thread.
 */
export function threadedScanPipeline(thread: ScanThread, inProcess: ScanPipeline, { checkpointEvery }: { checkpointEvery?: number } = {}): ScanPipeline {
  return (bytes, options) => {
    const { file, includeLive, keepCorrupt, signal, sink, resumeFrom, onCheckpoint, onUnreadable, onReadFailed } = options;
    if (!file) return inProcess(bytes, options);
    const order = { file, includeLive, keepCorrupt, ...(resumeFrom === undefined ? {} : { resumeFrom }), ...(checkpointEvery === undefined ? {} : { checkpointEvery }) };
    return thread.scan(
      order,
      {
        progress: (progress) => sink.progress(progress),
        finding: (finding) => sink.finding(finding),
        checkpoint: (checkpoint) => onCheckpoint?.(checkpoint),
        unreadable: (area, cause) => onUnreadable?.(area, cause),
        readFailed: (offset, length, cause) => onReadFailed?.(offset, length, cause) ?? Promise.resolve(),
      },
      signal,
    );
  };
}
