import type { ImagingProgress, ImagingState, Source } from '@afterimage/contracts';
import { errorMessage } from '@afterimage/contracts';
import type { ByteSource } from '@afterimage/fs-parsers';
import { EventLog } from './event-log.js';
import { ImagingError, imageDevice, imageSource, type ImagingOptions, type ImagingResult } from './imaging/index.js';
import type { ImagingRepo, ImagingSettings } from './store/imaging-repo.js';

export type ImagingEvent = { type: 'progress'; progress: ImagingProgress } | { type: 'done'; state: ImagingState };

/** How the imaging jobs read and write; the defaults are the agent's (tests give a slow, failing source). */
export interface ImagingRunOptions {
  /** Opens the source's path read-only; openFileSource (through imageDevice) when absent. */
  open?: (path: string) => Promise<ByteSource>;
  /** How often the map is saved (the imager's default, 3 s, when absent). */
  saveIntervalMs?: number;
}

/** What a job needs from the rest of the agent. */
export interface ImagingJobHost {
  repo: ImagingRepo;
  /** Makes the finished image a source of its own (to scan instead of the failing device). */
  addImage(path: string): Promise<Source>;
  run: ImagingRunOptions;
}

/** The stored state is brought up to date at most this often while a job runs (and at its end). */
const SAVE_PROGRESS_MS = 1000;

async function imageFrom(path: string, options: ImagingOptions, open: ImagingRunOptions['open']): Promise<ImagingResult> {
  if (!open) return imageDevice(path, options);
  const source = await open(path);
  try {
    return await imageSource(source, options);
  } finally {
    await source.close();
  }
}

/**
 * One imaging job running in this agent: its state (kept in the store), its event log, and how it
 * ends. Stopped for a cancel it ends 'cancelled'; stopped because the agent is stopping it stays
 * 'running' in the store, with its map saved, and goes on from the map at the next start.
 */
export class ImagingJob {
  readonly log: EventLog<ImagingEvent>;
  private readonly abort = new AbortController();
  private stopping: 'cancel' | 'shutdown' | undefined;
  private savedAt = 0;
  private ended: Promise<void> = Promise.resolve();

  constructor(
    public state: ImagingState,
    readonly settings: ImagingSettings,
    /** Started by the agent itself, going on with a job the last agent left running. */
    readonly resumed: boolean,
    private readonly host: ImagingJobHost,
  ) {
    // A resumed job's event ids go on above any the last agent gave (at most one per progress report,
    // so fewer than the milliseconds since the job started): a client that follows it across the
    // restart and resumes after its last id replays this log instead of waiting for ids it will not see.
    this.log = new EventLog(resumed ? Math.max(0, Date.now() - Date.parse(state.startedAt)) : 0);
    if (state.progress) this.log.push({ type: 'progress', progress: state.progress });
  }

  get running(): boolean {
    return this.state.status === 'running' && !this.stopping;
  }

  start(sourcePath: string): void {
    const options: ImagingOptions = {
      imagePath: this.state.imagePath,
      mapPath: this.state.mapPath,
      ...(this.settings.sectorSize ? { sectorSize: this.settings.sectorSize } : {}),
      ...(this.settings.retries !== undefined ? { retries: this.settings.retries } : {}),
      ...(this.host.run.saveIntervalMs !== undefined ? { saveIntervalMs: this.host.run.saveIntervalMs } : {}),
      signal: this.abort.signal,
      onProgress: (progress) => this.progress(progress),
    };
    this.ended = imageFrom(sourcePath, options, this.host.run.open)
      .then(async (result) => {
        const image = await this.host.addImage(this.state.imagePath);
        this.finish({ status: 'done', complete: result.complete, progress: result.progress, imageSourceId: image.id });
      })
      .catch((error: unknown) => {
        if (this.stopping === 'shutdown') return this.pause();
        const status = this.stopping === 'cancel' ? 'cancelled' : 'failed';
        this.finish({ status, ...(status === 'failed' ? { error: error instanceof ImagingError ? error.message : `Imaging stopped: ${errorMessage(error)}` } : {}) });
      });
  }

  /** Stops the job (it saves its map first) and resolves when it has. */
  stop(why: 'cancel' | 'shutdown'): Promise<void> {
    if (this.running) {
      this.stopping = why;
      this.abort.abort();
    }
    return this.ended;
  }

  private progress(progress: ImagingProgress): void {
    this.state = { ...this.state, progress };
    this.log.push({ type: 'progress', progress });
    const now = Date.now();
    if (now - this.savedAt >= SAVE_PROGRESS_MS) {
      this.savedAt = now;
      this.host.repo.update(this.state);
    }
  }

  /** The agent is stopping: the job stays 'running' in the store with its last progress. */
  private pause(): void {
    this.host.repo.update(this.state);
    this.log.close();
  }

  private finish(end: Partial<ImagingState>): void {
    this.state = { ...this.state, ...end, finishedAt: new Date().toISOString() };
    this.host.repo.update(this.state);
    this.log.push({ type: 'done', state: this.state });
    this.log.close();
  }
}
