import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ImagingRequest, ImagingState, Source } from '@afterimage/contracts';
import { ImagingRequestSchema, ServiceError } from '@afterimage/contracts';
import { assertDestinationOffSource } from './destination-guard.js';
import type { Numbered } from './event-log.js';
import { ImagingJob, type ImagingEvent, type ImagingRunOptions } from './imaging-job.js';
import { numbered, replayStored } from './replay-stored.js';
import type { ImagingRepo, ImagingSettings, StoredImaging } from './store/imaging-repo.js';

export type { ImagingEvent, ImagingRunOptions } from './imaging-job.js';

/** What the imaging jobs need from the rest of the agent. */
export interface ImagingHost {
  source(id: string): Source;
  /** Makes the finished image a source of its own (to scan instead of the failing device). */
  addImage(path: string): Promise<Source>;
}

const sameSettings = (a: ImagingSettings, b: ImagingSettings) => a.sectorSize === b.sectorSize && a.retries === b.retries;

/** A stored job that is not running in this agent, replayed as its event stream. */
const replay = ({ state }: StoredImaging, lastEventId: string | null | undefined) =>
  replayStored(numbered<ImagingEvent>([...(state.progress ? [{ type: 'progress' as const, progress: state.progress }] : []), { type: 'done', state }]), lastEventId);

/**
 * Imaging jobs: a source (a failing device) copied to an image with a ddrescue map, in the
 * background, with progress a subscriber replays from any event id. The image and its map are
 * refused on the source device (rule 1 of DESIGN.md). Jobs are kept in the session database: they
 * are listed after a restart, and one that was running when the agent stopped goes on from its map
 * at the next start (resumeInterrupted). A job that is cancelled keeps its map, so a new job with
 * the same paths goes on where it stopped.
 */
export class ImagingJobs {
  /** Jobs started (or resumed) by this agent. */
  private readonly live = new Map<string, ImagingJob>();

  constructor(
    private readonly host: ImagingHost,
    private readonly repo: ImagingRepo,
    private readonly run: ImagingRunOptions = {},
  ) {}

  async start(request: ImagingRequest): Promise<ImagingState> {
    const { sourceId, imagePath, mapPath, sectorSize, retries } = ImagingRequestSchema.parse(request);
    if (!isAbsolute(imagePath) || (mapPath && !isAbsolute(mapPath))) throw new ServiceError('BAD_REQUEST', 'Give absolute paths for the image and its map.');
    const source = this.host.source(sourceId);
    const image = resolve(imagePath);
    const map = resolve(mapPath ?? `${imagePath}.map`);
    if ([image, map].includes(resolve(source.path))) throw new ServiceError('FORBIDDEN', `Refusing to write over the source ${source.path}.`);
    for (const folder of new Set([dirname(image), dirname(map)])) {
      await assertDestinationOffSource(source.path, folder);
      await mkdir(folder, { recursive: true });
    }
    const settings: ImagingSettings = { sectorSize, retries };
    const busy = [...this.live.values()].find((j) => j.running && (j.state.imagePath === image || j.state.mapPath === map));
    if (busy) {
      // The job this agent went on with after a restart is the same command run again: it is handed
      // over (or, asked with other settings, stopped at its map and started again with these).
      const same = busy.resumed && busy.state.sourceId === sourceId && busy.state.imagePath === image && busy.state.mapPath === map;
      if (!same) throw new ServiceError('CONFLICT', `${imagePath} is being written by another imaging job.`);
      if (sameSettings(busy.settings, settings)) return busy.state;
      await busy.stop('cancel');
    }
    const state: ImagingState = { id: `img-${randomUUID().slice(0, 8)}`, sourceId, imagePath: image, mapPath: map, status: 'running', startedAt: new Date().toISOString() };
    this.repo.create(state, settings);
    this.launch(new ImagingJob(state, settings, false, this.jobHost()), source);
    return state;
  }

  /** Goes on with the jobs that were running when the agent stopped, each from its map file. */
  async resumeInterrupted(): Promise<string[]> {
    const resumed: string[] = [];
    for (const stored of this.repo.interrupted()) {
      const { finishedAt: _, error: __, ...state } = stored.state;
      let source: Source;
      try {
        source = this.host.source(state.sourceId);
      } catch (error) {
        this.repo.update({ ...state, status: 'failed', finishedAt: new Date().toISOString(), error: `Not resumed: ${(error as Error).message}` });
        continue;
      }
      this.launch(new ImagingJob(state, stored.settings, true, this.jobHost()), source);
      resumed.push(state.id);
    }
    return resumed;
  }

  private launch(job: ImagingJob, source: Source): void {
    this.live.set(job.state.id, job);
    job.start(source.path);
  }

  private jobHost() {
    return { repo: this.repo, addImage: (path: string) => this.host.addImage(path), run: this.run };
  }

  get(id: string): ImagingState {
    const state = this.live.get(id)?.state ?? this.repo.get(id)?.state;
    if (!state) throw new ServiceError('NOT_FOUND', `No imaging job ${id}.`);
    return state;
  }

  /** Every job the store keeps, oldest first, with live progress for those running here. */
  list(): ImagingState[] {
    return this.repo.all().map((stored) => this.live.get(stored.state.id)?.state ?? stored.state);
  }

  cancel(id: string): ImagingState {
    const job = this.live.get(id);
    const state = this.get(id);
    if (!job?.running) throw new ServiceError('CONFLICT', `Imaging job ${id} is ${state.status === 'running' ? 'stopping' : state.status}.`);
    void job.stop('cancel');
    return job.state;
  }

  events(id: string, lastEventId: string | null | undefined, signal?: AbortSignal): AsyncGenerator<Numbered<ImagingEvent>> {
    const job = this.live.get(id);
    if (job) return job.log.events(lastEventId, signal);
    const stored = this.repo.get(id);
    if (!stored) throw new ServiceError('NOT_FOUND', `No imaging job ${id}.`);
    return replay(stored, lastEventId);
  }

  /** The agent is stopping: running jobs save their maps and stay 'running', to go on at the next start. */
  async shutdown(): Promise<void> {
    await Promise.all([...this.live.values()].map((job) => job.stop('shutdown')));
  }
}
