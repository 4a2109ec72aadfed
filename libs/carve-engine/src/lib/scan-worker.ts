// A worker thread's side of a parallel scan: opens the source read-only from its path, then scans the
// segments it is sent, one at a time, reporting files and settled positions in offset order.
import { parentPort, workerData } from 'node:worker_threads';
import { openFileSource, sliceSource } from '@afterimage/fs-parsers/source';
import type { CarveSource } from './byte-source.js';
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
    };
    for await (const event of scanSequential(settings, ranges, ranges[0]?.offset ?? 0)) {
      if (event.type === 'file') post({ type: 'file', id, file: event.file });
      else if (event.type === 'settled') post({ type: 'settled', id, position: event.position });
    }
    post({ type: 'done', id });
  } catch (error) {
    post({ type: 'failed', id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

port.on('message', (task: SegmentTask) => {
  queue = queue.then(() => scanSegment(task));
});
