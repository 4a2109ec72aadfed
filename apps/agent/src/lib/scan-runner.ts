import type { ByteRun, Finding, ScanRequest, Source } from '@afterimage/contracts';
import { ScanRequestSchema, errorMessage } from '@afterimage/contracts';
import type { ByteSource } from '@afterimage/fs-parsers';
import { FindingBatch } from './finding-batch.js';
import { imageThenScanPolicy } from './imaging/index.js';
import { plainBytes } from './read-health/damaged-finding.js';
import type { ImageMap } from './read-health/image-map.js';
import { ReadHealth } from './read-health/read-health.js';
import type { ProgressUpdate, ScanSession } from './scan-session.js';
import type { ScanFile } from './scan-thread/protocol.js';
import { scanFileOf } from './scan-thread/thread-pipeline.js';
import type { FindingsRepo } from './store/findings-repo.js';
import type { SessionsRepo } from './store/sessions-repo.js';

export interface ScanPipelineOptions {
  includeLive: boolean;
  /** Keep a corrupt file's bytes after its last valid point (carve's keepCorrupt). */
  keepCorrupt: boolean;
  signal: AbortSignal;
  sink: {
    progress(progress: ProgressUpdate): void;
    finding(finding: Finding): void;
  };
  /** A checkpoint the pipeline gave before the agent stopped: go on from there. */
  resumeFrom?: unknown;
  /** Called with checkpoints as the scan goes; the runner stores the latest. */
  onCheckpoint?(checkpoint: unknown): void;
  /** An area the pipeline could not read and went past (a carve thread's; for a folder, a file's own bytes). */
  onUnreadable?(area: ByteRun, cause: unknown): void;
  /**
   * Where the image's bytes are, for a pipeline that reads them on another thread (scan-thread/): an
   * image file or a split set; absent for a device (read on this thread only: rule 2) and a folder.
   */
  file?: ScanFile;
  /** A read made on another thread failed: counted here (and its area read again) as a read of `source` would be. */
  onReadFailed?(offset: number, length: number, cause: unknown): Promise<void>;
}

/** Finds the media on a source and reports each finding (with a fresh id) to the sink. */
export type ScanPipeline = (source: ByteSource, options: ScanPipelineOptions) => Promise<void>;

export interface RunScanOptions {
  session: ScanSession;
  source: Source;
  bytes: ByteSource;
  request: ScanRequest;
  pipeline: ScanPipeline;
  sessions: SessionsRepo;
  findings: FindingsRepo;
  resumeFrom?: unknown;
  /** The imaging map of an image source (read-health/image-map.ts): its unread areas are bad sectors. */
  imageMap?: ImageMap | undefined;
}

/**
 * Runs a scan in the background: every finding is stored (in batches) before subscribers hear of it (and a finding
 * already stored — the same bytes at the same place, met again after a resume — is dropped); each
 * checkpoint is stored with the scan's state, so an agent killed mid-scan goes on from there.
 * What the scan cannot read is counted in its progress (ReadHealth): bad sectors, from the start
 * for an image with an imaging map, whose findings in unread areas say so. An image file or split set
 * is handed to the pipeline as `file` too: the agent's pipeline scans it on its scanning thread, and
 * the reads that fail there come back through onReadFailed, counted as if read here.
 */
export function runScan({ session, source, bytes: opened, request, pipeline, sessions, findings, resumeFrom, imageMap }: RunScanOptions): void {
  const { includeLive, keepCorrupt } = ScanRequestSchema.parse(request);
  const id = session.snapshot.id;
  // Rule 2 of DESIGN.md: a device that gives a read error is failing; the scan stops and says to
  // image it first, so it is read as little as possible.
  let imageFirst: string | undefined;
  const health = new ReadHealth({
    kind: source.kind,
    size: opened.size,
    map: imageMap,
    resumed: resumeFrom === undefined ? undefined : session.snapshot.progress,
    signal: session.abort.signal,
    onChange: (fields) => session.health(fields),
    onDeviceError: (offset) => {
      imageFirst ??= `${imageThenScanPolicy({ sourceKind: 'device', readErrors: 1 })} The scan stopped at its first read error, ${plainBytes(offset)} into the device (byte ${offset}).`;
      session.abort.abort(new Error(imageFirst));
    },
  });
  session.health(health.fields());
  const bytes = health.watch(opened);
  const batch = new FindingBatch(
    (found) => findings.add(id, found),
    (finding) => session.finding(finding),
  );
  const sink = {
    progress: (p: ProgressUpdate) => session.progress(p),
    finding: (finding: Finding) => batch.add(health.annotate(finding)),
  };
  // The findings before a checkpoint are stored before it is: a resume never skips one.
  const onCheckpoint = (checkpoint: unknown) => {
    batch.flush();
    sessions.updateScan(session.snapshot, checkpoint);
  };
  const onUnreadable = (area: ByteRun, cause: unknown) => health.unreadable(area, cause);
  const onReadFailed = (offset: number, length: number, cause: unknown) => health.readFailedElsewhere(offset, length, cause);
  const file = scanFileOf(source);
  void pipeline(bytes, { includeLive, keepCorrupt, signal: session.abort.signal, sink, resumeFrom, onCheckpoint, onUnreadable, onReadFailed, ...(file ? { file } : {}) })
    .finally(() => health.settled())
    .finally(() => batch.flush())
    .then(
      () => session.finish('done'),
      (error: unknown) => {
        if (imageFirst) session.finish('failed', imageFirst);
        else if (session.stopping) session.finish(session.stopping);
        else session.finish('failed', errorMessage(error));
      },
    )
    .finally(() => {
      sessions.updateScan(session.snapshot);
      return bytes.close();
    });
}
