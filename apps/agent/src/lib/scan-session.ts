import type { Finding, NumberedScanEvent, ScanEvent, ScanState } from '@afterimage/contracts';
import { EventLog } from './event-log.js';
import { READ_HEALTH_KEYS, type ReadHealthFields } from './read-health/read-health.js';

/** Where a scan is: bytes, and for a folder source files too. */
export interface ProgressUpdate {
  bytesDone: number;
  bytesTotal: number;
  filesDone?: number;
  filesTotal?: number;
}

/** What a scan pipeline reports to its session. */
export interface ScanSink {
  progress(progress: ProgressUpdate): void;
  finding(finding: Finding): void;
}

const PROGRESS_EVERY_MS = 150;

/**
 * One scan: its state, its findings, and the numbered event log a subscriber replays from any id
 * (so a dashboard that reconnects, or opens later, sees the same stream).
 */
export class ScanSession implements ScanSink {
  readonly findings = new Map<string, Finding>();
  private readonly log = new EventLog<ScanEvent>();
  private lastProgressAt = 0;
  private readonly startedAtMs = Date.now();
  private state: ScanState;
  readonly abort = new AbortController();
  /** Why the scan was asked to stop, when it was. */
  stopping?: 'cancelled' | 'paused';

  constructor(id: string, sourceId: string, bytesTotal: number) {
    this.state = {
      id,
      sourceId,
      status: 'running',
      startedAt: new Date(this.startedAtMs).toISOString(),
      progress: { bytesDone: 0, bytesTotal, rateBytesPerSecond: 0, findingsByFormat: {} },
      findingCount: 0,
    };
  }

  /**
   * A scan the agent was running when it stopped, going on: its stored findings are replayed first, so
   * a subscriber sees the whole stream; progress counts from where the checkpoint was.
   */
  static resumed(stored: ScanState, findings: readonly Finding[]): ScanSession {
    const session = new ScanSession(stored.id, stored.sourceId, stored.progress.bytesTotal);
    session.state = { ...session.state, startedAt: stored.startedAt, progress: { ...stored.progress, findingsByFormat: {} } };
    for (const finding of findings) session.finding(finding);
    return session;
  }

  get snapshot(): ScanState {
    return structuredClone(this.state);
  }

  get finished(): boolean {
    return this.state.status !== 'running';
  }

  progress({ bytesDone, bytesTotal, filesDone, filesTotal }: ProgressUpdate): void {
    const seconds = Math.max((Date.now() - this.startedAtMs) / 1000, 0.001);
    const rateBytesPerSecond = Math.round(bytesDone / seconds);
    const files = filesTotal === undefined ? {} : { filesDone: filesDone ?? 0, filesTotal };
    this.state.progress = { ...this.state.progress, bytesDone, bytesTotal, rateBytesPerSecond, ...files };
    const now = Date.now();
    if (now - this.lastProgressAt >= PROGRESS_EVERY_MS || bytesDone >= bytesTotal) {
      this.lastProgressAt = now;
      this.push({ type: 'progress', progress: this.state.progress });
    }
  }

  /**
   * What the scan could not read (bad sectors, unreadable bytes…), in place of what it said before;
   * told at once when it is news, else with the next progress.
   */
  health(fields: ReadHealthFields): void {
    const progress: ScanState['progress'] = { ...this.state.progress };
    const before = READ_HEALTH_KEYS.map((key) => progress[key]);
    for (const key of READ_HEALTH_KEYS) delete progress[key];
    Object.assign(progress, fields);
    const after = READ_HEALTH_KEYS.map((key) => progress[key]);
    if (after.every((value, i) => value === before[i])) return;
    this.state.progress = progress;
    const news = !before[0] && Boolean(after[0]);
    const now = Date.now();
    if (news || now - this.lastProgressAt >= PROGRESS_EVERY_MS) {
      this.lastProgressAt = now;
      this.push({ type: 'progress', progress: this.state.progress });
    }
  }

  finding(finding: Finding): void {
    this.findings.set(finding.id, finding);
    this.state.findingCount = this.findings.size;
    const byFormat = this.state.progress.findingsByFormat;
    byFormat[finding.format] = (byFormat[finding.format] ?? 0) + 1;
    this.push({ type: 'finding', finding });
  }

  /** Asks the running scan to stop; a paused one goes on from its last checkpoint when resumed. */
  stop(how: 'cancelled' | 'paused'): void {
    if (this.finished || this.stopping) return;
    this.stopping = how;
    this.abort.abort(new Error(`scan ${how}`));
  }

  /** The scan ended: done, failed, cancelled, or paused (it stopped at a checkpoint to go on from later). */
  finish(status: 'done' | 'failed' | 'cancelled' | 'paused', error?: string): void {
    if (this.finished) return;
    if (status === 'done') this.state.progress.bytesDone = this.state.progress.bytesTotal;
    this.state = { ...this.state, status, finishedAt: new Date().toISOString(), ...(error ? { error } : {}) };
    this.push({ type: 'progress', progress: this.state.progress });
    this.push({ type: 'done', state: this.snapshot });
    this.log.close();
  }

  /** Events after `lastEventId` (all when null), then live ones until the scan ends or the signal aborts. */
  events(lastEventId: string | null | undefined, signal?: AbortSignal): AsyncGenerator<NumberedScanEvent> {
    return this.log.events(lastEventId, signal);
  }

  /** How many events it logged so far: the id the next one gets. */
  get eventCount(): number {
    return this.log.length;
  }

  /** As events(), in arrays of what was logged together (scan-event-batches.ts makes them 'findings' events). */
  eventChunks(lastEventId: string | null | undefined, signal?: AbortSignal): AsyncGenerator<NumberedScanEvent[]> {
    return this.log.chunks(lastEventId, signal);
  }

  private push(event: ScanEvent): void {
    this.log.push(event);
  }
}
