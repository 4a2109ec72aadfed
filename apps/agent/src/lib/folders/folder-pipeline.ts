import type { Finding } from '@afterimage/contracts';
import type { ScanPipeline } from '../scan-runner.js';
import { findingIdFor, type FolderItem } from './folder-item.js';
import { describeWholeFile } from './whole-file.js';

/** A checkpoint every this many files: a killed agent reads at most these again. */
const CHECKPOINT_EVERY = 16;

/** What a folder scan stores to go on from: how many of the (ordered) items were done. */
interface FolderCheckpoint {
  folderFilesDone: number;
}

const filesDoneIn = (checkpoint: unknown): number => {
  const done = (checkpoint as Partial<FolderCheckpoint> | undefined)?.folderFilesDone;
  return typeof done === 'number' && Number.isSafeInteger(done) && done >= 0 ? done : 0;
};

/** Reads one item and makes its finding; the id comes from its file, so a resumed scan gives the same one. */
export async function findingOf(item: FolderItem, signal?: AbortSignal): Promise<Finding> {
  const bytes = await item.open();
  try {
    const whole = await describeWholeFile(bytes, item.name, signal);
    const notes = [...item.notes];
    if (bytes.size !== item.size) notes.push(`the folder's catalogue says ${item.size} bytes, the file holds ${bytes.size}`);
    const takenAt = whole.metadata.takenAt ?? item.takenAt;
    return {
      id: findingIdFor(item.file),
      ...whole,
      name: item.name,
      ...(item.originalPath ? { originalPath: item.originalPath } : {}),
      ...(item.times ? { times: item.times } : {}),
      origin: item.origin,
      foundBy: 'filesystem',
      validation: { ...whole.validation, reasons: [...whole.validation.reasons, ...notes] },
      metadata: { ...whole.metadata, ...(takenAt ? { takenAt } : {}) },
      file: { path: item.file },
      ...(item.trash ? { trash: item.trash } : {}),
      ...(item.livePhotoPair ? { livePhotoPair: findingIdFor(item.livePhotoPair) } : {}),
    };
  } finally {
    await bytes.close();
  }
}

/**
 * A scan of a folder source: `list` gives its items (in the same order every time), each is read
 * whole and reported as a finding; progress counts bytes and files. The ByteSource the runner hands
 * in is not used (a folder has none). A checkpoint says how many items were done, so a paused or
 * killed scan goes on after them. A file that cannot be read is skipped (it is told to `onSkipped`
 * and to the runner's `onUnreadable`), never the end of the scan. Settings for disks (includeLive, keepCorrupt) do not apply.
 */
export function folderPipeline(list: (signal: AbortSignal) => Promise<FolderItem[]>, onSkipped?: (item: FolderItem, error: unknown) => void): ScanPipeline {
  return async (_unused, { signal, sink, resumeFrom, onCheckpoint, onUnreadable }) => {
    const items = await list(signal);
    const bytesTotal = items.reduce((sum, item) => sum + item.size, 0);
    const filesTotal = items.length;
    let filesDone = Math.min(filesDoneIn(resumeFrom), filesTotal);
    let bytesDone = items.slice(0, filesDone).reduce((sum, item) => sum + item.size, 0);
    sink.progress({ bytesDone, bytesTotal, filesDone, filesTotal });
    for (const item of items.slice(filesDone)) {
      signal.throwIfAborted();
      const finding = await findingOf(item, signal).catch((error: unknown) => {
        if (signal.aborted) throw error;
        onSkipped?.(item, error);
        // The runner counts it when the medium failed (a file's own bytes: one bad sector at least).
        onUnreadable?.({ offset: 0, length: item.size }, error);
        return undefined;
      });
      if (finding) sink.finding(finding);
      filesDone += 1;
      bytesDone += item.size;
      sink.progress({ bytesDone, bytesTotal, filesDone, filesTotal });
      if (filesDone % CHECKPOINT_EVERY === 0) onCheckpoint?.({ folderFilesDone: filesDone } satisfies FolderCheckpoint);
    }
  };
}
