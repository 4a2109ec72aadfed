// A worker thread's side of a parallel scan: opens the source read-only from its path, then scans the
// segments it is sent, one at a time, reporting files and settled positions in offset order.
import { parentPort, workerData } from 'node:worker_threads';
import { openFileSource, sliceSource } from '@afterimage/fs-parsers/source';
import type { CarveSource } from './byte-source.js';
import type { ByteRun } from './types.js';
import { carveFormats } from './formats/index.js';
import { scanSequential } from './sequential-scan.js';
import { buildSignatureIndex } from './signature-index.js';
import type { ScanWorkerData, SegmentTask, WorkerReport } from './worker-protocol.js';

const data = workerData as ScanWorkerData;
const port = parentPort;
if (!port) throw new Error('scan-worker runs in a worker thread');

const formats = data.formats.map((id) => {
  const format = carveFormats.find((f) => f.id === id);
  if (!format) throw new Error(`unknown format ${id}`);
  return format;
});
const index = buildSignatureIndex(formats);

async function openSource(): Promise<CarveSource> {
  const file = await openFileSource(data.path);
  if (data.fileOffset === 0 && data.size === file.size) return file;
  return sliceSource(file, data.fileOffset, data.size, data.label);
}

/** The system's error code (EIO…) of an error or of one in its cause chain, so the caller can tell a bad medium. */
function codeOf(error: unknown): { code?: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return { code };
    current = current.cause;
  }
  return {};
}

/**
 * Settled positions are for the caller's progress display only: one report per this many bytes, not per
 * chunk (a message per 2 MiB woke the merging thread 32 times per segment: ~10 % of a two-thread scan).
 */
const SETTLED_EVERY = 16 * 1024 * 1024;

const source = openSource();
let queue: Promise<void> = Promise.resolve();
const post = (report: WorkerReport): void => port.postMessage(report);

async function scanSegment({ id, ranges }: SegmentTask): Promise<void> {
  try {
    const settings = {
      source: await source,
      index,
      alignment: data.alignment,
      chunkSize: data.chunkSize,
      maxFileSize: data.maxFileSize,
      onError: (error: Error) => post({ type: 'error', id, message: error.message, cause: String((error.cause as Error | undefined)?.message ?? error.cause) }),
      onUnreadable: (area: ByteRun, cause: unknown) => post({ type: 'unreadable', id, area, message: String((cause as Error | undefined)?.message ?? cause), ...codeOf(cause) }),
    };
    let reported = ranges[0]?.offset ?? 0;
    for await (const event of scanSequential(settings, ranges, reported)) {
      if (event.type === 'file') post({ type: 'file', id, file: event.file });
      else if (event.type === 'settled' && event.position - reported >= SETTLED_EVERY) {
        reported = event.position;
        post({ type: 'settled', id, position: event.position });
      }
    }
    post({ type: 'done', id });
  } catch (error) {
    post({ type: 'failed', id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

port.on('message', (task: SegmentTask) => {
  queue = queue.then(() => scanSegment(task));
});
