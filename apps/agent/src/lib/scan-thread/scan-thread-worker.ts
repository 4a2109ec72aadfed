// The agent's scanning thread (scan-thread.ts starts it with the agent). It loads the carve engine and
// the filesystem parsers once, then runs the scans it is sent, several at once if need be, each over an
// image it opens itself, read-only, and posts back what each scan finds, in order, several reports
// per message (outbox.ts). Nothing here touches the agent's store or its clients.
import { parentPort, workerData } from 'node:worker_threads';
import { scanMedia, type CarveCheckpoint } from '@afterimage/carve-engine';
import { bufferSource, openFileSource, openSplitSource, type ByteSource } from '@afterimage/fs-parsers';
import { newFindingId } from '../finding-id.js';
import { mediaErrorCode } from '../imaging/media-errors.js';
import { tellFailedReads } from './failed-reads.js';
import { Outbox } from './outbox.js';
import { errorFacts, messageOf, type ScanEnd, type ScanFile, type ScanOrder, type ScanThreadData, type ThreadMessage, type ThreadOrder } from './protocol.js';
import { warmImage } from './warm-image.js';

const port = parentPort;
if (!port) throw new Error('scan-thread-worker runs in a worker thread');
const data = workerData as ScanThreadData;
type WrapSource = (source: ByteSource, file: ScanFile, data: unknown) => ByteSource;
const hooks = data.hooks ? ((await import(data.hooks.module)) as { wrapSource: WrapSource }) : undefined;

interface Running {
  readonly abort: AbortController;
  /** Failed reads waiting for the main thread, by ask number. */
  readonly asks: Map<number, () => void>;
}
const running = new Map<number, Running>();
let asks = 0;
const post = (message: ThreadMessage): void => port.postMessage(message);

function open(file: ScanFile): Promise<ByteSource> {
  return file.pieces && file.pieces.length > 1 ? openSplitSource(file.pieces, file.label) : openFileSource(file.path);
}

async function scan(order: ScanOrder): Promise<void> {
  const { scanId, includeLive, keepCorrupt, checkpointEvery } = order;
  const scan: Running = { abort: new AbortController(), asks: new Map() };
  running.set(scanId, scan);
  const outbox = new Outbox((reports) => post({ type: 'reports', scanId, reports }));
  const tell = (offset: number, length: number, error: unknown, code: string) =>
    new Promise<void>((resolve) => {
      // Stopped: the main thread counts nothing more of this scan (a read ahead may still fail).
      if (scan.abort.signal.aborted) return resolve();
      const ask = ++asks;
      scan.asks.set(ask, resolve);
      outbox.push({ type: 'read-failed', ask, offset, length, error: errorFacts(error, code) });
      outbox.flush();
    });
  let source: ByteSource | undefined;
  let end: ScanEnd = { type: 'end', how: 'done' };
  try {
    source = await open(order.file);
    const bytes = tellFailedReads(hooks ? hooks.wrapSource(source, order.file, data.hooks?.data) : source, tell);
    const found = scanMedia(bytes, {
      includeLive,
      keepCorrupt,
      signal: scan.abort.signal,
      onProgress: ({ bytesDone, bytesTotal }) => outbox.push({ type: 'progress', bytesDone, bytesTotal }),
      onUnreadable: ({ offset, length }, cause) => outbox.push({ type: 'unreadable', area: { offset, length }, error: errorFacts(cause, mediaErrorCode(cause)) }),
      onCheckpoint: (checkpoint) => outbox.push({ type: 'checkpoint', checkpoint }),
      ...(order.resumeFrom === undefined ? {} : { resumeFrom: order.resumeFrom as CarveCheckpoint }),
      ...(checkpointEvery === undefined ? {} : { checkpointEvery }),
    });
    for await (const finding of found) outbox.push({ type: 'finding', finding: { id: newFindingId(), ...finding } });
  } catch (error) {
    end = scan.abort.signal.aborted ? { type: 'end', how: 'aborted' } : { type: 'end', how: 'failed', message: messageOf(error) };
  }
  await source?.close().catch(() => undefined);
  running.delete(scanId);
  outbox.push(end);
  outbox.flush();
}

/** A scan of the warm-up image (warm-image.ts): the modules loaded and the scan path compiled before the first real scan. */
async function warm(): Promise<void> {
  let findings = 0;
  try {
    for await (const _ of scanMedia(bufferSource(warmImage(), 'warm-up'))) findings++;
    post({ type: 'warmed', findings });
  } catch (error) {
    post({ type: 'warmed', findings, error: messageOf(error) });
  }
}

port.on('message', (order: ThreadOrder) => {
  if (order.type === 'scan') void scan(order);
  else if (order.type === 'warm') void warm();
  else if (order.type === 'read-checked') {
    const scan = running.get(order.scanId);
    scan?.asks.get(order.ask)?.();
    scan?.asks.delete(order.ask);
  } else {
    const scan = running.get(order.scanId);
    if (!scan) return;
    scan.abort.abort();
    // A read waiting for the main thread goes on at once: its error, then the abort, end the scan.
    for (const resolve of scan.asks.values()) resolve();
    scan.asks.clear();
  }
});
